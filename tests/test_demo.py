"""The school-scale demo (seed 2017) looks like a real PEERS program, and a seed always gives the same rows."""
from __future__ import annotations

from datetime import date

import duckdb
import pytest

from peers_dash import PeersError
from peers_dash.model.catalog import INSTRUMENTS, ITEMS, load_catalog
from peers_dash.store.db import migrate, open_readonly
from peers_dash.store.demo import DATA_AS_OF, build_demo

VIEWS = ("v_attendance", "v_survey_answers", "v_response_rates", "attendance_facts", "answer_facts")
TABLES = ("institutions", "programs", "cohorts", "groups", "facilitators", "group_facilitators", "participants",
          "memberships", "sessions", "attendance", "survey_waves", "wave_eligible", "responses", "answers")


@pytest.fixture(scope="module")
def con(demo_db):
    connection = open_readonly(demo_db)
    yield connection
    connection.close()


def rows(con, sql: str, *params) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def one(con, sql: str, *params):
    """The single value of a one-row query, or the row when it has several columns."""
    row = rows(con, sql, *params)[0]
    return row[0] if len(row) == 1 else row


def checksums(path) -> dict[str, tuple]:
    connection = open_readonly(path)
    try:
        return {name: tuple(connection.execute("SELECT count(*), sum(hash(x)) FROM " + name + " x").fetchall()[0])
                for name in VIEWS + TABLES}
    finally:
        connection.close()


# ---- institutions, programs, cohorts

def test_school_has_one_institution_with_about_eight_programs_of_every_kind(con):
    assert rows(con, "SELECT name FROM institutions") == [("Northbridge School of Medicine",)]
    assert 7 <= one(con, "SELECT count(*) FROM programs") <= 9
    kinds = dict(rows(con, "SELECT kind, count(*) FROM programs GROUP BY kind"))
    assert kinds["md"] == 1 and kinds["residency"] >= 4 and kinds["fellowship"] >= 1 and kinds["graduate"] >= 1


def test_md_program_joined_in_2017_with_classes_of_about_140_named_by_graduation(con):
    assert rows(con, "SELECT years, joined_year FROM programs WHERE kind = 'md'") == [(4, 2017)]
    names = rows(con, "SELECT c.name, c.entry_year, c.grad_year FROM cohorts c JOIN programs p USING (program_id)"
                      " WHERE p.kind = 'md' ORDER BY entry_year")
    assert names[0] == ("MD Class of 2021", 2017, 2021)
    assert [n[1] for n in names] == list(range(2017, 2027))
    sizes = rows(con, "SELECT count(*) FROM participants JOIN cohorts USING (cohort_id)"
                      " JOIN programs p USING (program_id) WHERE p.kind = 'md' GROUP BY cohort_id")
    assert all(120 <= n <= 160 for (n,) in sizes)


def test_residencies_join_later_and_cohorts_are_named_by_graduation(con):
    joined = rows(con, "SELECT joined_year FROM programs WHERE kind = 'residency'")
    assert len(joined) >= 4 and all(2019 <= y <= 2022 for (y,) in joined)
    assert one(con, "SELECT count(*) FROM cohorts WHERE name = 'Internal Medicine Class of 2023'") == 1


def test_only_cohorts_with_a_class_year_inside_the_program_window_exist(con):
    outside = one(con, "SELECT count(*) FROM cohorts c JOIN programs p USING (program_id)"
                       " WHERE c.entry_year > 2026 OR c.grad_year - 1 < p.joined_year"
                       " OR (p.kind = 'md' AND c.entry_year < p.joined_year) OR c.grad_year <> c.entry_year + p.years")
    assert outside == 0


def test_fellows_are_pgy4_to_pgy6_and_phd_students_g1_to_g5(con):
    assert {r[0] for r in rows(con, "SELECT DISTINCT class_year FROM v_attendance WHERE program_kind = 'fellowship'")} \
        == {"PGY4", "PGY5", "PGY6"}
    assert {r[0] for r in rows(con, "SELECT DISTINCT class_year FROM v_attendance WHERE program_kind = 'graduate'")} \
        == {"G1", "G2", "G3", "G4", "G5"}
    assert {r[0] for r in rows(con, "SELECT DISTINCT class_year FROM v_attendance WHERE program_kind = 'md'")} \
        == {"MS1", "MS2", "MS3", "MS4"}


# ---- groups, memberships, facilitators

def test_groups_start_with_seven_to_nine_members_as_a_rule(con):
    sizes = [n for (n,) in rows(con, "SELECT count(*) FROM memberships m WHERE start_date ="
                                     " (SELECT min(start_date) FROM memberships x WHERE x.group_id = m.group_id)"
                                     " GROUP BY group_id")]
    sizes.sort()
    assert 6 <= sizes[len(sizes) // 2] <= 10
    assert sum(7 <= n <= 9 for n in sizes) / len(sizes) >= 0.75


def test_md_groups_keep_their_members_across_years(con):
    kept = one(con, """
        WITH first AS (SELECT f.group_id, f.participant_id FROM attendance_facts f
                       JOIN cohorts c USING (cohort_id)
                       WHERE f.program_kind = 'md' AND f.session_number = 1 AND c.grad_year <= 2026),
             last AS (SELECT DISTINCT group_id, participant_id FROM attendance_facts
                      WHERE program_kind = 'md' AND session_number = 10)
        SELECT avg(CASE WHEN l.participant_id IS NULL THEN 0 ELSE 1 END) FROM first
        LEFT JOIN last l USING (group_id, participant_id)""")
    assert kept >= 0.85


def test_a_few_memberships_end_with_a_leave_a_transfer_or_a_withdrawal(con):
    reasons = dict(rows(con, "SELECT coalesce(end_reason, 'open'), count(DISTINCT participant_id)"
                             " FROM memberships GROUP BY ALL"))
    people = one(con, "SELECT count(*) FROM participants")
    assert 0 < reasons["leave"] <= 0.06 * people and 0 < reasons["transfer"] <= 0.05 * people
    assert reasons["withdrew"] > 0 and reasons["graduated"] > 0 and reasons["open"] > 0
    returned = one(con, "SELECT count(*) FROM memberships m JOIN memberships l USING (participant_id, group_id)"
                        " WHERE l.end_reason = 'leave' AND m.start_date > l.end_date + 300")
    assert returned > 0


def test_attendance_rows_are_exactly_the_members_enrolled_on_the_session_date(con):
    expected = """SELECT s.session_id, m.participant_id FROM sessions s JOIN memberships m
                  ON m.group_id = s.group_id AND s.session_date BETWEEN m.start_date AND coalesce(m.end_date, ?)"""
    got = "SELECT session_id, participant_id FROM attendance"
    assert one(con, "SELECT count(*) FROM (" + expected + " EXCEPT " + got + ")", DATA_AS_OF) == 0
    assert one(con, "SELECT count(*) FROM (" + got + " EXCEPT " + expected + ")", DATA_AS_OF) == 0
    assert one(con, "SELECT count(*) - count(DISTINCT (session_id, participant_id)) FROM attendance") == 0


def test_every_group_has_two_pseudonymous_facilitators(con):
    counts = {n for (n,) in rows(con, "SELECT count(*) FROM group_facilitators GROUP BY group_id")}
    assert counts == {2}
    assert one(con, "SELECT count(*) FROM groups") == one(con, "SELECT count(DISTINCT group_id) FROM group_facilitators")


# ---- sessions

def test_md_sessions_follow_the_ten_session_plan_over_four_years(con):
    plan = dict(rows(con, "SELECT session_number, list(DISTINCT class_year) FROM v_attendance"
                          " WHERE program_kind = 'md' GROUP BY ALL"))
    expected = {1: "MS1", 2: "MS1", 3: "MS1", 4: "MS1", 5: "MS2", 6: "MS2", 7: "MS2", 8: "MS3", 9: "MS3", 10: "MS4"}
    assert {n: years for n, years in plan.items()} == {n: [cy] for n, cy in expected.items()}
    per_group = {r for r in rows(con, "SELECT count(*), count(DISTINCT session_number) FROM sessions s"
                                      " JOIN groups g USING (group_id) JOIN cohorts c USING (cohort_id)"
                                      " WHERE c.program_id = 1 AND c.grad_year <= 2026 GROUP BY group_id")}
    assert per_group == {(10, 10)}
    topics = dict(rows(con, "SELECT DISTINCT session_number, topic FROM sessions"))
    assert topics[1] == "Getting started: group norms and goals" and topics[4] == "Thinking traps (CBT)"
    assert topics[10] == "Looking ahead: sustaining well-being" and len(topics) == 10


def test_md_groups_meet_near_a_cohort_wide_date(con):
    spread, days = one(con, "SELECT max(d), count(DISTINCT dates) FROM (SELECT max(session_date) - min(session_date) AS d,"
                            " count(DISTINCT session_date) AS dates FROM sessions s JOIN groups g USING (group_id)"
                            " JOIN cohorts c USING (cohort_id) WHERE c.program_id = 1 GROUP BY g.cohort_id, session_number)")
    assert spread <= 14 and days > 1


def test_other_programs_meet_monthly_september_to_june(con):
    shape = rows(con, """SELECT DISTINCT count(*), min(month(session_date)), max(month(session_date))
                         FROM sessions s JOIN groups g USING (group_id) JOIN cohorts c USING (cohort_id)
                         JOIN programs p USING (program_id)
                         WHERE p.kind <> 'md' AND ay_start(session_date) < 2026 GROUP BY s.group_id, ay_start(session_date)""")
    assert {r[0] for r in shape} == {10}
    months = {m for (m,) in rows(con, "SELECT DISTINCT month(session_date) FROM sessions s JOIN groups USING (group_id)"
                                      " JOIN cohorts c USING (cohort_id) WHERE c.program_id <> 1")}
    assert months == {9, 10, 11, 12, 1, 2, 3, 4, 5, 6}


def test_sessions_have_plausible_times_and_lengths(con):
    lo_len, hi_len, lo_t, hi_t = one(con, "SELECT min(length_min), max(length_min), min(start_time), max(start_time)"
                                          " FROM sessions")
    assert 60 <= lo_len and hi_len <= 90
    assert str(lo_t) >= "08:00:00" and str(hi_t) <= "19:00:00"
    assert one(con, "SELECT count(*) FROM sessions WHERE dayofweek(session_date) IN (0, 6)") == 0


def test_all_2020_21_sessions_are_virtual_and_some_later_ones_are_not_in_person(con):
    by_year = dict(rows(con, "SELECT ay_start(session_date), avg((modality <> 'in_person')::INT) FROM sessions"
                             " GROUP BY 1"))
    assert by_year[2020] == 1.0 and by_year[2017] == 0.0 and by_year[2018] == 0.0
    assert all(0.05 <= by_year[y] <= 0.25 for y in range(2021, 2027))
    assert one(con, "SELECT count(*) FROM sessions WHERE modality = 'hybrid'") > 0


def test_no_session_or_wave_falls_after_the_data_date(con):
    assert one(con, "SELECT max(session_date) FROM sessions") <= DATA_AS_OF
    assert one(con, "SELECT max(greatest(opened, closed)) FROM survey_waves") <= DATA_AS_OF
    meta = dict(rows(con, "SELECT key, value FROM meta"))
    assert meta["demo_seed"] == "2017" and meta["demo_scale"] == "school"
    assert meta["data_as_of"] == DATA_AS_OF.isoformat() == "2026-11-15" and meta["is_demo"] == "true"


# ---- attendance

def test_attendance_rate_is_60_to_90_percent_with_3_to_10_percent_excused(con):
    rate, excused = one(con, "SELECT count(*) FILTER (WHERE status = 'present') / count(*) FILTER"
                             " (WHERE status <> 'excused'), avg((status = 'excused')::INT) FROM v_attendance")
    assert 0.6 <= rate <= 0.9 and 0.03 <= excused <= 0.10


def test_ms1_students_attend_at_least_ten_points_more_than_ms4(con):
    rate = dict(rows(con, "SELECT class_year, count(*) FILTER (WHERE status = 'present') / count(*) FILTER"
                          " (WHERE status <> 'excused') FROM v_attendance WHERE program_kind = 'md' GROUP BY 1"))
    assert rate["MS1"] >= rate["MS4"] + 0.10


def test_a_few_groups_fade_in_later_years(con):
    fading = one(con, """
        WITH f AS (SELECT program_id, group_id, class_year, count(*) FILTER (WHERE status = 'present') AS p,
                          count(*) FILTER (WHERE status <> 'excused') AS n FROM attendance_facts GROUP BY ALL),
             pc AS (SELECT program_id, class_year, sum(p) / sum(n) AS r FROM f GROUP BY ALL)
        SELECT count(DISTINCT group_id) FROM f JOIN pc USING (program_id, class_year)
        WHERE f.p / f.n <= pc.r - 0.25 AND class_year NOT IN ('MS1', 'PGY1', 'G1', 'PGY4')""")
    assert 3 <= fading <= 0.15 * one(con, "SELECT count(*) FROM groups")


def test_minutes_are_recorded_for_present_rows_only(con):
    bad = one(con, "SELECT count(*) FROM attendance a JOIN sessions s USING (session_id) WHERE"
                   " (status = 'present' AND (minutes IS NULL OR minutes > s.length_min OR minutes < 0.3 * s.length_min))"
                   " OR (status <> 'present' AND minutes IS NOT NULL)")
    assert bad == 0
    assert one(con, "SELECT avg(minutes / s.length_min) FROM attendance JOIN sessions s USING (session_id)") >= 0.85


def test_school_has_about_fifty_thousand_attendance_rows_and_a_hundred_thousand_answers(con):
    assert 30_000 <= one(con, "SELECT count(*) FROM v_attendance") <= 75_000
    assert 60_000 <= one(con, "SELECT count(*) FROM v_survey_answers") <= 150_000


# ---- surveys

def test_annual_waves_open_every_march_from_2018_to_2026(con):
    waves = rows(con, "SELECT name, academic_year, month(opened), year(opened) FROM survey_waves"
                      " WHERE kind = 'annual' ORDER BY academic_year")
    assert [w[1] for w in waves] == list(range(2017, 2026))
    assert waves[2][0] == "Annual well-being survey 2019-20"
    assert all(w[2] == 3 and w[3] == w[1] + 1 for w in waves)


def test_annual_eligibility_is_the_cohort_enrolled_at_opening_with_its_class_year(con):
    mismatched = one(con, """
        WITH enrolled AS (SELECT w.wave_id, p.cohort_id, count(DISTINCT m.participant_id) AS n
                          FROM survey_waves w JOIN memberships m
                            ON w.opened BETWEEN m.start_date AND coalesce(m.end_date, ?)
                          JOIN participants p USING (participant_id) WHERE w.kind = 'annual' GROUP BY ALL)
        SELECT count(*) FROM wave_eligible e JOIN survey_waves w USING (wave_id)
        JOIN cohorts c USING (cohort_id) JOIN programs p USING (program_id)
        FULL JOIN enrolled x ON x.wave_id = e.wave_id AND x.cohort_id = e.cohort_id
        WHERE coalesce(w.kind, 'annual') = 'annual' AND (x.n IS DISTINCT FROM e.n_eligible
              OR e.class_year <> class_year_label(p.kind, w.academic_year - c.entry_year + p.first_class_year))""",
                     DATA_AS_OF)
    assert mismatched == 0


def test_annual_response_rate_is_40_to_80_percent_and_highest_in_ms1(con):
    base = ("SELECT sum(n_responded) / sum(n_eligible) FROM v_response_rates"
            " WHERE wave LIKE 'Annual%' AND class_year LIKE ?")
    assert 0.4 <= one(con, base, "%") <= 0.8
    assert one(con, base, "MS1") >= one(con, base, "MS4") + 0.15


def test_responses_never_exceed_the_eligible_and_carry_no_participant_id(con):
    assert one(con, "SELECT count(*) FROM v_response_rates WHERE n_responded > n_eligible") == 0
    assert one(con, "SELECT count(*) FROM responses r LEFT JOIN wave_eligible e USING (wave_id, cohort_id)"
                    " WHERE e.wave_id IS NULL") == 0
    columns = {c for (c,) in rows(con, "SELECT column_name FROM duckdb_columns() WHERE table_name = 'responses'")}
    assert not any("participant" in c for c in columns)


def test_response_ids_are_unique_and_unrelated_to_waves_or_participants(con):
    assert one(con, "SELECT count(*) - count(DISTINCT response_id) FROM responses") == 0
    assert one(con, "SELECT count(*) - count(DISTINCT (response_id, item_id)) FROM answers") == 0
    assert abs(one(con, "SELECT corr(response_id, wave_id) FROM responses")) < 0.1
    # a wave's ids are scattered over the whole range, not a block
    assert one(con, "SELECT min(spread) FROM (SELECT max(response_id) - min(response_id) AS spread FROM responses GROUP BY wave_id)") > \
        0.5 * one(con, "SELECT count(*) FROM responses")


def test_annual_respondents_answer_every_item_and_some_leave_a_comment(con):
    annual = [i["item_id"] for i in ITEMS if i["instrument_id"] in ("peers", "pss4", "ucla3", "burnout")
              and not i.get("is_total")]
    per_response = {n for (n,) in rows(con, "SELECT count(*) FILTER (WHERE item_id <> 'comment') FROM answers a"
                                            " JOIN responses r USING (response_id) JOIN survey_waves w USING (wave_id)"
                                            " WHERE w.kind = 'annual' GROUP BY response_id")}
    assert per_response == {len(annual)} == {14}
    share = one(con, "SELECT count(DISTINCT respondent_id) FILTER (WHERE item_id = 'comment') /"
                     " count(DISTINCT respondent_id) FROM v_survey_answers WHERE wave_kind = 'annual'")
    assert 0.10 <= share <= 0.20
    assert one(con, "SELECT count(*) FROM answers WHERE text_value LIKE '=%'") > 0
    assert one(con, "SELECT count(*) FROM answers WHERE item_id <> 'comment' AND text_value IS NOT NULL") == 0


def test_every_answer_lies_on_its_item_scale(con):
    assert one(con, "SELECT count(*) FROM v_survey_answers WHERE value IS NOT NULL AND"
                    " (value < scale_min OR value > scale_max OR value <> round(value))") == 0
    values = dict(rows(con, "SELECT item_id, count(DISTINCT value) FROM answers WHERE value IS NOT NULL GROUP BY 1"))
    assert values["peers_space"] == 5 and values["pss4_1"] == 5 and values["ucla3_1"] == 3 and values["mbi_ee"] == 7


def test_peers_items_are_more_favourable_in_higher_attendance_bands(con):
    fav = dict(rows(con, "SELECT attendance_band, avg(favorable::INT) FROM v_survey_answers"
                         " WHERE item_id LIKE 'peers%' GROUP BY 1"))
    assert 0.40 <= fav["0-3"] <= 0.60 and 0.70 <= fav["8-10"] <= 0.90
    assert fav["0-3"] < fav["4-7"] < fav["8-10"]


def test_stress_loneliness_and_burnout_are_plausible_with_a_2020_21_bump(con):
    totals = dict(rows(con, """
        SELECT ay, avg(pss) FROM (
            SELECT a.ay, a.response_id, sum(CASE WHEN i.reverse_scored THEN 4 - a.value ELSE a.value END) AS pss
            FROM answer_facts a JOIN items i USING (item_id) WHERE i.instrument_id = 'pss4' GROUP BY ALL)
        GROUP BY ay"""))
    assert all(4 <= v <= 10 for v in totals.values())
    assert totals[2020] >= totals[2018] + 1
    lonely = dict(rows(con, "SELECT ay, avg(total) FROM (SELECT ay, response_id, sum(value) AS total FROM answer_facts"
                            " WHERE item_id LIKE 'ucla3%' GROUP BY ALL) GROUP BY ay"))
    assert all(3.5 <= v <= 7 for v in lonely.values()) and lonely[2020] > lonely[2018]
    burnout = dict(rows(con, "SELECT ay, avg(favorable::INT) FROM answer_facts WHERE item_id = 'mbi_ee' GROUP BY ay"))
    assert all(0.4 <= v <= 0.85 for v in burnout.values()) and burnout[2020] < burnout[2018]


def test_post_session_waves_cover_each_year_and_session_with_30_to_50_percent_answering(con):
    waves = rows(con, "SELECT name, topic, session_number FROM survey_waves WHERE kind = 'post_session'"
                      " AND academic_year = 2019 ORDER BY session_number")
    assert [w[2] for w in waves] == list(range(1, 11))
    assert waves[2][0] == "Session feedback 2019-20 #3" and waves[2][1] == "Gratitude and positive emotions"
    rate = one(con, "SELECT sum(n_responded) / sum(n_eligible) FROM v_response_rates WHERE wave LIKE 'Session%'")
    assert 0.3 <= rate <= 0.5
    present = one(con, "SELECT count(*) FROM (SELECT DISTINCT ay, session_number, participant_id"
                       " FROM attendance_facts WHERE status = 'present')")
    assert one(con, "SELECT sum(n_eligible) FROM wave_eligible JOIN survey_waves USING (wave_id)"
                    " WHERE kind = 'post_session'") == present
    items = {i for (i,) in rows(con, "SELECT DISTINCT item_id FROM v_survey_answers WHERE wave_kind = 'post_session'")}
    assert items == {"fb_helpful", "fb_safe", "fb_use"}


def test_some_cells_fall_under_five_people(con):
    small = one(con, "SELECT count(*) FROM v_response_rates WHERE n_responded BETWEEN 1 AND 4")
    assert small > 0
    assert one(con, "SELECT max(n) FROM (SELECT count(*) AS n FROM participants JOIN cohorts c USING (cohort_id)"
                    " JOIN programs p USING (program_id) WHERE p.kind = 'fellowship' GROUP BY cohort_id)") < 10


# ---- catalogue, determinism, build interface

def test_catalog_loads_the_fixed_item_ids_once():
    connection = duckdb.connect()
    migrate(connection)
    connection.execute("DELETE FROM items; DELETE FROM instruments; DELETE FROM meta WHERE key = 'catalog_digest'")
    assert load_catalog(connection) == len(INSTRUMENTS) + len(ITEMS)
    assert load_catalog(connection) == 0
    got = dict(connection.execute("SELECT item_id, instrument_id FROM items").fetchall())
    assert got["peers_space"] == "peers" and got["pss4_4"] == "pss4" and got["mbi_dp"] == "burnout"
    assert got["phq9_9"] == "phq9" and got["maslach_ee_total"] == "maslach_ee"
    reversed_pss4 = "SELECT list(item_id ORDER BY item_id) FROM items WHERE reverse_scored AND instrument_id = 'pss4'"
    assert connection.execute(reversed_pss4).fetchall() == [(["pss4_2", "pss4_3"],)]
    assert connection.execute("SELECT score_min, score_max, higher_is_better FROM instruments"
                              " WHERE instrument_id = 'pss4'").fetchall() == [(0, 16, False)]
    connection.close()


def test_the_same_seed_gives_identical_views_and_another_seed_differs(demo_db, tmp_path):
    steps: list[tuple[float, str]] = []
    counts = build_demo(tmp_path / "again.duckdb", scale="school", seed=2017,
                        progress=lambda fraction, message: steps.append((fraction, message)))
    build_demo(tmp_path / "other.duckdb", scale="school", seed=2018)
    first, again, other = checksums(demo_db), checksums(tmp_path / "again.duckdb"), checksums(tmp_path / "other.duckdb")
    assert first == again
    for name in ("v_attendance", "v_survey_answers", "v_response_rates", "attendance", "answers", "memberships"):
        assert first[name] != other[name], name
    assert counts["attendance"] == first["attendance"][0] and counts["answers"] == first["answers"][0]
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(steps) >= 5


def test_an_unknown_scale_is_refused(tmp_path):
    with pytest.raises(PeersError, match="scale"):
        build_demo(tmp_path / "x.duckdb", scale="galaxy")
    assert not (tmp_path / "x.duckdb").exists()
    assert date(2026, 11, 15) == DATA_AS_OF
