"""Survey imports for a named wave: responses with where each respondent stood, never who they are.

An e-mail or roster id in the export is used here only, to fill program, cohort, class year and
attendance band from the roster and the attendance records, and then dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from peers_dash.filters import ay_label
from peers_dash.ingest.problems import Report, records
from peers_dash.ingest.resolve import dimensions, first_free_id, grad_year, key, map_unique
from peers_dash.ingest.roster import PersonIndex
from peers_dash.ingest.staging import Staged, run

CLASS_YEAR = re.compile(r"^(MS[1-4]|PGY[1-7]|G[1-6])$")
PREFIX = {"md": "MS", "graduate": "G"}


@dataclass(frozen=True)
class Wave:
    kind: str              # annual / post_session
    year: int              # academic year start
    session_number: int | None = None

    @property
    def name(self) -> str:
        if self.kind == "annual":
            return f"Annual well-being survey {ay_label(self.year)}"
        return f"Session feedback {ay_label(self.year)} #{self.session_number}"

    @property
    def on(self) -> str:
        """The date the wave stands for: spring for the annual survey."""
        return f"{self.year + 1}-03-01" if self.kind == "annual" else f"{self.year + 1}-06-30"


def parse_wave(text: str) -> Wave | None:
    """'2024-25 annual', 'annual 2024-25', '2024-25 post-session 3' -> Wave; None if unreadable."""
    t = key(text)
    year = re.search(r"((?:19|20)\d\d)\s*[-/]\s*(\d\d)", t)
    if not year:
        return None
    if "annual" in t or "spring" in t:
        return Wave("annual", int(year.group(1)))
    number = re.search(r"(?:post[- ]?session|feedback|session)\D*(\d{1,2})\b", t.replace(year.group(0), " "))
    if number and 1 <= int(number.group(1)) <= 10:
        return Wave("post_session", int(year.group(1)), int(number.group(1)))
    return None


def stage_survey(con: duckdb.DuckDBPyConnection, responses: pd.DataFrame, answers: pd.DataFrame,
                 new_items: pd.DataFrame, wave: Wave, eligible: str | None, roster: pd.DataFrame,
                 report: Report, source: str) -> Staged:
    """Responses and answers of one file for one wave; they replace the wave's earlier rows from the same
    source (file name)."""
    file = responses["_file"].iloc[0] if len(responses) else source
    dims = dimensions(con)
    df = _place_respondents(con, responses.copy(), dims, wave, roster, report)
    item_ids = set(con.execute("SELECT item_id FROM items").df()["item_id"]) | set(new_items["item_id"])
    unknown = sorted(set(answers["item_id"]) - item_ids)
    if unknown:
        report.error(file, None, None, f"unknown question ids {', '.join(unknown[:10])}: map them in a mapping file")
    wave_row = con.execute("SELECT wave_id FROM survey_waves WHERE kind = ? AND academic_year = ? AND "
                           "coalesce(session_number, 0) = ?",
                           [wave.kind, wave.year, wave.session_number or 0]).fetchall()
    wave_row = wave_row[0] if wave_row else None
    wave_id = wave_row[0] if wave_row else first_free_id(con, "SELECT max(wave_id) FROM survey_waves")
    replaced = con.execute("SELECT count(*) FROM responses WHERE wave_id = ? AND source = ?",
                           [wave_id, source]).fetchall()[0][0]
    start = first_free_id(con, "SELECT max(response_id) FROM responses")
    df["response_id"] = np.arange(start, start + len(df))
    ids = dict(zip(df["respondent"], df["response_id"]))
    ans = answers[answers["respondent"].isin(ids)].copy()
    ans["response_id"] = ans["respondent"].map(ids)
    elig = _eligible(con, df, wave, eligible, dims, report, file, has_rows=wave_row is not None)
    incomplete = int((df["complete"] == "false").sum())
    staged = Staged("survey", wave.name, added=len(df), replaced=int(replaced))
    staged.summary.append(f"{len(df):,} responses, {len(ans):,} answers to {wave.name}"
                          + (f" ({incomplete:,} partly completed)" if incomplete else ""))
    if elig is not None:
        staged.summary.append(f"eligible: {int(elig['n_eligible'].sum()):,} people in {len(elig):,} cohorts")

    def write(w: duckdb.DuckDBPyConnection) -> None:
        if wave_row is None:
            run(w, "INSERT INTO survey_waves VALUES (?, ?, ?, ?, NULL, ?, NULL, NULL, NULL)",
                      [wave_id, wave.name, wave.kind, wave.year, wave.session_number])
        if len(new_items):
            _insert_items(w, new_items)
        run(w, "DELETE FROM answers WHERE response_id IN (SELECT response_id FROM responses WHERE wave_id = ? "
                  "AND source = ?)", [wave_id, source])
        run(w, "DELETE FROM responses WHERE wave_id = ? AND source = ?", [wave_id, source])
        rows = df[["response_id", "program_id", "cohort_id", "class_year", "attendance_band"]].assign(
            wave_id=wave_id, source=source)
        w.register("rows", rows)
        run(w, "INSERT INTO responses SELECT response_id, wave_id, program_id, cohort_id, class_year,"
                  " attendance_band, source FROM rows")
        w.unregister("rows")
        w.register("ans", ans[["response_id", "item_id", "value", "text"]])
        run(w, "INSERT INTO answers SELECT response_id, item_id, CAST(value AS DOUBLE),"
                  " nullif(CAST(text AS VARCHAR), '') FROM ans")
        w.unregister("ans")
        if elig is not None:
            w.register("elig", elig.assign(wave_id=wave_id))
            run(w, "INSERT INTO wave_eligible SELECT wave_id, cohort_id, class_year, n_eligible FROM elig "
                      "ON CONFLICT (wave_id, cohort_id) DO UPDATE SET n_eligible = excluded.n_eligible")
            w.unregister("elig")

    staged.write = write
    return staged


def _place_respondents(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, dims: dict, wave: Wave,
                       roster: pd.DataFrame, report: Report) -> pd.DataFrame:
    """program_id, cohort_id, class_year and attendance band for each response; identity dropped."""
    programs = dims["programs"].drop_duplicates("pkey").set_index("pkey")
    df["program_id"] = map_unique(df["program"], key).map(programs["program_id"])
    cohorts = dims["cohorts"].set_index(["program_id", "grad_year"])["cohort_id"]
    gy = map_unique(df["cohort"], grad_year)
    df["cohort_id"] = cohorts.reindex(pd.MultiIndex.from_arrays(
        [df["program_id"].fillna(-1).astype("int64"), gy.fillna(-1).astype("int64")])).to_numpy()
    index = PersonIndex(roster)
    pid = [index.find(roster_id=r, email=e)[0] if (r or e) else None for r, e in zip(df["roster_id"], df["email"])]
    df["participant_id"] = pd.array(pid, dtype="Int64")
    known = df["participant_id"].notna()
    if known.any():
        people = con.execute("SELECT p.participant_id, p.cohort_id, c.program_id FROM participants p "
                             "JOIN cohorts c USING (cohort_id) WHERE list_contains(?, p.participant_id)",
                             [[int(x) for x in df.loc[known, "participant_id"]]]).df().set_index("participant_id")
        df.loc[known, "cohort_id"] = df.loc[known, "participant_id"].map(people["cohort_id"]).to_numpy()
        df.loc[known, "program_id"] = df.loc[known, "participant_id"].map(people["program_id"]).to_numpy()
    cinfo = dims["cohorts"].merge(dims["programs"][["program_id", "kind", "first_class_year"]], on="program_id")
    cinfo = cinfo.set_index("cohort_id")
    computed = df["cohort_id"].map(lambda c: _class_year(cinfo, c, wave.year) if pd.notna(c) else "")
    df["class_year"] = df["class_year"].where(df["class_year"].str.strip() != "", computed).str.strip().str.upper()
    df["attendance_band"] = _bands(con, df, wave)
    for r in df.pipe(records):
        if pd.isna(r.program_id):
            what = f"unknown program {r.program!r}" if r.program else "no program, cohort, e-mail or roster id"
            report.error(r.file_, r.row_, "program", f"{what}: the dashboard needs at least the program")
        elif r.cohort and pd.isna(r.cohort_id):
            report.error(r.file_, r.row_, "cohort", f"{r.cohort!r} is not a cohort of that program")
        if r.class_year and not CLASS_YEAR.match(r.class_year):
            report.error(r.file_, r.row_, "class_year", f"{r.class_year!r} is not a class year (MS1-MS4, PGY1-PGY7,"
                                                        " G1-G6)")
    df["program_id"] = df["program_id"].astype("Int64")
    df["cohort_id"] = df["cohort_id"].astype("Int64")
    df["class_year"] = df["class_year"].replace("", None)
    return df.drop(columns=["email", "roster_id", "participant_id"])  # identity ends here


def _class_year(cinfo: pd.DataFrame, cohort_id: int, year: int) -> str:
    c = cinfo.loc[int(cohort_id)]
    n = year - int(c["entry_year"]) + int(c["first_class_year"])
    return f"{PREFIX.get(c['kind'], 'PGY')}{n}" if n >= 1 else ""


def _bands(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, wave: Wave) -> pd.Series:
    """'0-3' / '4-7' / '8-10': sessions attended so far (MD) or this academic year (others), by the wave."""
    known = df["participant_id"].dropna().astype("int64").tolist()
    if not known:
        return pd.Series([None] * len(df), index=df.index, dtype="object")
    counts = con.execute(
        """SELECT a.participant_id, count(*) FILTER (WHERE a.status = 'present'
                  AND (p.kind = 'md' OR ay_start(s.session_date) = $year)) AS n
           FROM attendance a JOIN sessions s USING (session_id) JOIN groups g USING (group_id)
           JOIN cohorts c USING (cohort_id) JOIN programs p USING (program_id)
           WHERE list_contains($ids, a.participant_id) AND s.session_date <= CAST($on AS DATE)
           GROUP BY ALL""", {"ids": known, "year": wave.year, "on": wave.on}).df().set_index("participant_id")["n"]
    n = df["participant_id"].map(counts)
    n = n.where(n.notna() | df["participant_id"].isna(), 0)
    return n.map(lambda v: None if pd.isna(v) else "0-3" if v <= 3 else "4-7" if v <= 7 else "8-10")


def _eligible(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, wave: Wave, eligible: str | None, dims: dict,
              report: Report, file: str, has_rows: bool) -> pd.DataFrame | None:
    """wave_eligible rows: a number for a single-cohort file, or counted from the roster on the wave's date."""
    if eligible is None and has_rows:
        return None
    cohorts = sorted({int(c) for c in df["cohort_id"].dropna()})
    programs = sorted({int(p) for p in df["program_id"].dropna()})
    cinfo = dims["cohorts"].merge(dims["programs"][["program_id", "kind", "first_class_year"]], on="program_id")
    cinfo = cinfo.set_index("cohort_id")
    if eligible and eligible.strip().isdigit():
        if len(cohorts) != 1:
            report.error(file, None, None, f"--eligible {eligible}: a single number needs all responses in one "
                                           f"cohort (this file has {len(cohorts)}); leave it out to count from the roster")
            return None
        return pd.DataFrame({"cohort_id": cohorts, "class_year": [_class_year(cinfo, cohorts[0], wave.year)],
                             "n_eligible": [int(eligible)]})
    if eligible not in (None, "roster"):
        report.error(file, None, None, f"--eligible {eligible!r}: give a number or 'roster'")
        return None
    counted = con.execute(
        """SELECT g.cohort_id, count(DISTINCT m.participant_id) AS n_eligible FROM memberships m
           JOIN groups g USING (group_id) JOIN cohorts c USING (cohort_id)
           WHERE list_contains($programs, c.program_id) AND m.start_date <= CAST($on AS DATE)
             AND (m.end_date IS NULL OR m.end_date >= CAST($on AS DATE))
           GROUP BY ALL""", {"programs": programs, "on": wave.on}).df()
    if counted.empty:
        report.warning(file, None, None, "no roster to count who was eligible: response rates will be missing "
                                         "(give --eligible N)")
        return None
    counted["class_year"] = [_class_year(cinfo, c, wave.year) for c in counted["cohort_id"]]
    return counted[counted["class_year"] != ""]


def _insert_items(w: duckdb.DuckDBPyConnection, items: pd.DataFrame) -> None:
    run(w, "INSERT INTO instruments VALUES ('custom', 'Questions defined by a mapping', 'custom', false, NULL,"
              " NULL, NULL) ON CONFLICT DO NOTHING")
    frame = items.copy()
    frame["instrument_id"] = frame["instrument_id"].replace("", "custom").fillna("custom")
    frame["position"] = range(1000, 1000 + len(frame))
    w.register("new_items", frame)
    run(w, """INSERT INTO items (item_id, instrument_id, position, item_text, short_label, construct, response_type,
                 scale_min, scale_max, reverse_scored, favorable_min, favorable_max, higher_is_better)
                 SELECT item_id, instrument_id, position, item_text, coalesce(nullif(short_label, ''), item_text),
                        construct, response_type, TRY_CAST(scale_min AS INTEGER), TRY_CAST(scale_max AS INTEGER),
                        coalesce(TRY_CAST(reverse_scored AS BOOLEAN), false), TRY_CAST(favorable_min AS INTEGER),
                        TRY_CAST(favorable_max AS INTEGER), TRY_CAST(higher_is_better AS BOOLEAN)
                 FROM new_items ON CONFLICT (item_id) DO NOTHING""")
    w.unregister("new_items")
