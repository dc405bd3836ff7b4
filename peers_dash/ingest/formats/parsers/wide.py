"""Any other survey table (CSV or Excel, one row per respondent) -> (RESPONSES, ANSWERS, NEW_ITEMS) frames,
read through a mapping that says what each column is (docs/MAPPING.md)."""
from __future__ import annotations

from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import Table
from peers_dash.ingest.survey.engine import Frames, build, check_columns, plan_from_mapping, table_rows, warn_unused
from peers_dash.ingest.survey.mapping import Mapping


def parse_mapped(table: Table, mapping: Mapping, report: Report) -> Frames:
    """Any wide file (one row per respondent) read through a mapping."""
    columns = [c for c in table.columns if c != "_row"]
    plan = plan_from_mapping(table.name, columns, mapping)
    plan.duplicated = set(table.renamed.values())
    check_columns(plan, report)
    used = {s.question.column for s in plan.specs} | set(plan.who.values()) | set(mapping.columns.values())
    warn_unused(plan, [c for c in columns if c not in used and c.strip()], report)
    return build(plan, table_rows(table), report)
