"""Figure builders: pure functions from a suppressed frame to a plotly Figure (graph_objects, no st. call).

One colour-blind-safe palette (Okabe-Ito), one number format, one way to show a hidden cell: its label
stays on the axis and the bar reads "fewer than N" (or the protection marker) instead of a value. Every
chart says in its subtitle which direction is good.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from peers_dash.privacy import SHOWN, STATUS, marker

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Likert 1-5: two oranges (unfavourable), grey (neutral), two blues (favourable); readable without colour
# vision of red and green.
LIKERT_COLOURS = ("#D55E00", "#F4A582", "#D9D9D9", "#92C5DE", "#0072B2")
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13)


def pct(x: float | None, digits: int = 0) -> str:
    """0.8234 -> '82%'; missing -> ''."""
    return "" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.{digits}%}"


def direction_note(higher_is_better: bool | None) -> str:
    if higher_is_better is None:
        return ""
    return "Higher is better." if higher_is_better else "Lower is better."


class _Figure:
    """Traces and layout collected as plain dicts and validated once at the end: plotly validates every
    add_* and update_* call, which cost about 20 ms a chart here."""

    def __init__(self) -> None:
        self.data: list[dict] = []

    def add_bar(self, **trace) -> None:
        self.data.append({"type": "bar", **trace})

    def add_scatter(self, **trace) -> None:
        self.data.append({"type": "scatter", **trace})

    def add_heatmap(self, **trace) -> None:
        self.data.append({"type": "heatmap", **trace})


# The look of plotly's "plotly_white" template, set directly: resolving a named template deep-copies it on
# every figure (about 18 ms a chart here).
_AXIS = dict(gridcolor="#EBF0F8", linecolor="#EBF0F8", zerolinecolor="#EBF0F8", ticks="", automargin=True)


def _layout(fig: _Figure, title: str, subtitle: str, height: int, **axes) -> go.Figure:
    for name in ("xaxis", "yaxis"):
        axes[name] = {**_AXIS, **axes.get(name, {})}
    layout = dict(
        title=dict(text=title, subtitle=dict(text=subtitle), x=0, xanchor="left"),
        font=FONT, height=height, margin=dict(l=10, r=20, t=80, b=60), template="none",
        paper_bgcolor="white", plot_bgcolor="white", colorway=list(PALETTE),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, xanchor="left", title=dict(text=""),
                    traceorder="normal"),
        hoverlabel=dict(font=FONT), **axes,
    )
    return go.Figure({"data": fig.data, "layout": layout})


def build_rate_bars(df: pd.DataFrame, category: str, *, title: str, rate: str = "rate", n: str = "n_people",
                    min_n: int, higher_is_better: bool | None = True, series: str | None = None,
                    n_label: str = "people", subtitle: str = "") -> go.Figure:
    """Horizontal bars of a rate per category with 95% intervals; n in the hover and the label."""
    fig = _Figure()
    cats = list(dict.fromkeys(df[category].astype(str)))
    groups = [(None, df)] if series is None else list(df.groupby(series, sort=False))
    for i, (name, part) in enumerate(groups):
        shown = part[part[STATUS] == SHOWN]
        err_plus = (shown[f"{rate}_hi"] - shown[rate]).to_numpy()
        err_minus = (shown[rate] - shown[f"{rate}_lo"]).to_numpy()
        fig.add_bar(
            y=shown[category].astype(str), x=shown[rate], orientation="h", name=str(name) if name else "rate",
            marker_color=PALETTE[i % len(PALETTE)], showlegend=series is not None,
            error_x=dict(type="data", array=err_plus, arrayminus=err_minus, color="#555", thickness=1.2),
            text=[f"{pct(r)}  (n={int(k):,})" for r, k in zip(shown[rate], shown[n])], textposition="inside",
            insidetextanchor="start", textfont=dict(color="white"), constraintext="none",
            customdata=np.stack([shown[n], shown[f"{rate}_lo"], shown[f"{rate}_hi"]], axis=-1) if len(shown) else None,
            hovertemplate=f"%{{y}}: %{{x:.0%}} (95% CI %{{customdata[1]:.0%}}–%{{customdata[2]:.0%}}), "
                          f"n=%{{customdata[0]:,}} {n_label}<extra>{name or ''}</extra>",
        )
        _hidden_labels(fig, part, category, min_n, horizontal=True)
    note = " · ".join(x for x in (direction_note(higher_is_better), "lines: 95% intervals", subtitle) if x)
    height = max(260, 60 + 34 * len(cats) * (1 if series is None else min(len(groups), 3)))
    return _layout(fig, title, note, height, barmode="group",
                   xaxis=dict(tickformat=".0%", range=[0, 1.0], title=None),
                   yaxis=dict(categoryorder="array", categoryarray=cats[::-1], title=None, automargin=True))


def _hidden_labels(fig: _Figure, part: pd.DataFrame, category: str, min_n: int, horizontal: bool) -> None:
    """A text mark where a hidden cell would be: its label stays, its value reads the marker."""
    hidden = part[part[STATUS] != SHOWN]
    if hidden.empty:
        return
    words = [marker(s, min_n) for s in hidden[STATUS]]
    cats = hidden[category].astype(str)
    zeros = [0.0] * len(hidden)
    fig.add_scatter(
        x=zeros if horizontal else cats, y=cats if horizontal else zeros, mode="text", text=words,
        textposition="middle right" if horizontal else "top center", textfont=dict(color="#555", size=12),
        showlegend=False, hovertemplate="%{text}<extra></extra>",
    )


def build_trend(df: pd.DataFrame, *, title: str, y: str, lo: str, hi: str, n: str = "n_people",
                series: str | None = None, higher_is_better: bool | None = True, y_format: str = ".0%",
                y_range: Sequence[float] | None = (0, 1), min_n: int, subtitle: str = "") -> go.Figure:
    """Lines over academic years with 95% bands; a changed point (interval excludes zero) is a filled
    diamond, others are open circles."""
    fig = _Figure()
    groups = [(None, df)] if series is None else list(df.groupby(series, sort=False))
    years = sorted(df["academic_year"].unique())
    for i, (name, part) in enumerate(groups):
        colour = PALETTE[i % len(PALETTE)]
        shown = part[part[STATUS] == SHOWN]
        x = shown["academic_year"]
        if len(groups) <= 3:  # bands of many lines overlap into a blur: then intervals are in the hover only
            fig.add_scatter(x=list(x) + list(x[::-1]), y=list(shown[hi]) + list(shown[lo][::-1]), fill="toself",
                            mode="lines", fillcolor=_rgba(colour, 0.15), line=dict(width=0), hoverinfo="skip",
                            showlegend=False)
        changed = shown["changed"] if "changed" in shown else pd.Series(False, index=shown.index)
        fig.add_scatter(
            x=x, y=shown[y], mode="lines+markers", name=str(name) if name else title, line=dict(color=colour),
            showlegend=series is not None,
            marker=dict(symbol=["diamond" if c else "circle-open" for c in changed], size=[11 if c else 8 for c in changed]),
            customdata=np.stack([shown[n], shown[lo], shown[hi]], axis=-1) if len(shown) else None,
            hovertemplate=f"%{{x}}: %{{y:{y_format}}} (95% CI %{{customdata[1]:{y_format}}}–%{{customdata[2]:{y_format}}}),"
                          f" n=%{{customdata[0]:,}}<extra>{name or ''}</extra>",
        )
    hidden = df[df[STATUS] != SHOWN]
    note = " ".join(x for x in (subtitle, direction_note(higher_is_better),
                                "Bands: 95% intervals." if len(groups) <= 3 else "95% intervals in the hover.",
                                "Filled diamonds: a change from the year before.") if x)
    if not hidden.empty:
        note += f" Some years are hidden ({marker(hidden[STATUS].iloc[0], min_n)})."
    return _layout(fig, title, note, 420, xaxis=dict(type="category", title=None, categoryorder="array",
                                                     categoryarray=years),
                   yaxis=dict(tickformat=y_format, range=list(y_range) if y_range else None, title=None))


def top_series(df: pd.DataFrame, series: str, keep: int = len(PALETTE)) -> tuple[pd.DataFrame, int]:
    """At most `keep` series (the ones with the most people), so every line has its own colour; returns
    the narrowed frame and how many series were left out."""
    names = list(dict.fromkeys(df[series]))
    if len(names) <= keep:
        return df, 0
    size = df.groupby(series)["n_people"].sum()
    chosen = set(size.sort_values(ascending=False).index[:keep])
    return df[df[series].isin(chosen)].reset_index(drop=True), len(names) - keep


def build_likert(dist: pd.DataFrame, category: str, *, title: str, labels: Sequence[str], min_n: int,
                 subtitle: str = "") -> go.Figure:
    """Diverging stacked bars of a 1-5 agree item: disagree to the left of zero, agree to the right,
    the neutral answer split across it."""
    fig = _Figure()
    cats = list(dict.fromkeys(dist[category].astype(str)))
    hidden = dist[dist[STATUS] != SHOWN]
    dist = dist[dist[STATUS] == SHOWN]
    wide = dist.pivot_table(index=category, columns="value", values="share", aggfunc="sum", sort=False).fillna(0.0)
    wide.index = wide.index.astype(str)
    n_by = dist.groupby(dist[category].astype(str), sort=False)["n_people"].first()
    def share_of(value: int) -> pd.Series:
        return wide[float(value)] if float(value) in wide.columns else pd.Series(0.0, index=wide.index)

    # Relative stacking puts the first trace of each sign next to zero: neutral halves first, then outward.
    half = share_of(3) / 2
    pieces = [(3, -half, True), (2, -share_of(2), True), (1, -share_of(1), True),
              (3, half, False), (4, share_of(4), True), (5, share_of(5), True)]
    for value, x, legend in pieces:
        label, colour = labels[value - 1], LIKERT_COLOURS[value - 1]
        fig.add_bar(y=wide.index, x=x, orientation="h", name=label, marker_color=colour, legendgroup=label,
                    legendrank=value, showlegend=legend,
                    customdata=np.stack([share_of(value), n_by.reindex(wide.index)], axis=-1),
                    hovertemplate=f"%{{y}} · {label}: %{{customdata[0]:.0%}} of %{{customdata[1]:,}}<extra></extra>")
    _hidden_labels(fig, hidden.drop_duplicates(category), category, min_n, horizontal=True)
    return _layout(fig, title, subtitle or "Share of respondents giving each answer; agreement to the right.",
                   max(260, 90 + 34 * len(cats)), barmode="relative",
                   xaxis=dict(tickformat=".0%", range=[-1, 1], title=None, zeroline=True, zerolinecolor="#333"),
                   yaxis=dict(categoryorder="array", categoryarray=cats[::-1], title=None, automargin=True))


def build_heatmap(df: pd.DataFrame, *, x: str, y: str, z: str, title: str, min_n: int, n: str = "n_people",
                  subtitle: str = "") -> go.Figure:
    """A grid of rates (e.g. groups x sessions); hidden cells are blank with the marker in the hover."""
    xs = list(dict.fromkeys(df[x].astype(str)))
    ys = list(dict.fromkeys(df[y].astype(str)))
    zz = df.pivot_table(index=df[y].astype(str), columns=df[x].astype(str), values=z, aggfunc="first",
                        sort=False, dropna=False).reindex(index=ys, columns=xs)
    nn = df.pivot_table(index=df[y].astype(str), columns=df[x].astype(str), values=n, aggfunc="first",
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


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"
