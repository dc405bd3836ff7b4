"""The Participation page computed the way a typical Streamlit tutorial would: read every attendance row into
pandas once (only the columns it needs), then filter with boolean masks and group by, on each filter change,
into the figures the page shows (rate with its 95% interval, excused share, people, programs by name, rows in
order), as our query functions give them.
Run in its own process by the benchmark (python -m tests.bench.pandas_way DB STATES.json) so that its memory
is measured alone.
Prints one JSON object: load seconds, per-state seconds, peak memory."""
from __future__ import annotations

import json
import resource
import sys
import time

import duckdb
import pandas as pd

from peers_dash.queries.lookups import labels
from peers_dash.queries.stats import wilson_frame


def _rate(df: pd.DataFrame, by: str, names: dict[int, str]) -> pd.DataFrame:
    flags = df.assign(present=df["status"].eq("present"), absent=df["status"].eq("absent"),
                      excused=df["status"].eq("excused"))
    out = flags.groupby(by, observed=True).agg(n_people=("participant_id", "nunique"), n_present=("present", "sum"),
                                               n_absent=("absent", "sum"), n_excused=("excused", "sum"))
    out["n_counted"] = out["n_present"] + out["n_absent"]
    out["rate"] = out["n_present"] / out["n_counted"]
    out["rate_lo"], out["rate_hi"] = wilson_frame(out["n_present"], out["n_counted"])
    out["excused_share"] = out["n_excused"] / (out["n_counted"] + out["n_excused"])
    out = out.reset_index()
    if by == "program_id":
        out.insert(1, "program", out["program_id"].map(names))
    return out.sort_values("program" if by == "program_id" else by)


def page(df: pd.DataFrame, state: dict, names: dict[int, str]) -> list[pd.DataFrame]:
    """The Participation page's breakdowns for one filter state (ids and codes as in attendance_facts)."""
    mask = pd.Series(True, index=df.index)
    for column in ("institution_id", "program_id", "cohort_id", "class_year", "modality"):
        if state.get(column):
            mask &= df[column].isin(state[column])
    if state.get("ay"):
        mask &= df["ay"].between(*state["ay"])
    view = df[mask]
    return [_rate(view, by, names) for by in ("class_year", "program_id", "ay", "session_number", "topic", "modality")]


def main(db: str, states_file: str) -> None:
    states = json.loads(open(states_file).read())
    started = time.perf_counter()
    con = duckdb.connect(db, read_only=True)
    # Only the columns the page needs, text as categories: the leanest a pandas page can hold the rows in.
    df = con.execute("""SELECT institution_id, program_id, cohort_id, class_year, ay, session_number, topic, modality,
                               participant_id, status FROM attendance_facts""").df()
    for column in ("class_year", "topic", "modality", "status"):
        df[column] = df[column].astype("category")
    names = labels(con, "program")  # programs by name, once
    load = time.perf_counter() - started
    times = []
    for state in states:
        t0 = time.perf_counter()
        page(df, state, names)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"rows": len(df), "load_s": load, "state_s": times,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
