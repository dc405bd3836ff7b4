"""The Import page's widgets: choose, upload, check (a preview that runs the real import on a copy), import
with a progress bar, and the history with undo."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from peers_dash import PeersError
from peers_dash.ingest.pipeline import Outcome, Request, preview, run_import, undo_last
from peers_dash.model.filters import CohortFilter
from peers_dash.privacy.escape import markdown as md
from peers_dash.ui import data, read
from peers_dash.ui.shell import Page

KINDS = {"A term's files": "term", "Roster": "roster", "Sessions": "sessions", "Attendance": "attendance",
         "Survey": "survey"}
HELP = {
    "term": "Drop a term's files in any order, or one workbook with a sheet each: the roster, the sessions, "
            "sign-in sheets and Zoom or Teams reports. The check works out what depends on what (people, then "
            "sessions, then who came), finds each Zoom or Teams report's session from its own date, and the "
            "import takes them all or none.",
    "roster": "Who is in which group, with e-mail and name (kept only in a roster file beside the database, never "
              "shown). A new roster replaces the memberships of the people it lists.",
    "sessions": "When each group meets: group, session number, topic, date, time, length, format.",
    "attendance": "Sign-in sheets (one row per person per session), or a Zoom or Teams report for one session.",
    "survey": "A Qualtrics or REDCap export, or any survey CSV/Excel with a mapping file, for one wave.",
}


DATE_ORDERS = {"as the file shows": None, "day first (3 April)": "dmy", "month first (March 4)": "mdy"}


def start_real_database(page: Page) -> None:
    """On the demo: start an empty real database here, which every page then shows (no shell needed)."""
    from peers_dash.config import started_db
    from peers_dash.ingest.pipeline import init_database

    st.warning("This is the synthetic demo database: imports never change it. Start a real database for your "
               "school; every page then shows it (the demo stays as it is).", icon=":material/lock:")
    if not data.settings().db_is_default:
        st.write("`PEERS_DB` names the database to show: start one with `python -m peers_dash init --db PATH`.")
        return
    with st.form("start_real"):
        name = st.text_input("Your school or hospital's name", max_chars=120, placeholder="e.g. Riverside School "
                             "of Medicine")
        go = st.form_submit_button("Start a real database", icon=":material/add_circle:")
    if go:
        if not name.strip():
            st.error("Give the school's name: it labels the data.")
            return
        try:
            init_database(started_db(), name.strip())
        except PeersError as exc:
            st.error(md(str(exc)))
            return
        st.session_state["import_started"] = name.strip()
        st.rerun()


def show_import(page: Page, db: Path) -> None:
    """Kind, files, options, then Check and Import."""
    if started := st.session_state.pop("import_started", None):
        st.success(f"Started a real database for {md(started)}. Load a term's files below: start with the roster "
                   "and the sessions, or drop them all at once.", icon=":material/check_circle:")
    label = st.segmented_control("What are you loading?", list(KINDS), default="A term's files", key="import_kind")
    kind = KINDS[label or "A term's files"]
    st.caption(HELP[kind])
    if kind not in ("survey", "term"):
        _templates(kind if kind != "attendance" else "signin")
    files = st.file_uploader("Files (CSV, TSV or .xlsx)", type=["csv", "tsv", "txt", "xlsx"],
                             accept_multiple_files=True, key=f"import_files_{kind}")
    req = Request(kind=kind, files=[(f.name, f.getvalue()) for f in files or []], who=page.access.who,
                  create_new=kind in ("survey", "term", "attendance"))  # the check shows what an import would
    # create (programs and cohorts of a survey, sessions a sign-in sheet needs); Import then needs a tick
    if kind == "attendance":
        _meeting_options(req)
    if kind == "survey":
        _survey_options(req)
    if kind == "roster":
        req.institution = st.text_input("Institution of new programs (optional)", key="import_institution") or None
    if kind != "survey":
        order = st.radio("Dates like 03/04/2024 are written", list(DATE_ORDERS), horizontal=True,
                         key="import_date_order", help="Most files show it themselves (13/04 can only be day "
                         "first); when every date could be read both ways, the check asks you to say which.")
        req.date_order = DATE_ORDERS[order]
    check, go = st.columns(2)
    signature = _signature(req)
    if check.button("Check the files", disabled=not files, width="stretch", icon=":material/fact_check:"):
        with st.spinner("Checking: the import runs on a copy, nothing is written…"):
            st.session_state["import_preview"] = (signature, _safe(lambda: preview(db, req)))
    checked = st.session_state.get("import_preview")
    # a check counts only for exactly these files and options: change anything and check again
    outcome: Outcome | None = checked[1] if checked and checked[0] == signature else None
    if outcome is not None:
        _show_outcome(outcome)
    ready = outcome is not None and outcome.ok and bool(outcome.staged)
    created = [note for staged in (outcome.staged if outcome else []) for note in staged.created]
    if ready and created:
        ready = st.checkbox(f"Create them: {md('; '.join(created[:6]))}" + (f" and {len(created) - 6} more"
                                                                             if len(created) > 6 else ""),
                            key="import_create", help="These are new to the dashboard. Check them first: a "
                                                      "misspelt program becomes a program of its own, a mistyped "
                                                      "date a session of its own.")
    if go.button("Import", type="primary", disabled=not ready, width="stretch", icon=":material/upload:"):
        bar = st.progress(0.0, text="Importing…")
        result = _safe(lambda: run_import(db, req, progress=lambda f, m: bar.progress(min(f, 1.0), text=m)))
        bar.empty()
        st.session_state.pop("import_preview", None)
        if result is not None and result.applied:
            st.success(md(result.summary().capitalize() + "."), icon=":material/check_circle:")
            data.pin()  # the rest of this page (the history) shows the new data
            gaps = read.completeness()
            held = int(gaps.loc[gaps["what"].str.startswith("published figures"), "n"].sum())
            if held:
                st.info(f"{held:,} published figures keep their earlier numbers for now: the new data changes them "
                        f"by fewer than {page.min_n} people, which would single those people out. They update once "
                        f"at least {page.min_n} people's data has changed (see Methods).", icon=":material/shield:")
        elif result is not None:
            _show_outcome(result)


def _signature(req: Request) -> tuple:
    """What a check was made for: the kind, each file's name and content hash, and every option."""
    from peers_dash.ingest.pipeline import content_hash

    return (req.kind, tuple((name, content_hash(data)) for name, data in req.files), req.session, req.wave,
            req.eligible, req.present_share, req.institution, req.mapping and content_hash(req.mapping[1]),
            req.date_order)


def _safe(fn):
    try:
        return fn()
    except PeersError as exc:
        st.error(md(str(exc)))
        return None


def _templates(kind: str) -> None:
    from peers_dash.ingest.templates import TEMPLATE_HELP, template_csv, template_xlsx

    with st.expander("Templates and what each column means"):
        a, b = st.columns(2)
        a.download_button("CSV template", template_csv(kind), file_name=f"peers_{kind}_template.csv",
                          mime="text/csv", on_click="ignore", icon=":material/download:")
        b.download_button("Excel template", template_xlsx(kind), file_name=f"peers_{kind}_template.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          on_click="ignore", icon=":material/download:")
        for column, text in TEMPLATE_HELP[kind].items():
            st.markdown(f"- **{column}**: {text}")


def _meeting_options(req: Request) -> None:
    with st.expander("For a Zoom or Teams report: which session it is"):
        cohorts = read.options("cohort", CohortFilter())
        cohort = st.selectbox("Cohort", list(cohorts["label"]), index=None, key="import_cohort")
        if cohort is None:
            return
        cohort_id = int(cohorts.set_index("label").loc[cohort, "value"])
        groups = read.options("group", CohortFilter(cohorts=(cohort_id,)))
        group = st.selectbox("Group", list(groups["label"]), index=None, key="import_group")
        if group is None:
            return
        sessions = read.sessions_of_group(int(groups.set_index("label").loc[group, "value"]))
        labels = {f"{r.session_date} · session {r.session_number} · {r.topic}": r.session_id
                  for r in sessions.itertuples()}
        chosen = st.selectbox("Session", list(labels), index=None, key="import_session")
        if chosen:
            req.session = str(labels[chosen])
        req.present_share = st.slider("Present when in the meeting for at least this share of the session",
                                      0.1, 1.0, 0.5, 0.05, key="import_share")


def _survey_options(req: Request) -> None:
    years = read.academic_years()
    this = (years[-1] if years else 2025)
    choices = [f"{y}-{(y + 1) % 100:02d}" for y in range(this - 8, this + 2)]
    a, b = st.columns(2)
    year = a.selectbox("Academic year of the wave", choices, index=len(choices) - 2, key="import_wave_year")
    kind = b.selectbox("Wave", ["annual"] + [f"post-session {n}" for n in range(1, 11)], key="import_wave_kind")
    req.wave = f"{year} {kind}"
    eligible = st.text_input("People invited (leave empty to count them from the roster)", key="import_eligible")
    req.eligible = eligible.strip() or None
    mapping = st.file_uploader("Mapping file (.toml), for a survey CSV or Excel that is not a Qualtrics or REDCap "
                               "export", type=["toml", "txt"], key="import_mapping")
    if mapping is not None:
        req.mapping = (mapping.name, mapping.getvalue())
    if req.files and mapping is None:
        _suggest_mapping(req.files)


def _suggest_mapping(files: list[tuple[str, bytes]]) -> None:
    from peers_dash.ingest.parse import split_dictionary
    from peers_dash.ingest.read import read_table
    from peers_dash.ingest.suggest.mapping import suggest_mapping

    data_files, dictionary = split_dictionary(files)
    if not data_files:
        return
    file = data_files[0]
    try:
        text = suggest_mapping(read_table(file[1], file[0]), dictionary)
    except PeersError:
        return
    st.download_button("Start a mapping from this file's columns", text.encode("utf-8"),
                       file_name=f"{Path(file[0]).stem}_mapping.toml", mime="text/plain", on_click="ignore",
                       icon=":material/edit_note:", help="A mapping with every column guessed: check and edit it, "
                                                         "then upload it above (see docs/MAPPING.md).")


def _show_outcome(outcome: Outcome) -> None:
    for name, fmt in outcome.formats.items():
        st.caption(f"**{md(name)}**: read as {md(fmt)}")
    if outcome.report.errors:
        st.error(f"{len(outcome.report.errors)} problem(s): nothing will be written until they are fixed.",
                 icon=":material/error:")
    problems = outcome.report.errors + outcome.report.warnings
    if problems:
        st.dataframe(pd.DataFrame([{"": p.severity, "file": p.file, "row": p.row, "column": p.column or "",
                                    "problem": p.message, "kind": p.code} for p in problems]),
                     hide_index=True, width="stretch")
        extra = [line for line in outcome.report.lines() if line.startswith("...")]
        for line in extra:
            st.caption(md(line))
    if outcome.ok:
        st.success(md(outcome.summary().capitalize() + "."), icon=":material/fact_check:")
        for staged in outcome.staged:
            st.info("\n\n".join(md(line) for line in staged.lines()), icon=":material/preview:")
        if outcome.skipped:
            st.caption("Already imported, nothing to do: " + md(", ".join(outcome.skipped)))


def show_history(page: Page, db: Path) -> None:
    st.header("Import history")
    history = read.import_history()
    if history.empty:
        st.caption("No import yet.")
        return
    st.dataframe(history.rename(columns={"import_id": "#", "imported_at": "when (UTC)", "imported_by": "who",
                                         "file_name": "file", "target": "replaced", "rows_added": "added",
                                         "rows_replaced": "replaced rows", "rows_rejected": "rejected"}),
                 hide_index=True, width="stretch")
    applied = history[history["status"] == "applied"]
    if applied.empty:
        return
    last = applied.iloc[0]
    if st.button(f"Undo the last import ({md(last['file_name'])})", icon=":material/undo:", key="undo"):
        st.session_state["confirm_undo"] = True
    if st.session_state.get("confirm_undo"):
        st.warning(f"Put the data back as it was before {md(last['file_name'])} was imported?")
        yes, no = st.columns(2)
        if yes.button("Yes, undo it", type="primary"):
            message = _safe(lambda: undo_last(db, page.access.who))
            st.session_state["confirm_undo"] = False
            if message:
                data.pin()
                st.success(md(message))
        if no.button("No"):
            st.session_state["confirm_undo"] = False
