"""Figure builders: pure functions from a published frame to a plotly Figure (graph_objects, no st. call).

One colour-blind-safe palette (Okabe-Ito), one number format. The frames hold only published cells (small
groups were left out when the data was written), so there is nothing to hide here. Every chart says in its
subtitle which direction is good. Text from the data (names, questions) is escaped: plotly renders a few
HTML tags, links among them.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from peers_dash.escape import plotly as esc

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Likert 1-5: two oranges (unfavourable), grey (neutral), two blues (favourable); readable without colour
# vision of red and green.
LIKERT_COLOURS = ("#D55E00", "#F4A582", "#D9D9D9", "#92C5DE", "#0072B2")
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13)
MAX_BARS = 40  # more bars than a chart can show readably: the largest are drawn


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


def _layout(fig: _Figure, title: str, subtitle: str | Sequence[str], height: int, **axes) -> go.Figure:
    """The figure with its title and subtitle (several lines when given a sequence: a half-width chart cuts
    a long line)."""
    lines = [subtitle] if isinstance(subtitle, str) else [x for x in subtitle if x]
    extra = 16 * max(len(lines) - 1, 0)
    for name in ("xaxis", "yaxis"):
        axes[name] = {**_AXIS, **axes.get(name, {})}
    layout = dict(
        title=dict(text=esc(title), subtitle=dict(text="<br>".join(esc(x) for x in lines)), x=0, xanchor="left"),
        font=FONT, height=height + extra, margin=dict(l=10, r=20, t=80 + extra, b=60),
        template="none",
        paper_bgcolor="white", plot_bgcolor="white", colorway=list(PALETTE),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, xanchor="left", title=dict(text=""),
                    traceorder="normal"),
        hoverlabel=dict(font=FONT), **axes,
    )
    return go.Figure({"data": fig.data, "layout": layout})


def _labels(values: pd.Series) -> list[str]:
    return [esc(v) for v in values.astype(str)]


def _category_ticks(cats: list[str]) -> dict:
    """Tick texts that put a label's institution on a second line ('Internal Medicine<br>Riverside'), so long
    consortium labels are not cut; the category itself (clicks, hover) stays the whole label."""
    if not any(" · " in c for c in cats):
        return {}
    return dict(tickmode="array", tickvals=cats, ticktext=[c.replace(" · ", "<br>", 1) for c in cats])


def build_rate_bars(df: pd.DataFrame, category: str, *, title: str, rate: str = "rate", n: str = "n_counted",
                    higher_is_better: bool | None = True, series: str | None = None,
                    n_label: str = "attendances", subtitle: str = "", x_format: str = ".0%",
                    x_range: Sequence[float] = (0, 1.0), beside: pd.DataFrame | None = None,
                    max_bars: int = MAX_BARS) -> go.Figure:
    """Horizontal bars of a rate (or, with x_format and x_range, a mean) per category with 95% intervals; n in
    the hover and the label. `beside` adds the consortium: a black diamond per category (columns `category`,
    `consortium`, `middle_lo`, `middle_hi`: its middle half drawn as a thick line), or with no category
    column one dashed line for the whole view. Over `max_bars` categories (a consortium's programs), the chart
    draws the largest by n and says so; the table and CSV beside it keep every row."""
    fig = _Figure()
    total = df[category].nunique()
    capped = ""
    if series is None and total > max_bars:
        df = df.nlargest(max_bars, n).sort_index()
        capped = f"The {max_bars} largest of {total:,} are drawn; the table and CSV have all."
    cats = list(dict.fromkeys(_labels(df[category])))
    groups = [(None, df)] if series is None else list(df.groupby(series, sort=False))
    for i, (name, part) in enumerate(groups):
        err_plus = (part[f"{rate}_hi"] - part[rate]).to_numpy()
        err_minus = (part[rate] - part[f"{rate}_lo"]).to_numpy()
        label = esc(name) if name is not None else "rate"
        fig.add_bar(
            y=_labels(part[category]), x=part[rate], orientation="h", name=label,
            marker_color=PALETTE[i % len(PALETTE)], showlegend=series is not None,
            error_x=dict(type="data", array=err_plus, arrayminus=err_minus, color="#555", thickness=1.2),
            text=[f"{_num(r, x_format)}  (n={int(k):,})" for r, k in zip(part[rate], part[n])], textposition="inside",
            insidetextanchor="start", textfont=dict(color="white"), constraintext="none",
            customdata=np.stack([part[n], part[f"{rate}_lo"], part[f"{rate}_hi"]], axis=-1) if len(part) else None,
            hovertemplate=f"%{{y}}: %{{x:{x_format}}} (95% CI %{{customdata[1]:{x_format}}}–"
                          f"%{{customdata[2]:{x_format}}}), "
                          f"n=%{{customdata[0]:,}} {n_label}<extra>{label if name is not None else ''}</extra>",
        )
    shapes = _add_consortium(fig, beside, category, cats, x_format) if beside is not None and series is None else []
    note = " · ".join(x for x in (subtitle, direction_note(higher_is_better), "lines: 95% intervals") if x)
    ticks = _category_ticks(cats)
    per_bar = 44 if ticks else 34  # two-line labels need the room
    height = max(260, 60 + per_bar * len(cats) * (1 if series is None else min(len(groups), 3)))
    return _layout(fig, title, [note, capped], height + (30 if shapes or beside is not None else 0), barmode="group",
                   showlegend=beside is not None or series is not None, shapes=shapes,
                   xaxis=dict(tickformat=x_format, range=list(x_range), title=None),
                   yaxis=dict(categoryorder="array", categoryarray=cats[::-1], title=None, automargin=True, **ticks))


CONSORTIUM_COLOUR = "#000000"


def _add_consortium(fig: _Figure, beside: pd.DataFrame, category: str, cats: list[str], fmt: str) -> list[dict]:
    """The consortium's marks on a bar chart; returns the layout shapes (the whole-view line) to draw."""
    if beside.empty:
        return []
    if category not in beside.columns:  # one figure for the whole view: a dashed line across the bars
        value = float(beside["consortium"].iloc[0])
        if value != value:
            return []
        fig.add_scatter(x=[value], y=[cats[0]] if cats else [None], mode="lines",
                        name=f"Consortium: {_num(value, fmt)}",
                        line=dict(color=CONSORTIUM_COLOUR, dash="dash", width=2), hoverinfo="skip")
        return [dict(type="line", x0=value, x1=value, y0=0, y1=1, yref="paper",
                     line=dict(color=CONSORTIUM_COLOUR, dash="dash", width=2))]
    part = beside[beside[category].astype(str).map(esc).isin(cats)]
    value, lo, hi = part["consortium"], part["middle_lo"], part["middle_hi"]
    middle = [f"; middle half of institutions {_num(a, fmt)}–{_num(b, fmt)}" if a == a and b == b else ""
              for a, b in zip(lo, hi)]
    fig.add_scatter(
        x=value, y=_labels(part[category]), mode="markers", name="Consortium (diamond; bar: its middle half)",
        marker=dict(symbol="diamond", size=11, color=CONSORTIUM_COLOUR, line=dict(color="white", width=1.5)),
        error_x=dict(type="data", array=(hi - value).fillna(0).to_numpy(), arrayminus=(value - lo).fillna(0).to_numpy(),
                     color=CONSORTIUM_COLOUR, thickness=3, width=0),
        customdata=np.array(middle, dtype=object).reshape(-1, 1) if len(part) else None,
        hovertemplate=f"%{{y}}: consortium %{{x:{fmt}}}%{{customdata[0]}}<extra></extra>",
    )
    return []


def _num(x: float | None, fmt: str) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    return pct(x) if fmt.endswith("%") else format(x, fmt)


def build_distribution(dist: pd.DataFrame, *, title: str, subtitle: str = "", bins: int = 12) -> go.Figure:
    """Vertical bars: the share of responses giving each answer (or score; many distinct scores are put in
    ranges of equal width), lowest first, with the count in the hover."""
    fig = _Figure()
    df = dist.sort_values("value")
    if df["value"].nunique() > 20:  # many scores: ranges of equal width ("0-4", "5-9", ... for whole scores)
        lo, hi = float(df["value"].min()), float(df["value"].max())
        whole = bool((df["value"] % 1 == 0).all())
        width = float(np.ceil((hi - lo + 1) / bins)) if whole else (hi - lo) / bins
        which = np.minimum(((df["value"] - lo) // width).astype(int), int(np.ceil((hi - lo + (1 if whole else 0))
                                                                                   / width)) - 1)
        def name(k: int) -> str:
            a = lo + k * width
            return f"{a:g}–{min(a + width - 1, hi):g}" if whole else f"{a:.2g}–{a + width:.2g}"
        df = (df.assign(order=which, answer=[name(int(k)) for k in which])
              .groupby(["order", "answer"], as_index=False)[["n_answers", "share"]].sum())
    n_total = int(dist["n_answers"].sum())
    fig.add_bar(x=_labels(df["answer"]), y=df["share"], marker_color=PALETTE[0],
                text=[pct(s) for s in df["share"]], textposition="outside", cliponaxis=False,
                customdata=df["n_answers"],
                hovertemplate="%{x}: %{y:.0%} (%{customdata:,} responses)<extra></extra>")
    note = " · ".join(x for x in (f"share of {n_total:,} responses", subtitle) if x)
    return _layout(fig, title, note, 340, xaxis=dict(type="category", title=None, tickangle=0),
                   yaxis=dict(tickformat=".0%", title=None, rangemode="tozero"))


def build_trend(df: pd.DataFrame, *, title: str, y: str, lo: str, hi: str, n: str = "n_responses",
                series: str | None = None, higher_is_better: bool | None = True, y_format: str = ".0%",
                y_range: Sequence[float] | None = (0, 1), subtitle: str = "",
                beside: pd.DataFrame | None = None) -> go.Figure:
    """Lines over academic years with 95% bands; a changed point (interval excludes zero) is a filled
    diamond, others are open circles. `beside` (academic_year, consortium, middle_lo, middle_hi) adds the
    consortium as a dashed black line."""
    fig = _Figure()
    groups = [(None, df)] if series is None else list(df.groupby(series, sort=False))
    years = sorted(df["academic_year"].unique())
    for i, (name, part) in enumerate(groups):
        colour = PALETTE[i % len(PALETTE)]
        shown = part
        x = shown["academic_year"]
        if len(groups) <= 3:  # bands of many lines overlap into a blur: then intervals are in the hover only
            fig.add_scatter(x=list(x) + list(x[::-1]), y=list(shown[hi]) + list(shown[lo][::-1]), fill="toself",
                            mode="lines", fillcolor=_rgba(colour, 0.15), line=dict(width=0), hoverinfo="skip",
                            showlegend=False)
        changed = shown["changed"] if "changed" in shown else pd.Series(False, index=shown.index)
        fig.add_scatter(
            x=x, y=shown[y], mode="lines+markers", name=esc(name) if name else esc(title), line=dict(color=colour),
            showlegend=series is not None,
            marker=dict(symbol=["diamond" if c else "circle-open" for c in changed], size=[11 if c else 8 for c in changed]),
            customdata=np.stack([shown[n], shown[lo], shown[hi]], axis=-1) if len(shown) else None,
            hovertemplate=f"%{{x}}: %{{y:{y_format}}} (95% CI %{{customdata[1]:{y_format}}}–%{{customdata[2]:{y_format}}}),"
                          f" n=%{{customdata[0]:,}}<extra>{esc(name) if name else ''}</extra>",
        )
    if beside is not None and len(beside) and series is None:
        middle = [f"; middle half of institutions {_num(a, y_format)}–{_num(b, y_format)}" if a == a and b == b
                  else "" for a, b in zip(beside["middle_lo"], beside["middle_hi"])]
        fig.add_scatter(x=beside["academic_year"], y=beside["consortium"], mode="lines+markers",
                        name="Consortium (all institutions)", line=dict(color=CONSORTIUM_COLOUR, dash="dash", width=2),
                        marker=dict(symbol="diamond-open", size=8, color=CONSORTIUM_COLOUR),
                        customdata=np.array(middle, dtype=object).reshape(-1, 1),
                        hovertemplate=f"%{{x}}: consortium %{{y:{y_format}}}%{{customdata[0]}}<extra></extra>")
    note = " ".join(x for x in (subtitle, direction_note(higher_is_better),
                                "Bands: 95% intervals." if len(groups) <= 3 else "95% intervals in the hover.",
                                "Filled diamonds: a change from the year before.") if x)
    return _layout(fig, title, note, 420, showlegend=series is not None or beside is not None,
                   xaxis=dict(type="category", title=None, categoryorder="array",
                                                     categoryarray=years),
                   yaxis=dict(tickformat=y_format, range=list(y_range) if y_range else None, title=None))


def top_series(df: pd.DataFrame, series: str, keep: int = len(PALETTE)) -> tuple[pd.DataFrame, int]:
    """At most `keep` series (the ones with the most people), so every line has its own colour; returns
    the narrowed frame and how many series were left out."""
    names = list(dict.fromkeys(df[series]))
    if len(names) <= keep:
        return df, 0
    size = df.groupby(series)["n_responses"].sum()
    chosen = set(size.sort_values(ascending=False).index[:keep])
    return df[df[series].isin(chosen)].reset_index(drop=True), len(names) - keep


def build_likert(dist: pd.DataFrame, category: str, *, title: str, labels: Sequence[str],
                 subtitle: str = "") -> go.Figure:
    """Diverging stacked bars of a 1-5 agree item: disagree to the left of zero, agree to the right,
    the neutral answer split across it."""
    fig = _Figure()
    dist = dist.assign(**{category: _labels(dist[category])})
    cats = list(dict.fromkeys(dist[category]))
    wide = dist.pivot_table(index=category, columns="value", values="share", aggfunc="sum", sort=False).fillna(0.0)
    n_by = dist.groupby(category, sort=False)["n_responses"].first()
    def share_of(value: int) -> pd.Series:
        return wide[float(value)] if float(value) in wide.columns else pd.Series(0.0, index=wide.index)

    # Relative stacking puts the first trace of each sign next to zero: neutral halves first, then outward.
    half = share_of(3) / 2
    pieces = [(3, -half, True), (2, -share_of(2), True), (1, -share_of(1), True),
              (3, half, False), (4, share_of(4), True), (5, share_of(5), True)]
    for value, x, legend in pieces:
        label, colour = esc(labels[value - 1]), LIKERT_COLOURS[value - 1]
        fig.add_bar(y=wide.index, x=x, orientation="h", name=label, marker_color=colour, legendgroup=label,
                    legendrank=value, showlegend=legend,
                    customdata=np.stack([share_of(value), n_by.reindex(wide.index)], axis=-1),
                    hovertemplate=f"%{{y}} · {label}: %{{customdata[0]:.0%}} of %{{customdata[1]:,}}<extra></extra>")
    return _layout(fig, title, subtitle or "Share of responses giving each answer; agreement to the right.",
                   max(260, 90 + 34 * len(cats)), barmode="relative",
                   xaxis=dict(tickformat=".0%", range=[-1, 1], title=None, zeroline=True, zerolinecolor="#333"),
                   yaxis=dict(categoryorder="array", categoryarray=cats[::-1], title=None, automargin=True))


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


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"
