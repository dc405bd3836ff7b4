"""Ids travel with labels: where program or cohort names repeat across institutions (a consortium), every
label names one program or cohort, and the sidebar, the describing words and the chart categories agree, so
a clicked bar narrows to exactly its program."""
from __future__ import annotations

from pathlib import Path

import pytest

from peers_dash import queries
from peers_dash.model.filters import CohortFilter
from peers_dash.queries import lookups
from peers_dash.store.db import open_readonly


@pytest.fixture(scope="module")
def system(system_db) -> Path:
    return system_db


def test_every_program_and_cohort_label_names_one_of_them_and_repeated_names_say_which_institution(system):
    con = open_readonly(system)
    try:
        programs = lookups.programs(con)
        cohorts = lookups.cohorts(con)
        institutions = lookups.institutions(con)
    finally:
        con.close()
    assert programs["name"].duplicated().any()  # the fixture has what a consortium has: repeated names
    assert programs["label"].is_unique and cohorts["label"].is_unique
    by_id = programs.set_index("program_id")
    inst = dict(zip(institutions["institution_id"], institutions["name"]))
    for pid, row in by_id.iterrows():
        repeated = (programs["name"] == row["name"]).sum() > 1
        assert row["label"] == (f"{row['name']} · {inst[row['institution_id']]}" if repeated else row["name"])


def test_a_chart_by_program_has_one_bar_per_program_and_its_labels_are_the_sidebars(system):
    con = open_readonly(system)
    try:
        att = queries.attendance(con, CohortFilter(), ["program"])
        sidebar = set(lookups.programs(con)["label"])
        one = lookups.programs(con).iloc[5]
        described = CohortFilter(programs=(int(one["program_id"]),)).describe(
            lookups.labeller(con, CohortFilter(programs=(int(one["program_id"]),))))
    finally:
        con.close()
    assert att["program"].is_unique and att["program_id"].is_unique  # no two programs share a bar
    assert set(att["program"]) <= sidebar  # a clicked bar's label is a sidebar option: it narrows to that program
    assert one["label"] in described


def test_a_consortium_label_is_drawn_on_two_lines_but_its_bar_stays_the_whole_label(system):
    from peers_dash.charts import build_rate_bars

    con = open_readonly(system)
    try:
        att = queries.attendance(con, CohortFilter(), ["program"])
    finally:
        con.close()
    fig = build_rate_bars(att, "program", title="Attendance rate", rate="rate", n="n_counted", max_bars=len(att))
    axis = fig.layout.yaxis
    repeated = [label for label in att["program"] if " · " in label]
    assert repeated and set(repeated) <= set(axis.tickvals)  # clicks and hovers carry the whole label
    assert all("<br>" in t for t, v in zip(axis.ticktext, axis.tickvals) if " · " in v)


def test_more_programs_than_a_chart_can_show_draw_the_largest_and_say_so(system):
    from peers_dash.charts import MAX_BARS, build_rate_bars

    con = open_readonly(system)
    try:
        att = queries.attendance(con, CohortFilter(), ["program"])
    finally:
        con.close()
    assert len(att) > MAX_BARS
    fig = build_rate_bars(att, "program", title="Attendance rate", rate="rate", n="n_counted")
    drawn = list(fig.data[0].y)
    largest = set(att.nlargest(MAX_BARS, "n_counted")["program"])
    assert len(drawn) == MAX_BARS and set(drawn) == largest
    assert f"The {MAX_BARS} largest of {len(att)} are drawn" in fig.layout.title.subtitle.text.split("<br>")[1]


def test_labels_are_made_again_by_every_write_so_a_name_that_comes_to_repeat_says_which_institution(system,
                                                                                                     tmp_path):
    """Labels are pre-computed (sql/rollups/dim_labels.sql): a write that gives a second institution a program
    of an existing name renames both at once, in the sidebar's list and in the query results alike."""
    import shutil

    from peers_dash.store.writer import writing

    db = tmp_path / "system.duckdb"
    shutil.copyfile(system, db)
    with writing(db) as w:
        first, second = (r[0] for r in w.execute("SELECT institution_id FROM institutions ORDER BY 1 LIMIT 2")
                         .fetchall())
        top = w.execute("SELECT max(program_id) FROM programs").fetchall()[0][0]
        w.execute("INSERT INTO programs VALUES (?, ?, 'Wilderness Medicine', 'fellowship', 1, 2020, 2020)",
                  [top + 1, first])
    con = open_readonly(db)
    try:
        alone = lookups.labels(con, "program", [top + 1])
    finally:
        con.close()
    assert alone == {top + 1: "Wilderness Medicine"}
    with writing(db) as w:
        w.execute("INSERT INTO programs VALUES (?, ?, 'Wilderness Medicine', 'fellowship', 1, 2020, 2020)",
                  [top + 2, second])
    con = open_readonly(db)
    try:
        both = lookups.labels(con, "program", [top + 1, top + 2])
        names = dict(con.execute("SELECT institution_id, name FROM institutions").fetchall())
    finally:
        con.close()
    assert both == {top + 1: f"Wilderness Medicine · {names[first]}", top + 2: f"Wilderness Medicine · {names[second]}"}
