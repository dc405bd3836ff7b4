"""Marks drawn over a chart: program changes (a dashed line between academic years) and targets and benchmarks
(a dotted line at their value), each named."""
from __future__ import annotations

from typing import Sequence

import plotly.graph_objects as go

from peers_dash.charts import SUBTITLE_WIDTH, _num, _wrap
from peers_dash.privacy.escape import plotly as esc

CHANGE_COLOUR = "#5C3C92"  # program changes: a colour no series or verdict uses


def mark_changes(fig: go.Figure, changes: Sequence[tuple[str, str]], cats: Sequence[str], axis: str = "x",
                 top_down: bool = False) -> go.Figure:
    """A dashed line before each changed year (academic-year label, words) that the chart shows, and the words
    beside it. `cats` in the order drawn along `axis` (top_down: a bar chart's categories from the top)."""
    shapes, notes = list(fig.layout.shapes or ()), list(fig.layout.annotations or ())
    named, drawn = [], 0
    for label, words in changes:
        if label not in cats:
            continue
        i = list(cats).index(label)
        edge = (len(cats) - i - 0.5) if top_down else i - 0.5
        text = esc(words if len(words) <= 40 else words[:39] + "…")
        line = dict(color=CHANGE_COLOUR, width=2, dash="dash")
        if axis == "x":
            shapes.append(dict(type="line", xref="x", x0=edge, x1=edge, yref="paper", y0=0, y1=1, line=line))
            notes.append(dict(xref="x", x=edge, yref="paper", y=1 - 0.07 * (drawn % 2), yanchor="bottom",
                              xanchor="left", text=text, showarrow=False, bgcolor="white",
                              font=dict(color=CHANGE_COLOUR, size=12)))  # staggered: two near changes never overlap
            drawn += 1
        else:  # bars reach the right edge: the words go under the title instead
            shapes.append(dict(type="line", yref="y", y0=edge, y1=edge, xref="paper", x0=0, x1=1, line=line))
            named.append(f"{text} (from {esc(label)})")
    if named:
        lines = fig.layout.title.subtitle.text or ""
        more = _wrap(f"Dashed: program changes: {'; '.join(named)}", SUBTITLE_WIDTH)
        extra = 16 * (more.count("<br>") + 1)
        fig.update_layout(title_subtitle_text=f"{lines}<br>{more}", margin_t=(fig.layout.margin.t or 80) + extra,
                          height=(fig.layout.height or 300) + extra)
    return fig.update_layout(shapes=shapes, annotations=notes)


REFERENCE_COLOUR = "#1A1A1A"


def mark_references(fig: go.Figure, refs: Sequence[tuple[str, float]], axis: str, fmt: str) -> go.Figure:
    """A dotted line at each target or benchmark (label, value) on the value axis (`axis`: 'x' for bars,
    'y' for a trend), named with its value."""
    if not refs:
        return fig
    shapes, notes = list(fig.layout.shapes or ()), list(fig.layout.annotations or ())
    for i, (label, value) in enumerate(refs):
        text = esc(f"{label if len(label) <= 48 else label[:47] + '…'} {_num(value, fmt)}")
        dash = "dot" if label == "Target" else "dashdot"
        line = dict(color=REFERENCE_COLOUR, width=2, dash=dash)
        if axis == "x":
            shapes.append(dict(type="line", xref="x", x0=value, x1=value, yref="paper", y0=0, y1=1, line=line))
            notes.append(dict(xref="x", x=value, yref="paper", y=0, yanchor="top", yshift=-26 - 18 * i, text=text,
                              showarrow=False, font=dict(color=REFERENCE_COLOUR, size=12), bgcolor="white"))
        else:
            shapes.append(dict(type="line", yref="y", y0=value, y1=value, xref="paper", x0=0, x1=1, line=line))
            notes.append(dict(yref="y", y=value, xref="paper", x=0, xanchor="left", yanchor="bottom", text=text,
                              showarrow=False, font=dict(color=REFERENCE_COLOUR, size=12), bgcolor="white"))
    extra = 22 * len(refs) if axis == "x" else 0
    return fig.update_layout(shapes=shapes, annotations=notes, height=(fig.layout.height or 300) + extra,
                             margin_b=(fig.layout.margin.b or 60) + extra)
