"""What a leader sees. Here, the figure builders: pure functions from a published frame to a plotly Figure (no
st. call); beside them the Programs grid (grids), marks over a chart (marks), column headings, what each figure
means (glossary), CSV (export) and the HTML report. Plain Python: no streamlit.

One colour-blind-safe palette (Okabe-Ito), one number format. The frames hold only published cells, so there
is nothing to hide here. Every chart says in its subtitle which direction is good. Text from the data (names,
questions) is escaped: plotly renders a few HTML tags, links among them.
"""
from __future__ import annotations

import html
from typing import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from peers_dash.model.dimensions import class_year_kind
from peers_dash.privacy.escape import plotly as esc

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Likert 1-5: two oranges (unfavourable), grey (neutral), two blues (favourable): no red and green needed.
LIKERT_COLOURS = ("#D55E00", "#F4A582", "#D9D9D9", "#92C5DE", "#0072B2")
INK = "#1A1A1A"
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13, color="#333333")
TO_DATE = "(to date)"  # the label of a year under way (filters.year_label)
MAX_BARS = 40  # more bars than a chart can show readably: the largest are drawn


def summarise(fig: go.Figure, text: str) -> go.Figure:
    """The chart in one sentence (its text alternative, shown under it): kept in the figure's layout.meta."""
    return fig.update_layout(meta={"summary": text})


def summary_of(fig: go.Figure | None) -> str:
    meta = fig.layout.meta if fig is not None else None
    return meta.get("summary", "") if isinstance(meta, dict) else ""


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (#RRGGBB)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on(background: str) -> str:
    """White or near-black, whichever reads better on `background`."""
    return "white" if contrast("#FFFFFF", background) >= contrast(INK, background) else INK


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


SUBTITLE_WIDTH = 60  # characters per subtitle line: a half-width chart and a phone show them whole
TITLE_WIDTH = 44     # and per title line (bold, larger)


def _layout(fig: _Figure, title: str, subtitle: str | Sequence[str], height: int, **axes) -> go.Figure:
    """The figure with its title and subtitle (several lines when given a sequence: a half-width chart cuts
    a long line)."""
    lines = [subtitle] if isinstance(subtitle, str) else [x for x in subtitle if x]
    lines = [part for line in lines for part in _wrap(line, SUBTITLE_WIDTH).split("<br>")]  # a phone's width
    heading = _wrap(title, TITLE_WIDTH)  # a long title on a phone: two lines, never cut
    extra = 16 * max(len(lines) - 1, 0) + 20 * heading.count("<br>")
    for name in ("xaxis", "yaxis"):
        axes[name] = {**_AXIS, **axes.get(name, {})}
    layout = dict(
        title=dict(text="<br>".join(esc(x) for x in heading.split("<br>")),
                   subtitle=dict(text="<br>".join(esc(x) for x in lines), font=dict(color="#595959")),
                   x=0, xanchor="left"),
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
                    max_bars: int = MAX_BARS, by_value: bool = False) -> go.Figure:
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
    if by_value and series is None:  # best first: programs, institutions (not class years, which have an order)
        df = df.sort_values(rate, ascending=higher_is_better is False, kind="stable")
    cats = list(dict.fromkeys(_labels(df[category])))
    groups = [(None, df)] if series is None else list(df.groupby(series, sort=False))
    for i, (name, part) in enumerate(groups):
        err_plus = (part[f"{rate}_hi"] - part[rate]).to_numpy()
        err_minus = (part[rate] - part[f"{rate}_lo"]).to_numpy()
        label = esc(name) if name is not None else "rate"
        fig.add_bar(
            y=_labels(part[category]), x=part[rate], orientation="h", name=label,
            marker=dict(color=PALETTE[i % len(PALETTE)],  # a year under way is hatched: not a whole year
                        pattern=dict(shape=["/" if str(c).endswith(TO_DATE) else "" for c in part[category]],
                                     fillmode="overlay", fgcolor="white", fgopacity=0.55)),
            showlegend=series is not None,
            error_x=dict(type="data", array=err_plus, arrayminus=err_minus, color="#555", thickness=1.2),
            text=[_num(r, x_format) for r in part[rate]], textposition="inside",  # n: in the hover and the table
            insidetextanchor="start", textfont=dict(color=text_on(PALETTE[i % len(PALETTE)])), constraintext="none",
            customdata=np.stack([part[n], part[f"{rate}_lo"], part[f"{rate}_hi"]], axis=-1) if len(part) else None,
            hovertemplate=f"%{{y}}: %{{x:{x_format}}} (likely %{{customdata[1]:{x_format}}}–"
                          f"%{{customdata[2]:{x_format}}}), "
                          f"n=%{{customdata[0]:,}} {n_label}<extra>{label if name is not None else ''}</extra>",
        )
    shapes = _add_consortium(fig, beside, category, cats, x_format) if beside is not None and series is None else []
    lines, kinds = _kind_groups(cats) if category == "class_year" else ([], [])
    shapes += lines
    note = " · ".join(x for x in (subtitle, direction_note(higher_is_better), "lines: 95% intervals") if x)
    ticks = _category_ticks(cats)
    per_bar = 44 if ticks else 34  # two-line labels need the room
    height = max(260, 60 + per_bar * len(cats) * (1 if series is None else min(len(groups), 3)))
    out = _layout(fig, title, [note, capped], height + (30 if shapes or beside is not None else 0), barmode="group",
                  showlegend=beside is not None or series is not None, shapes=shapes,
                  xaxis=dict(tickformat=x_format, range=list(x_range), title=None),
                  yaxis=dict(categoryorder="array", categoryarray=cats[::-1], title=None, automargin=True, **ticks))
    if kinds:  # MD, residency and PhD class years: one block each, named at the right
        out.update_layout(annotations=kinds, margin=dict(r=80))
    if series is None and len(df):
        ranked = df.sort_values(rate, ascending=False, kind="stable")
        top, low = ranked.iloc[0], ranked.iloc[-1]
        said = (f"Highest: {top[category]} {_num(top[rate], x_format)}; lowest: {low[category]} "
                f"{_num(low[rate], x_format)}." if len(ranked) > 1 else
                f"{top[category]}: {_num(top[rate], x_format)}.")
        summarise(out, said)
    return out


def _kind_groups(cats: list[str]) -> tuple[list[dict], list[dict]]:
    """(lines, labels) for class years of several kinds of program (MS.., PGY.., G..): a dotted line between
    blocks, and each kind's name beside its first class year. Nothing for one kind."""
    kinds = [class_year_kind(c) for c in cats]
    if len({k for k in kinds if k}) < 2:
        return [], []
    lines, labels = [], []
    for i, (cat, kind) in enumerate(zip(cats, kinds)):
        if not kind or (i and kinds[i - 1] == kind):
            continue
        if i:  # drawn top-down: category k sits at len - 1 - k, so this block starts half a step above that
            edge = len(cats) - i - 0.5
            lines.append(dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=edge, y1=edge,
                              line=dict(color="#767676", width=1, dash="dot")))
        labels.append(dict(xref="paper", x=1.01, xanchor="left", yref="y", y=cat, text=f"<b>{esc(kind)}</b>",
                           showarrow=False, font=dict(color="#333333", size=12)))
    return lines, labels


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
        marks = [_change_mark(c, d, higher_is_better) for c, d in
                 zip(shown["changed"] if "changed" in shown else [False] * len(shown),
                     shown["change"] if "change" in shown else [0.0] * len(shown))]
        worse = WORSE_COLOUR if series is None else colour  # one line: a worse change also in its own colour
        fig.add_scatter(
            x=x, y=shown[y], mode="lines+markers", name=esc(name) if name else esc(title), line=dict(color=colour),
            showlegend=series is not None,
            marker=dict(symbol=[m for m, _ in marks], size=[12 if m != "circle" else 7 for m, _ in marks],
                        color=[worse if bad else colour for _, bad in marks],
                        line=dict(width=2, color=[worse if bad else colour for _, bad in marks])),
            customdata=np.stack([shown[n], shown[lo], shown[hi]], axis=-1) if len(shown) else None,
            hovertemplate=f"%{{x}}: %{{y:{y_format}}} (likely %{{customdata[1]:{y_format}}}–"
                          f"%{{customdata[2]:{y_format}}}),"
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
                                "▲▼ a change from the year before (filled: better, open: worse).") if x)
    out = _layout(fig, title, note, 420, showlegend=series is not None or beside is not None,
                  xaxis=dict(type="category", title=None, categoryorder="array", categoryarray=years),
                  yaxis=dict(tickformat=y_format, range=list(y_range) if y_range else None, title=None))
    if series is None and len(df) > 1:
        first, last = df.iloc[0], df.iloc[-1]
        moved = [_change_mark(c, d, higher_is_better) for c, d in zip(df.get("changed", []), df.get("change", []))]
        summarise(out, f"From {_num(first[y], y_format)} in {first['academic_year']} to {_num(last[y], y_format)} "
                       f"in {last['academic_year']}; {sum(m != 'circle' and not w for m, w in moved)} better and "
                       f"{sum(w for _, w in moved)} worse changes from a year before.")
    return out


WORSE_COLOUR = "#D55E00"


def _change_mark(changed: bool, change: float, higher_is_better: bool | None) -> tuple[str, bool]:
    """(marker symbol, worse) of a year's point: a triangle the way it moved when the change is more than
    chance, filled when better and open when worse in the measure's own direction; a plain dot otherwise."""
    if not changed or change != change or not change:
        return "circle", False
    up = change > 0
    worse = higher_is_better is not None and up != higher_is_better
    return ("triangle-up" if up else "triangle-down") + ("-open" if worse else ""), worse


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
    fig = _layout(fig, title, subtitle or "Share of responses giving each answer; agreement to the right.",
                  max(300, 130 + 34 * len(cats)), barmode="relative",
                  xaxis=dict(range=[-1.02, 1.02], title=None, zeroline=True, zerolinecolor="#333",
                             tickvals=[-1, -0.5, 0, 0.5, 1], ticktext=["100%", "50%", "0", "50%", "100%"]),
                  yaxis=dict(categoryorder="array", categoryarray=cats[::-1], title=None, automargin=True))
    agree = (share_of(4) + share_of(5)).sort_values(ascending=False)
    if len(agree) > 1:
        summarise(fig, f"Most agreement: {html.unescape(agree.index[0])} ({pct(agree.iloc[0])} agree); least: "
                       f"{html.unescape(agree.index[-1])} ({pct(agree.iloc[-1])}).")  # the labels were escaped
    # the legend below the axis, never over its labels
    return fig.update_layout(legend=dict(y=0.01, yref="container", yanchor="bottom"), margin=dict(b=110))


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def _wrap(text: str, width: int = 12) -> str:
    """A column heading on lines of about `width` characters (plotly breaks lines only at <br>)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)
