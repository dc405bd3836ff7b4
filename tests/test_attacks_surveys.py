"""Attacks on survey re-imports across data versions (found by an attack review of issue 10): a response imported
again keeps the cell it was first counted in, so no version minus another singles anyone out; a cohort that turns
out to be one PEERS group is no longer shown alone."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from peers_dash.ingest.pipeline import Request, init_database, run_import, undo_last
from peers_dash.model.filters import CohortFilter
from peers_dash.queries import measures
from peers_dash.store.db import open_readonly

BELONGING = """
[[question]]
column = "Belonging"
new_item = "belonging"
text = "I feel I belong at this school"
construct = "community"
scale = [1, 7]
favourable = [5, 7]
higher_is_better = true
"""


def csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    return buf.getvalue().encode()


def load(db: Path, kind: str, name: str, data: bytes, mapping: str | None = None, **kw) -> None:
    req = Request(kind, [(name, data)], who="t", mapping=("m.toml", mapping.encode()) if mapping else None, **kw)
    outcome = run_import(db, req)
    assert outcome.applied, outcome.report.lines()


def counts(db: Path, filt: CohortFilter) -> dict[float, float]:
    con = open_readonly(db)
    try:
        df = measures.distribution(con, filt, "item:belonging")
        return dict(zip(df["value"], df["n_answers"])) if len(df) else {}
    finally:
        con.close()


def test_a_mapping_fix_imported_again_or_after_an_undo_keeps_every_response_where_it_was(tmp_path):
    db = tmp_path / "fix.duckdb"
    init_database(db, "U")
    rows = [{"ResponseId": f"R{i}", "Year": "MS1", "Belonging": 5 + i % 3} for i in range(9)]
    rows.append({"ResponseId": "R_lone", "Year": "MS2", "Belonging": 1})  # the only MS2 respondent
    base = 'program = "MD"\n[columns]\nrespondent = "ResponseId"\n'
    fixed = base + 'class_year = "Year"\n'
    load(db, "survey", "wellbeing.csv", csv(rows), base + BELONGING, wave="2024-25 annual", create_new=True)
    everyone = counts(db, CohortFilter())
    assert sum(everyone.values()) == 10
    load(db, "survey", "wellbeing (1).csv", csv(rows), fixed + BELONGING, wave="2024-25 annual")
    assert counts(db, CohortFilter()) == everyone  # nobody moved: the difference of the versions is empty
    assert counts(db, CohortFilter(class_years=("MS1",))) == {}
    # the other way: the first import undone, then the fixed mapping imported (the places are remembered)
    again = tmp_path / "undo.duckdb"
    init_database(again, "U")
    load(again, "survey", "wellbeing.csv", csv(rows), base + BELONGING, wave="2024-25 annual", create_new=True)
    undo_last(again, "t")
    assert counts(again, CohortFilter()) == {}
    load(again, "survey", "wellbeing.csv", csv(rows), fixed + BELONGING, wave="2024-25 annual", create_new=True)
    assert counts(again, CohortFilter()) == everyone
    assert counts(again, CohortFilter(class_years=("MS1",))) == {}


def test_attendance_that_catches_up_does_not_move_a_response_imported_again(tmp_path):
    db = tmp_path / "bands.duckdb"
    init_database(db, "U")
    people = [(f"S{i:02d}", f"p{i}@example.edu", "Group 01" if i < 5 else "Group 02") for i in range(10)]
    roster = "roster_id,email,name,program,cohort,group,start_date\n" + "".join(
        f"{r},{e},Person {r},MD,2028,{g},2024-08-05\n" for r, e, g in people)
    sessions = "program,cohort,group,session_number,topic,date,start_time,length_min,modality\n" + "".join(
        f"MD,2028,{g},{k},T{k},2024-10-{10 + k + (g == 'Group 02'):02d},12:00,60,in_person\n"
        for g in ("Group 01", "Group 02") for k in range(1, 6))

    def signin(numbers: list[int], absent: str = "") -> bytes:
        lines = ["program,cohort,group,date,session_number,person,status,minutes"]
        for _, e, g in people:
            for k in numbers:
                status = "absent" if e == absent else "present"
                lines.append(f"MD,2028,{g},2024-10-{10 + k + (g == 'Group 02'):02d},{k},{e},{status},")
        return ("\n".join(lines) + "\n").encode()

    load(db, "roster", "roster.csv", roster.encode())
    load(db, "sessions", "sessions.csv", sessions.encode())
    load(db, "attendance", "first.csv", signin([1, 2, 3]))
    answers = [6, 5, 6, 7, 5, 6, 5, 6, 7, 2]  # the last person will miss sessions 4 and 5
    survey = csv([{"ResponseId": f"R{i}", "Email": e, "Belonging": a} for i, ((_, e, _), a) in
                  enumerate(zip(people, answers))])
    mapping = '[columns]\nrespondent = "ResponseId"\nemail = "Email"\n' + BELONGING
    load(db, "survey", "wellbeing.csv", survey, mapping, wave="2024-25 annual")
    before = counts(db, CohortFilter(class_years=("MS1",)))
    assert sum(before.values()) == 10
    load(db, "attendance", "late.csv", signin([4, 5], absent=people[-1][1]))
    load(db, "survey", "wellbeing_export_2.csv", survey, mapping, wave="2024-25 annual")
    assert counts(db, CohortFilter(class_years=("MS1",))) == before


def test_a_cohort_imported_from_a_survey_that_turns_out_to_be_one_group_is_no_longer_shown_alone(tmp_path):
    db = tmp_path / "drift.duckdb"
    init_database(db, "U")
    rows = [{"ResponseId": f"A{i}", "Cohort": "2028", "Belonging": 3 + i % 4} for i in range(6)] + \
           [{"ResponseId": f"B{i}", "Cohort": "2027", "Belonging": 5} for i in range(6)]
    mapping = 'program = "MD"\n[columns]\nrespondent = "ResponseId"\ncohort = "Cohort"\n' + BELONGING
    load(db, "survey", "w.csv", csv(rows), mapping, wave="2024-25 annual", create_new=True)
    con = open_readonly(db)
    assert len(measures.summary(con, CohortFilter(), "item:belonging", ["cohort"])) == 2
    con.close()
    roster = "roster_id,email,name,program,cohort,group,start_date\n" + "".join(
        f"S{i},p{i}@x.edu,P {i},MD,2028,Group 01,2024-08-05\n" for i in range(6))
    load(db, "roster", "roster.csv", roster.encode())
    con = open_readonly(db)
    shown = measures.summary(con, CohortFilter(), "item:belonging", ["cohort"])
    con.close()
    assert list(shown["cohort"]) == ["MD Class of 2027"]  # the class of 2028 is one group: hidden
