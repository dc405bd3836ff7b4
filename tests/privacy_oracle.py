"""An independent account of what every published figure is made of, for the privacy properties.

For one data version it lists the units behind the published cells: each attendance record, each
person-year, each answer, score, response (and non-response) and comment, with the real person behind it and
the dimensions of the cell it is published in. A cell shows the content of its revision (pub_state.rev), so
its units are read from the file of that data version: a held-back cell keeps its old units.

The grouping of published sessions and group-years into what every role sees (no single group) is written
again here in pandas, from the rule in docs/PRIVACY.md, not read from the app's tables: the tests then check
that the app's figures are exactly sums of these units, and that any signed sum of figures (pairs and
chains of views, across versions) that is not empty covers at least N people.
"""
from __future__ import annotations

import numbers
from collections import Counter
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from peers_dash import queries
from peers_dash.model.filters import MODALITY_LABELS, CohortFilter

ATT_DIMS = ["institution_id", "program_id", "program_kind", "cohort_id", "class_year", "ay", "session_number",
            "topic", "modality", "group_id"]
SURVEY_DIMS = ["institution_id", "program_id", "program_kind", "cohort_id", "class_year", "ay", "attendance_band",
               "wave_kind", "session_number", "topic"]


def _read(path: Path, sql: str, params=None) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params).df()
    finally:
        con.close()


class Oracle:
    """Units of every published cell of one version."""

    def __init__(self, versions: dict[int, Path], version: int, person_of_response: dict[int, int]):
        self.versions, self.version, self.person = versions, version, person_of_response
        self.path = versions[version]
        self.state = _read(self.path, "SELECT family, cell, rev FROM pub_state")
        self.assign = _read(self.path, "SELECT family, atomic, cell, rung FROM pub_assign")

    def _cells(self, family: str) -> pd.DataFrame:
        return self.state[self.state["family"] == family]

    # ---- attendance ----------------------------------------------------------------------------------
    @lru_cache(maxsize=None)
    def sessions(self) -> pd.DataFrame:
        """Attendance records of published sessions (group level), as of each session's revision."""
        parts = []
        for rev, cells in self._cells("session").groupby("rev"):
            ids = [int(c) for c in cells["cell"]]
            parts.append(_read(self.versions[int(rev)], """
                SELECT f.session_id, f.participant_id AS person, f.status, f.institution_id, f.program_id,
                       f.program_kind, f.cohort_id, f.class_year, f.ay, f.session_number, f.topic, f.modality, f.group_id
                FROM attendance_facts_live f WHERE list_contains(?, f.session_id)""", [ids]))
        units = pd.concat(parts, ignore_index=True)
        units["unit"] = list(zip(["att"] * len(units), units["session_id"], units["person"], units["status"]))
        return units

    @lru_cache(maxsize=None)
    def viewer_sessions(self) -> pd.DataFrame:
        """The same records as every role sees them: per cohort, year, session, topic and format when at
        least two groups are there; else added up per program, year and format when that has two groups."""
        u = self.sessions().copy()
        fine_key = ["cohort_id", "ay", "session_number", "topic", "modality"]
        groups = u.groupby(fine_key)["group_id"].transform("nunique")
        fine = u[groups >= 2]
        rest = u[groups < 2].copy()
        comb_groups = rest.groupby(["program_id", "ay", "modality"])["group_id"].transform("nunique")
        rest = rest[comb_groups >= 2].copy()
        for col in ("cohort_id", "class_year", "session_number", "topic"):
            rest[col] = None
        out = pd.concat([fine, rest], ignore_index=True)
        return out.assign(group_id=out["group_id"])  # kept for the one-group check, never a filter here

    @lru_cache(maxsize=None)
    def group_years(self) -> pd.DataFrame:
        """Person-years of published group-years: who was expected at a published session of that version,
        and whether they came to one."""
        parts = []
        for rev, cells in self._cells("group_year").groupby("rev"):
            path = self.versions[int(rev)]
            published = [int(c) for c in _read(path, "SELECT cell FROM pub_state WHERE family = 'session'")["cell"]]
            f = _read(path, """SELECT * FROM attendance_facts_live WHERE list_contains(?, session_id)""", [published])
            first = _read(path, "SELECT group_id, min(ay_start(session_date)) AS first_ay FROM sessions s "
                                "JOIN attendance a USING (session_id) GROUP BY ALL")
            allf = _read(path, "SELECT group_id, ay, participant_id FROM attendance_facts_live")
            starters = allf.merge(first, left_on=["group_id", "ay"], right_on=["group_id", "first_ay"])
            starters = set(zip(starters["group_id"], starters["participant_id"]))
            per = f.groupby(["group_id", "ay", "participant_id", "institution_id", "program_id", "program_kind",
                             "cohort_id", "class_year"], as_index=False)["status"].agg(
                lambda s: (s == "present").any()).rename(columns={"status": "reached"})
            per["starter"] = [(g, p) in starters for g, p in zip(per["group_id"], per["participant_id"])]
            per["cell"] = [f"{g}|{a}|{'starter' if s else 'joiner'}" for g, a, s in
                           zip(per["group_id"], per["ay"], per["starter"])]
            parts.append(per[per["cell"].isin(set(cells["cell"]))])
        units = pd.concat(parts, ignore_index=True).rename(columns={"participant_id": "person"})
        units["unit"] = list(zip(["py"] * len(units), units["group_id"], units["ay"], units["person"],
                                 units["reached"]))
        return units

    @lru_cache(maxsize=None)
    def viewer_group_years(self) -> pd.DataFrame:
        u = self.group_years().copy()
        groups = u.groupby(["cohort_id", "ay"])["group_id"].transform("nunique")
        fine = u[groups >= 2]
        rest = u[groups < 2].copy()
        rest = rest[rest.groupby(["program_id", "ay"])["group_id"].transform("nunique") >= 2].copy()
        rest["cohort_id"], rest["class_year"] = None, None
        return pd.concat([fine, rest], ignore_index=True)

    # ---- survey --------------------------------------------------------------------------------------
    def _survey_units(self, family: str, sql: str, measure: str) -> pd.DataFrame:
        cells = self._cells(family)
        assign = self.assign[self.assign["family"] == family]
        parts = []
        for rev, cs in cells.groupby("rev"):
            members = assign[assign["cell"].isin(set(cs["cell"]))]
            raw = _read(self.versions[int(rev)], sql)
            raw = raw.merge(members[["atomic", "cell", "rung"]], on="atomic")
            parts.append(raw)
        units = pd.concat(parts, ignore_index=True)
        units.loc[units["rung"] >= 1, "attendance_band"] = None
        units.loc[units["rung"] >= 2, ["cohort_id", "class_year"]] = None
        units["person"] = units["response_id"].map(self.person)
        units["unit"] = list(zip([family] * len(units), units["response_id"], units[measure], units["value"]))
        return units

    @lru_cache(maxsize=None)
    def answers(self) -> pd.DataFrame:
        return self._survey_units("answer", """
            SELECT concat_ws('|', wave_id, program_id, coalesce(CAST(cohort_id AS VARCHAR), '∅'),
                             coalesce(class_year, '∅'), coalesce(attendance_band, '∅'), item_id) AS atomic,
                   response_id, wave_id, wave_kind, ay, session_number, topic, institution_id, program_id,
                   program_kind, cohort_id, class_year, attendance_band, item_id, value
            FROM answer_facts WHERE value IS NOT NULL""", "item_id")

    @lru_cache(maxsize=None)
    def scores(self) -> pd.DataFrame:
        return self._survey_units("score", """
            WITH s AS (
                SELECT response_id, wave_id, wave_kind, ay, session_number, topic, institution_id, program_id,
                       program_kind, cohort_id, class_year, attendance_band, instrument_id,
                       sum(scored_value) AS value, count(*) AS k
                FROM answer_facts WHERE value IS NOT NULL AND instrument_id = 'pss4' GROUP BY ALL)
            SELECT concat_ws('|', wave_id, program_id, coalesce(CAST(cohort_id AS VARCHAR), '∅'),
                             coalesce(class_year, '∅'), coalesce(attendance_band, '∅'), instrument_id) AS atomic, *
            FROM s WHERE k = 4""", "instrument_id")

    @lru_cache(maxsize=None)
    def responses(self) -> pd.DataFrame:
        """Respondents and (anonymous) non-respondents of published response-rate cells."""
        cells = self._cells("response")
        assign = self.assign[self.assign["family"] == "response"]
        parts = []
        for rev, cs in cells.groupby("rev"):
            members = assign[assign["cell"].isin(set(cs["cell"]))]
            path = self.versions[int(rev)]
            el = _read(path, "SELECT concat_ws('|', wave_id, cohort_id) AS atomic, * FROM response_rate_facts")
            el = el.merge(members[["atomic", "cell", "rung"]], on="atomic")
            resp = _read(path, "SELECT response_id, wave_id, cohort_id FROM responses")
            for r in el.itertuples():
                who = resp[(resp["wave_id"] == r.wave_id) & (resp["cohort_id"] == r.cohort_id)]["response_id"]
                base = dict(institution_id=r.institution_id, program_id=r.program_id, program_kind=r.program_kind,
                            cohort_id=r.cohort_id if r.rung == 0 else None,
                            class_year=r.class_year if r.rung == 0 else None, ay=r.ay, wave_kind=r.wave_kind)
                for rid in who:
                    parts.append({**base, "responded": True, "person": self.person[int(rid)],
                                  "unit": ("resp", r.wave_id, r.cohort_id, "r", int(rid))})
                for k in range(max(int(r.n_eligible) - len(who), 0)):
                    parts.append({**base, "responded": False, "person": f"non-respondent {r.wave_id}/{r.cohort_id}/{k}",
                                  "unit": ("resp", r.wave_id, r.cohort_id, "n", k)})
        return pd.DataFrame(parts)

    @lru_cache(maxsize=None)
    def comments(self) -> pd.DataFrame:
        cells = self._cells("comment")
        parts = []
        for rev, cs in cells.groupby("rev"):
            raw = _read(self.versions[int(rev)], """
                SELECT concat_ws('|', r.wave_id, r.program_id) AS cell, r.response_id, r.program_id, w.academic_year AS ay,
                       trim(a.text_value) AS comment
                FROM answers a JOIN responses r USING (response_id) JOIN survey_waves w USING (wave_id)
                WHERE a.item_id = 'comment'""")
            parts.append(raw[raw["cell"].isin(set(cs["cell"]))])
        units = pd.concat(parts, ignore_index=True)
        units["person"] = units["response_id"].map(self.person)
        units["unit"] = list(zip(["comment"] * len(units), units["response_id"], units["comment"]))
        return units

    def respondents(self, wave_program_cell: str) -> int:
        wave, program = (int(x) for x in wave_program_cell.split("|"))
        rev = int(self._cells("comment").set_index("cell").loc[wave_program_cell, "rev"])
        return int(_read(self.versions[rev], "SELECT count(*) AS n FROM responses WHERE wave_id = ? AND program_id = ?",
                         [wave, program])["n"].iloc[0])


def in_view(units: pd.DataFrame, filt: CohortFilter, kind: str) -> pd.DataFrame:
    """The units a filter covers, by the filter's own rules (survey results ignore groups and formats)."""
    mask = pd.Series(True, index=units.index)
    for field, col in (("institutions", "institution_id"), ("programs", "program_id"), ("cohorts", "cohort_id"),
                       ("class_years", "class_year"), ("groups", "group_id"), ("modalities", "modality")):
        values = getattr(filt, field)
        if not values or (kind == "survey" and field in ("groups", "modalities")):
            continue
        mask &= units[col].isin(values)
    if filt.year_from is not None:
        mask &= units["ay"] >= filt.year_from
    if filt.year_to is not None:
        mask &= units["ay"] <= filt.year_to
    return units[mask]


# ---- checks of the app against the oracle ----------------------------------------------------------------------
N = 5
_MODALITY_CODE = {v: k for k, v in MODALITY_LABELS.items()}


def norm(v):
    if v is None or v is pd.NA or (isinstance(v, float) and v != v) or v == queries.COMBINED:
        return None
    return int(v) if isinstance(v, numbers.Number) and not isinstance(v, bool) else v


def row_keys(df: pd.DataFrame, by: list[str]) -> list[tuple]:
    cols = []
    for d in by:
        col = queries.DIMS[d]
        values = df[col] if col in df.columns else df[{"session_number": "session"}.get(d, d)]
        if d == "modality":
            values = values.map(lambda m: _MODALITY_CODE.get(m, m))
        cols.append([norm(v) for v in values])
    return list(zip(*cols)) if cols else [()] * len(df)


def units_by(units: pd.DataFrame, by: list[str]) -> dict[tuple, pd.DataFrame]:
    cols = [queries.DIMS[d] for d in by]
    if not cols:
        return {(): units} if len(units) else {}
    keyed = units.assign(**{c: units[c].astype(object).where(units[c].notna(), None) for c in cols})
    out = {}
    for key, part in keyed.groupby(cols, dropna=False, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        out[tuple(norm(k) for k in key)] = part
    return out


def evaluate(world, view) -> list[tuple[pd.DataFrame, bool]]:
    """(units, viewer-level) per row of a view (version, family, breakdown, filter), after checking every figure
    the app shows for the row against the sum of its units. world: version -> (app connection, Oracle)."""
    version, family, by, filt = view
    con, oracle = world[version]
    if family == "comment":
        got = queries.comments(con, filt, latest_only=False)
        units = in_view(oracle.comments(), filt.__class__(institutions=filt.institutions, programs=filt.programs,
                                                          year_from=filt.year_from, year_to=filt.year_to), "survey")
        assert Counter(got["comment"].repeat(got["n"])) == Counter(units["comment"])
        return [(units, False)] if len(units) else []
    if family in ("att", "att_group"):
        got = queries.attendance(con, filt, by)
        group_level = bool(filt.groups) or "group" in by
        units = in_view(oracle.sessions() if group_level else oracle.viewer_sessions(), filt, "attendance")
        measures = {"n_present": lambda u: (u["status"] == "present").sum(),
                    "n_absent": lambda u: (u["status"] == "absent").sum(),
                    "n_excused": lambda u: (u["status"] == "excused").sum()}
        viewer = not group_level
    elif family == "people":
        got = queries.reach(con, filt, by)
        if not queries.has_people(filt, by):
            assert got.empty
            return []
        group_level = bool(filt.groups) or "group" in by
        units = in_view(oracle.group_years() if group_level else oracle.viewer_group_years(), filt, "attendance")
        measures = {"n_people": len, "n_reached": lambda u: u["reached"].sum()}
        viewer = not group_level
    elif family in ("answer", "feedback"):
        item, kind = ("peers_space", "annual") if family == "answer" else ("fb_helpful", "post_session")
        got = queries.survey_distribution(con, filt, [item], by, wave_kind=kind)
        units = in_view(oracle.answers(), filt, "survey")
        units = units[(units["item_id"] == item) & (units["wave_kind"] == kind)]
        rows = rows_by_value(got, by)
        expected = {k: Counter(part["value"]) for k, part in units_by(units, by).items()}
        assert rows == expected, (view, rows, expected)
        summary = queries.survey_items(con, filt, [item], by, wave_kind=kind)
        assert sorted(row_keys(summary, by), key=str) == sorted(expected, key=str)
        return [(part, False) for part in units_by(units, by).values()]
    elif family == "score":
        got = queries.scale_scores(con, filt, "pss4", by)
        units = in_view(oracle.scores(), filt, "survey")
        measures = {"n_responses": len, "sum": lambda u: u["value"].sum()}
        got = got.assign(sum=got["mean"] * got["n_responses"])
        viewer = False
    else:
        got = queries.response_rates(con, filt, by)
        units = in_view(oracle.responses(), filt, "survey")
        measures = {"n_eligible": len, "n_responded": lambda u: u["responded"].sum()}
        viewer = False
    expected = units_by(units, by)
    got_keys = row_keys(got, by)
    assert sorted(got_keys, key=str) == sorted(expected, key=str), (view, got_keys, list(expected))
    for key, (_, row) in zip(got_keys, got.iterrows()):
        for col, f in measures.items():
            assert row[col] == pytest.approx(float(f(expected[key]))), (view, key, col)
    return [(part, viewer) for part in expected.values()]


def rows_by_value(got: pd.DataFrame, by: list[str]) -> dict[tuple, Counter]:
    out: dict[tuple, Counter] = {}
    for key, (_, row) in zip(row_keys(got, by), got.iterrows()):
        out.setdefault(key, Counter())
        out[key][row["value"]] += int(row["n_answers"])
    return out


def support(terms: list[tuple[int, pd.DataFrame]]) -> pd.DataFrame:
    """The units left by a signed sum of views (each unit counted with its coefficients)."""
    count: Counter = Counter()
    person: dict = {}
    group: dict = {}
    for sign, units in terms:
        for u, p, g in zip(units["unit"], units["person"],
                           units["group_id"] if "group_id" in units else [None] * len(units)):
            count[u] += sign
            person[u], group[u] = p, g
    left = [u for u, c in count.items() if c]
    return pd.DataFrame({"unit": left, "person": [person[u] for u in left], "group": [group[u] for u in left]})


def assert_safe(terms, same_version_viewer: bool) -> None:
    """A signed sum of views leaves no unit, or units of at least N people (and, within one version of what a
    viewer sees, not those of a single group)."""
    left = support(terms)
    people = left["person"].nunique()
    assert people == 0 or people >= N, left
    if same_version_viewer and people:
        assert left["group"].nunique() != 1 or left["group"].isna().all(), left


