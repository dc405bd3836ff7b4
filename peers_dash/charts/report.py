"""A report to hand on: one self-contained HTML file of the view on screen (every chart with its table, the
filter in words, the data's date, the privacy note) that opens offline and prints well to PDF. Text from the
data is escaped; the charts are the same figures the page drew, with plotly.js inside the file."""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable
from datetime import datetime, timezone

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

STYLE = """
body { font-family: "Source Sans Pro", Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
.meta { color: #444; } .note { color: #444; font-size: .9rem; border-left: 3px solid #0072b2; padding-left: .6rem; }
table { border-collapse: collapse; font-size: .85rem; margin-top: .5rem; }
th, td { border: 1px solid #bbb; padding: .2rem .45rem; text-align: left; } th { background: #f2f2f2; }
section { break-inside: avoid; page-break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } .js-plotly-plot .modebar { display: none !important; } }
"""


@dataclass(frozen=True)
class Part:
    """One chart of the page and the table behind it, as the page shows them."""

    name: str
    figure: go.Figure | None
    table: pd.DataFrame | Callable[[], pd.DataFrame]  # a callable: made only when the report is
    summary: str = ""

    def rows(self) -> pd.DataFrame:
        return self.table() if callable(self.table) else self.table


def build(title: str, showing: str, as_of: object, version: object, privacy: str, parts: list[Part],
          link: str = "") -> str:
    """The report's HTML."""
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    e = html.escape
    body = [f"<h1>{e(title)}</h1>",
            f'<p class="meta">Showing: <b>{e(showing)}</b> · data as of {e(str(as_of))} (version {e(str(version))})'
            f" · made {made}</p>",
            f'<p class="note">{e(privacy)}</p>']
    if link:
        body.append(f'<p class="meta">This view on the dashboard: <a href="{e(link, quote=True)}">{e(link)}</a></p>')
    for i, part in enumerate(parts):
        body.append(f"<section><h2>{e(part.name)}</h2>")
        if part.summary:
            body.append(f"<p>{e(part.summary)}</p>")
        if part.figure is not None:
            fig = go.Figure(part.figure).update_layout(width=900)
            body.append(fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart{i}",
                                    config={"displayModeBar": False, "responsive": False}))
        body.append(part.rows().to_html(index=False, escape=True, na_rep="", border=0))
        body.append("</section>")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)} · PEERS</title><style>{STYLE}</style>"
            f"<script>{get_plotlyjs()}</script></head><body>{''.join(body)}</body></html>")
