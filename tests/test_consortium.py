"""A consortium on one dashboard: each school's leaders see their own school only, with the consortium beside
it, and no link, filter, extract or subtraction reaches another school's figures."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from peers_dash import queries
from peers_dash.model.filters import CohortFilter
from peers_dash.privacy.access import Access, institutions_for
from peers_dash.queries import consortium, lookups
from peers_dash.store.db import open_readonly
from tests.test_access import AUTH
from tests.test_app import APP

HOME = "Northbridge School of Medicine"   # the demo's first institution: the school a dean is limited to
GRAIN = ["program_kind", "class_year", "year", "session_number", "topic", "modality"]  # a consortium cell
TABLE = {"*": ["lead@consortium.org"], HOME: ["@northbridge.edu", "group:northbridge-deans"]}
ROLES = {"admin": ["lead@consortium.org", "dean@northbridge.edu"], "analyst": ["@northbridge.edu"],
         "default": "viewer"}


@pytest.fixture(scope="module")
def con(system_db):
    c = open_readonly(system_db)
    yield c
    c.close()


def ids(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(con.execute("SELECT name, institution_id FROM institutions").fetchall())


# ---- who sees which institution -------------------------------------------------------------------------

def test_the_institutions_table_limits_people_and_names_nobody_else():
    assert institutions_for("ann@northbridge.edu", [], TABLE) == (HOME,)
    assert institutions_for("x@elsewhere.org", ["Northbridge-Deans"], TABLE) == (HOME,)
    assert institutions_for("lead@consortium.org", [], TABLE) is None          # a consortium lead: every one
    assert institutions_for("x@elsewhere.org", [], TABLE) == ()               # named nowhere: none
    assert institutions_for("x@northbridge.edu.evil.org", [], TABLE) == ()
    assert institutions_for("ann@northbridge.edu", [], None) is None          # no table: no limits
    assert not Access("admin", "dean", "signed in", (HOME,)).allows("admin")  # imports change every school
    assert Access("admin", "lead", "signed in", None).allows("admin")


# ---- the consortium's cells --------------------------------------------------------------------------------

def test_consortium_cells_are_the_published_cells_added_up_with_their_institutions_counted(con):
    pub = con.execute("SELECT sum(n_present), sum(n_absent), count(DISTINCT institution_id) FROM pub_att_cells"
                      ).fetchall()
    cons = con.execute("SELECT sum(n_present), sum(n_absent), max(n_inst) FROM cons_att_cells").fetchall()
    assert pub == cons
    wrong = con.execute("""
        SELECT count(*) FROM cons_att_cells c
        WHERE n_inst <> (SELECT count(DISTINCT institution_id) FROM pub_att_cells p
                         WHERE p.program_kind IS NOT DISTINCT FROM c.program_kind
                           AND p.class_year IS NOT DISTINCT FROM c.class_year AND p.ay = c.ay
                           AND p.session_number IS NOT DISTINCT FROM c.session_number
                           AND p.topic IS NOT DISTINCT FROM c.topic AND p.modality = c.modality)""").fetchall()[0][0]
    assert wrong == 0
    assert con.execute("SELECT count(*) FROM cons_att_cells WHERE n_inst < 3").fetchall()[0][0] > 0  # cases to drop


@pytest.mark.parametrize("school", [HOME, "Eastfield School of Medicine"])
def test_a_school_subtracting_its_own_figure_from_the_consortiums_learns_about_two_schools_at_least(con, school):
    """The attacker's subtraction at the finest grain: every consortium cell shown, minus the school's own
    figure for the same cell, covers at least two other institutions' published cells."""
    own = ids(con)[school]
    wide = CohortFilter(institutions=(own,)).consortium()
    shown = queries.attendance(con, wide, GRAIN)
    assert len(shown) > 100
    others = con.execute("""
        SELECT program_kind, class_year, ay, session_number, topic, modality,
               count(DISTINCT institution_id) FILTER (WHERE institution_id <> $own) AS n_other,
               sum(n_present) FILTER (WHERE institution_id <> $own) AS other_present
        FROM pub_att_cells GROUP BY ALL""", {"own": own}).df()
    shown_codes = shown.assign(program_kind=shown["program_kind"].map(
        {"MD": "md", "Residency": "residency", "Fellowship": "fellowship", "PhD and graduate": "graduate"}),
        modality=shown["modality"].map({"in person": "in_person", "virtual": "virtual", "hybrid": "hybrid"}),
        class_year=shown["class_year"].replace(queries.COMBINED, None),
        topic=shown["topic"].replace(queries.COMBINED, None))
    keys = ["program_kind", "class_year", "ay", "session_number", "topic", "modality"]

    def keyed(df):  # one text key per consortium cell, a missing value (a combined cell) as '-'
        return df.assign(key=df[keys].astype(object).where(df[keys].notna(), "-").astype(str).agg("|".join, axis=1))

    merged = keyed(shown_codes).merge(keyed(others)[["key", "n_other", "other_present"]], on="key", how="left",
                                      validate="one_to_one")
    assert merged["n_other"].notna().all()
    assert (merged["n_other"] >= 2).all(), merged[merged["n_other"] < 2][keys + ["n_other"]]
    assert (merged["n_present"] >= merged["other_present"]).all()


def test_a_person_seeing_two_schools_needs_two_more_in_every_cell(con):
    two = tuple(sorted(ids(con).values()))[:2]
    shown = queries.attendance(con, CohortFilter(institutions=two).consortium(own=2), GRAIN)
    n_cells = con.execute("SELECT count(*) FROM cons_att_cells WHERE n_inst >= 4").fetchall()[0][0]
    assert len(shown) == n_cells


def test_the_consortium_figure_leaves_rounded_with_a_middle_half_of_other_schools_only(con):
    home = ids(con)[HOME]
    wide = CohortFilter(institutions=(home,)).consortium()
    df = consortium.beside(con, "attendance", wide, ["class_year"], exclude=(home,))
    assert set(df.columns) == {"class_year", "consortium", "n_institutions", "middle_lo", "middle_hi"}  # no counts
    for column in ("consortium", "middle_lo", "middle_hi"):  # whole percent: no count can be read back
        values = df[column].dropna()
        assert len(values) and ((values * 100 - (values * 100).round()).abs() < 1e-9).all()
    full = df[df["n_institutions"] >= consortium.MIDDLE_HALF_MIN]
    assert len(full) and (full["middle_lo"] <= full["middle_hi"]).all()
    assert full["n_institutions"].max() == len(ids(con)) - 1  # the viewer's own school is not in it
    assert df.loc[df["n_institutions"].isna(), "middle_lo"].isna().all()
    with pytest.raises(ValueError):  # never narrowed to one institution's parts
        consortium.beside(con, "attendance", wide, ["program"])


def test_each_end_of_the_middle_half_is_the_mean_of_three_schools_never_one():
    own = pd.DataFrame({"institution_id": range(1, 8), "rate": [0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70]})
    spread = consortium._middle_half(own, [], "rate", 0.01)
    assert spread["n_institutions"].tolist() == [7]
    # the quartiles sit at positions 1.5 and 4.5 of the seven: each end is the mean of the three around it
    assert spread["middle_lo"].iloc[0] == pytest.approx((0.2 + 0.3 + 0.4) / 3, abs=0.005)
    assert spread["middle_hi"].iloc[0] == pytest.approx((0.4 + 0.5 + 0.6) / 3, abs=0.005)
    four = consortium._middle_half(own.head(4), [], "rate", 0.01)
    assert four["middle_lo"].isna().all() and four["n_institutions"].isna().all()  # too few to show, or count


def test_a_school_that_adds_nothing_to_a_rate_does_not_make_up_the_three():
    """An all-excused cell (a cancelled session) is published, but adds nothing to present + absent: it does
    not count as a contributing school, so the other two cannot be told apart by subtraction."""
    from peers_dash.sql import run_script

    c = duckdb.connect()
    c.execute("""CREATE TABLE pub_att_cells AS SELECT * FROM (VALUES
        (1, 1, 'md', 1, 'MS1', 2020, 2, 't', 'in_person', 2, 2, 10, 2, 0),
        (2, 2, 'md', 2, 'MS1', 2020, 2, 't', 'in_person', 2, 2, 12, 1, 0),
        (3, 3, 'md', 3, 'MS1', 2020, 2, 't', 'in_person', 2, 2, 0, 0, 14))
        t(institution_id, program_id, program_kind, cohort_id, class_year, ay, session_number, topic, modality,
          n_groups, n_sessions, n_present, n_absent, n_excused)""")
    c.execute("CREATE TABLE pub_att_people AS SELECT institution_id, program_id, program_kind, cohort_id, class_year,"
              " ay, n_groups, 10 AS n_people, 8 AS n_reached FROM pub_att_cells")
    run_script(c, "protect/consortium_attendance")
    assert c.execute("SELECT n_inst FROM cons_att_cells").fetchall() == [(2,)]
    assert queries.attendance(c, CohortFilter(institutions=(1,)).consortium(), ["class_year"]).empty


def test_a_limited_person_is_offered_their_own_years_class_years_and_measures(con):
    from peers_dash.queries import lookups, measures

    home = ids(con)[HOME]
    mine = CohortFilter(institutions=(home,))
    theirs = set(con.execute("SELECT DISTINCT class_year FROM pub_att_people WHERE institution_id = ? UNION "
                             "SELECT DISTINCT class_year FROM pub_response_rates WHERE institution_id = ?",
                             [home, home]).df()["class_year"].dropna())
    assert set(lookups.options(con, "class_year", mine)["value"]) == theirs
    assert set(lookups.options(con, "class_year", CohortFilter())["value"]) > theirs  # others have more
    offered = {m.key for m in measures.in_view(con, "annual", mine)}
    answered = {f"item:{r[0]}" for r in con.execute(
        "SELECT DISTINCT item_id FROM pub_answers WHERE wave_kind = 'annual' AND institution_id = ?", [home]
    ).fetchall()}
    assert offered and {k for k in offered if k.startswith("item:")} == answered


def test_two_schools_are_no_consortium(tmp_path):
    """With two institutions the consortium minus one's own school is the other school: never offered."""
    from peers_dash.store.demo import build_demo

    path = tmp_path / "school.duckdb"
    build_demo(path, scale="school", seed=2017)
    c = open_readonly(path)
    try:
        assert not consortium.ready(c)
    finally:
        c.close()


# ---- the app: a school's dean ------------------------------------------------------------------------------

def dean(page: str | None, params: dict | None = None, email: str = "ann@northbridge.edu",
         table: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["auth"] = AUTH
    at.secrets["peers"] = {"roles": ROLES, "institutions": table or TABLE}
    at.user = {"is_logged_in": True, "email": email}
    if page:
        at.switch_page(page)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at.run()


def another_school_and_home_programs(db) -> tuple[str, set[str]]:
    """The name of a school the dean may not see, and the names of the dean's own school's programs."""
    con = open_readonly(db)
    try:
        other = [n for n in ids(con) if n != HOME][0]
        programs = set(con.execute("SELECT p.name FROM programs p JOIN institutions i USING (institution_id) "
                                   "WHERE i.name = ?", [HOME]).df()["name"])
    finally:
        con.close()
    return other, programs


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def categories(at: AppTest) -> set[str]:
    return {str(y) for fig in figures(at) for t in fig["data"] if t["type"] == "bar" for y in t.get("y") or []}


def test_a_deans_pages_show_only_their_school_whatever_the_link_says(system_env):
    at = dean("pages/programs.py")
    assert not at.exception and not at.error
    assert any(c.value.startswith("Showing:") and HOME in c.value for c in at.caption)
    shown = categories(at)
    assert shown and all(HOME in c or " · " not in c for c in shown)
    other, their_programs = another_school_and_home_programs(system_env)
    assert {c.split(" · ")[0] for c in shown} <= their_programs
    # a link naming another school, or its program, changes nothing: dropped, and the page stays theirs
    at = dean("pages/programs.py", {"institution": [other], "compare": "Institutions",
                                    "program": [f"Internal Medicine · {other}"]})
    assert not at.exception
    assert categories(at) and all(other not in c for c in categories(at))
    assert all(m.key != "institution" for m in at.sidebar.multiselect)  # one school: nothing to choose


def test_a_deans_extract_holds_their_school_only_even_when_the_link_names_another(system_env):
    other, theirs = another_school_and_home_programs(system_env)
    at = dean("pages/extracts.py", {"institution": [other]})
    assert not at.exception and at.dataframe
    programs = set(at.dataframe[0].value["Program"])
    assert programs and {p.split(" · ")[0] for p in programs} <= theirs
    assert not any(other in p for p in programs)


def test_a_dean_cannot_import_nor_read_what_spans_every_school(system_env):
    at = dean("pages/import.py", email="dean@northbridge.edu")
    assert at.error and not at.get("file_uploader")
    assert "Import" not in [link.label for link in at.sidebar.get("page_link")]
    at = dean("pages/methods.py")
    assert not at.exception and not [t for t in at.table if "How many" in t.value.columns]  # for its leads


def test_someone_the_institutions_table_does_not_name_sees_nothing(system_env):
    at = dean(None, email="visitor@elsewhere.org")
    assert any("no institution of this dashboard" in e.value for e in at.error)
    assert not at.metric and not at.get("plotly_chart")
    at = dean(None, email="ann@northbridge.edu", table={"Nowhere Medical College": ["@northbridge.edu"]})
    assert any("no institution of this dashboard" in e.value for e in at.error)


def test_the_consortium_beside_a_deans_charts_is_drawn_with_its_middle_half(system_env):
    at = dean("pages/participation.py", {"beside": "true"})
    assert not at.exception and not at.error
    figs = figures(at)
    marks = [t for f in figs for t in f["data"] if str(t.get("name", "")).startswith("Consortium")]
    assert len(marks) >= 3  # class year, program (a line for the view), academic year, ...
    diamonds = [t for t in marks if t.get("mode") == "markers"]
    assert diamonds and all(t["marker"]["symbol"] == "diamond" for t in diamonds)


def test_the_data_layer_refuses_what_a_limited_person_could_read_around_the_filter(system_env):
    """The scope lives below the pages: a function taking no cohort filter is refused, a filter naming another
    school is narrowed back, and a consortium filter is raised to the person's minimum."""
    from peers_dash.ui import data

    data.set_scope((1,))
    try:
        args, _ = data._narrowed(queries.attendance, (CohortFilter(institutions=(2,)), ["year"]), {})
        assert args[0].institutions == (1,)
        with pytest.raises(PermissionError):
            data._narrowed(queries.completeness, (), {})
        with pytest.raises(PermissionError):
            data._narrowed(lookups.import_history, (), {})
        data.set_scope((1, 2, 3))
        args, _ = data._narrowed(consortium.beside, ("attendance", CohortFilter(programs=(4,), across=3), []), {})
        assert args[1].across == 5 and args[1].programs == ()
        data.set_scope(())
        with pytest.raises(PermissionError):
            data._narrowed(queries.attendance, (CohortFilter(), []), {})
    finally:
        data.set_scope(None)


def test_pages_read_only_through_typed_query_functions_never_by_name():
    """Every query a page makes goes through peers_dash.ui.read (a function with its signature), which the
    data layer narrows to the person's institutions: no page, and no other part of the UI, names a query as
    text or calls the data layer's run itself."""
    import re

    from tests.test_app import ROOT

    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "peers_dash" / "ui").glob("*.py")]
    for path in sources:
        text = path.read_text()
        if path.name in ("data.py", "read.py"):
            continue
        assert not re.search(r"\brun\(\s*[\"']", text), path  # no query named as text
        assert "data.run(" not in text, path
