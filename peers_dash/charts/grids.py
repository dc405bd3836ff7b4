"""Grids and counts: the Groups page's heatmaps, the Programs grid (each unit against the whole view) and the
comment themes' counts. Built on charts.py's layout, fonts and escaping."""
from __future__ import annotations

from typing import Sequence

import pandas as pd
import plotly.graph_objects as go

from peers_dash.charts import INK, PALETTE, _Figure, _labels, _layout, _wrap, pct, summarise
from peers_dash.privacy.escape import plotly as esc

def build_heatmap(df: pd.DataFrame, *, x: str, y: str, z: str, title: str, min_n: int, n: str = "n_people",
                  subtitle: str = "") -> go.Figure:
    """A grid of rates (e.g. groups x sessions); a cell with no published figure is blank."""
    df = df.assign(**{x: _labels(df[x]), y: _labels(df[y])})
    xs = list(dict.fromkeys(df[x]))
    ys = list(dict.fromkeys(df[y]))
    zz = df.pivot_table(index=y, columns=x, values=z, aggfunc="first",
                        sort=False, dropna=False).reindex(index=ys, columns=xs)
    nn = df.pivot_table(index=y, columns=x, values=n, aggfunc="first",
                        sort=False, dropna=False).reindex(index=ys, columns=xs)
    text = [[pct(v) for v in row] for row in zz.to_numpy()]
    fig = _Figure()
    fig.add_heatmap(
        x=xs, y=ys, z=zz.to_numpy(), text=text, texttemplate="%{text}", zmin=0, zmax=1,
        colorscale=[[0, "#F7FBFF"], [0.5, "#6BAED6"], [1, "#08306B"]], colorbar=dict(tickformat=".0%"),
        customdata=nn.to_numpy(), hoverongaps=False,
        hovertemplate="%{y}, %{x}: %{z:.0%}, n=%{customdata}<extra></extra>")
    note = ". ".join(x for x in (subtitle, f"Blank cells: no session, or fewer than {min_n} people.") if x)
    return _layout(fig, title, note, max(300, 110 + 26 * len(ys)),
                   xaxis=dict(type="category", title=None),
                   yaxis=dict(autorange="reversed", title=None, automargin=True, type="category"))


GRID_SCALE = [[0, "#E8975F"], [0.5, "#F4F4F4"], [1, "#6FA8D6"]]  # worse, the same, better: dark text reads on all
GRID_SPAN = 0.2  # the colour is full at 20 points from the whole view


def build_compare_grid(long: pd.DataFrame, unit: str, units: Sequence[str], figures: Sequence[str], *,
                       title: str, whole_label: str, subtitle: str | Sequence[str] = "") -> go.Figure:
    """Units (rows, in the order given) by figures (columns), each cell its share, coloured by its difference
    from the whole view in the figure's own direction (blue better, orange worse), marked ▲ or ▼ only when the
    difference is real; the first row is the whole view itself. `long` is compare.against_whole's frame."""
    shown = long[long[unit].isin(units)]  # plain dicts: a national view has thousands of rows to look up in
    cells = {(r[unit], r["figure"]): r for r in shown.to_dict("records")}
    whole = dict(zip(long["figure"], long["whole"]))
    rows = [whole_label, *units]
    z, text, hover = [], [], []
    for row in rows:
        zr, tr, hr = [], [], []
        for fig_name in figures:
            if row == whole_label:
                value = whole.get(fig_name)
                zr.append(0.0 if value is not None else None)
                tr.append(f"<b>{pct(value)}</b>" if value is not None else "")
                hr.append(f"{esc(whole_label)}, {esc(fig_name)}: {pct(value)}" if value is not None else "")
                continue
            c = cells.get((row, fig_name))
            if c is None:
                zr.append(None), tr.append(""), hr.append("")
                continue
            direction = c["higher_is_better"]  # the figure's own (compare.Column); None: no colour
            zr.append(0.0 if direction is None else float(c["difference"]) * (1 if direction else -1))
            points = round(float(c["difference"]) * 100)
            mark = "" if not c["real"] else (" ▲" if points > 0 else " ▼")
            tr.append(f"{pct(c['share'])}<br>{points:+d}{mark}")
            verdict = ("a real difference" if c["real"] else "too small to tell from chance")
            hr.append(f"{esc(row)}, {esc(fig_name)}: {pct(c['share'])} of {int(c['n']):,}; "
                      f"{points:+d} points from {esc(whole_label.lower())} ({pct(c['whole'])}): {verdict}")
        z.append(zr), text.append(tr), hover.append(hr)
    fig = _Figure()
    heads = [_wrap(esc(f), 12 if len(figures) <= 3 else 10) for f in figures]
    fig.add_heatmap(x=heads, y=[_wrap(esc(r), 18) for r in rows], z=z, text=text, texttemplate="%{text}",
                    customdata=hover, hovertemplate="%{customdata}<extra></extra>", zmin=-GRID_SPAN, zmax=GRID_SPAN,
                    colorscale=GRID_SCALE, showscale=False, xgap=2, ygap=2, hoverongaps=False,
                    textfont=dict(color="#1A1A1A", size=13))
    lines_up = max((h.count("<br>") + 1 for h in heads), default=1)
    out = _layout(fig, title, subtitle, max(260, 130 + 44 * len(rows) + 17 * lines_up),
                  xaxis=dict(type="category", side="top", title=None, showgrid=False, tickangle=0),
                  yaxis=dict(type="category", autorange="reversed", title=None, showgrid=False))
    lines = 1 if isinstance(subtitle, str) else len([s for s in subtitle if s])
    # the title at the top, the column headings under its subtitle (not the title in the middle of the margin)
    real = long[long[unit].isin(units)]
    better, worse = int((real["better"] == True).sum()), int((real["better"] == False).sum())  # noqa: E712
    summarise(out, f"{better} cells better and {worse} worse than the whole view by more than chance, of "
                   f"{len(real)}.")
    return out.update_layout(margin=dict(t=64 + 16 * lines + 17 * lines_up, b=20),
                             title=dict(yref="container", y=1, yanchor="top", pad=dict(t=14)))


def build_count_bars(df: pd.DataFrame, category: str, count: str, *, title: str, subtitle: str = "",
                     unit: str = "") -> go.Figure:
    """Horizontal bars of a count per category, in the frame's order from the top, the count beside each."""
    cats = _labels(df[category])
    fig = _Figure()
    fig.add_bar(y=cats, x=df[count], orientation="h", marker=dict(color=PALETTE[0]), showlegend=False,
                text=[f"{int(v):,}" for v in df[count]], textposition="outside", cliponaxis=False,
                textfont=dict(color=INK), hovertemplate=f"%{{y}}: %{{x:,}} {esc(unit)}<extra></extra>")
    top = float(df[count].max()) if len(df) else 1.0
    out = _layout(fig, title, subtitle, max(220, 70 + 30 * len(cats)),
                  xaxis=dict(range=[0, top * 1.15], title=None, showticklabels=False),
                  yaxis=dict(categoryorder="array", categoryarray=cats[::-1], title=None, automargin=True))
    if len(df):
        summarise(out, f"Most: {df[category].iloc[0]} ({int(df[count].iloc[0]):,} {unit}).")
    return out
