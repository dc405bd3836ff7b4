"""The frame of every page: page config, the database check, the sidebar (navigation + cohort filter), the
demo-data notice. Every page opens with `page = start("Title")`, so a deep link to any page works alone."""
from __future__ import annotations

import threading
import urllib.parse
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
import streamlit as st

from peers_dash import PeersError
from peers_dash.charts import export, report
from peers_dash.config import ROOT, Settings
from peers_dash.model.dimensions import FILTERS, Dimension
from peers_dash.model.filters import CohortFilter, ay_label, default_year, running_year
from peers_dash.privacy.access import Access, institutions_for, open_mode, role_for
from peers_dash.privacy.escape import markdown as md
from peers_dash.queries import lookups
from peers_dash.sitemap import PAGES
from peers_dash.store.db import SCHEMA_VERSION, peek, read_meta
from peers_dash.ui import data, read

Uses = Literal["attendance", "survey", "both"]

_BUILD_LOCK = threading.Lock()
# On a phone the sidebar folds behind an arrow: say in words that the filter is there.
PHONE_CSS = """<style>
[data-testid="stExpandSidebarButton"]::after { content: "Filter and pages"; margin-left: .35rem;
  font-size: .95rem; color: #1a1a1a; white-space: nowrap; }
</style>"""


@dataclass(frozen=True)
class Page:
    """What a page needs from the frame."""

    title: str
    access: Access
    filt: CohortFilter
    settings: Settings
    status: dict
    description: str
    scope: tuple[int, ...] | None = None  # the institutions this person may see (None: every one)
    beside: bool = False                  # show the consortium's figure beside this view's
    trend: CohortFilter | None = None     # for charts over academic years: every year unless years were chosen
    actions: object = None                # where finish() puts Share and Report (under the 'Showing' line)
    parts: list = field(default_factory=list)  # the charts drawn, with their tables, for the report

    @property
    def over_years(self) -> CohortFilter:
        """The filter of a chart over academic years (the page's own when no trend filter was set)."""
        return self.trend if self.trend is not None else self.filt

    def consortium(self, program_kinds: tuple[str, ...] = ()) -> CohortFilter:
        """The consortium filter matching this view (see CohortFilter.consortium)."""
        return self.filt.consortium(program_kinds, own=len(self.scope) if self.scope else 1)

    @property
    def min_n(self) -> int:
        """The minimum cell size the published cells were decided with (when the data was written)."""
        return int(self.status["min_cell_size"])


def start(title: str, uses: Uses = "both", needs: str = "viewer") -> Page:
    """Draw the frame of a page and return its filter. Stops the page when the person may not see it, when
    there is no database, or when the database was protected for smaller groups than the setting asks."""
    st.set_page_config(page_title=f"{title} · PEERS", page_icon=":material/diversity_3:", layout="wide")
    st.html(PHONE_CSS)
    settings = _settings_or_stop()
    data.set_scope(())  # nothing is readable until the person's institutions are known
    access = current_access()
    with st.sidebar:
        st.markdown("### PEERS dashboard")
    if not access.allows("viewer"):
        st.title(title)
        st.error(f"{md(access.who)} is signed in but has no access to this dashboard. Ask its administrator.")
        st.stop()
    _ensure_database(settings)
    try:
        data.pin()
        limited = _scope(access)
        data.set_scope(limited)
        status = read.data_status()
    except PeersError as exc:  # an old schema, a file that is not a PEERS database: say what to do
        st.title(title)
        st.error(md(str(exc)), icon=":material/database:")
        st.stop()
    with st.sidebar:
        for link in PAGES:
            if (ROOT / link.script).exists() and access.allows(link.role):
                st.page_link(link.script, label=link.label, icon=link.icon)
        st.caption(f":material/person: {md(access.who)} · **{access.role}** ({access.how})")
        st.divider()
        filt, trend = _filters(access, limited)
        beside = _beside_toggle()
    description = read.describe(filt)
    st.title(title)
    if not access.allows(needs):
        st.error(f"This page needs the {needs} role; you have the {access.role} role.", icon=":material/lock:")
        st.stop()
    if status["is_demo"]:
        st.info("**Synthetic demo data.** Every name, number and answer here is generated; none is a real "
                "student. Start a real database on the Import page, or set `PEERS_DB` to show one.",
                icon=":material/science:")
    _check_protection(settings, status)
    over_years = " · charts over the years: every year" if trend != filt else ""
    st.caption(f"Showing: **{md(description)}**{over_years} · data as of {status['data_as_of']} (version "
               f"{status['data_version']}) · every figure comes from at least {status['min_cell_size']} people")
    actions = st.container(horizontal=True)
    if uses == "survey" and filt.ignored_for_survey():
        st.caption(f"The {' and '.join(filt.ignored_for_survey())} filter does not apply to survey results: "
                   "answers are never linked to groups or sessions.")
    return Page(title, access, filt, settings, status, description, limited, beside, trend, actions)


def _scope(access: Access) -> tuple[int, ...] | None:
    """The ids of the institutions the person may see (None: every one). Stops the page when the login
    settings give them none this database has."""
    if access.institutions is None:
        return None
    ids = read.institution_ids(access.institutions) if access.institutions else {}
    if not ids:
        st.error(f"{md(access.who)} is signed in but no institution of this dashboard is assigned to them "
                 "(`[peers.institutions]` in the login settings). Ask its administrator.", icon=":material/lock:")
        st.stop()
    return tuple(sorted(ids.values()))


def _beside_toggle() -> bool:
    """'Consortium beside': the consortium's figure next to this view's, where the database has one."""
    if not read.consortium_ready():
        return False
    return st.toggle("Consortium beside", key="beside", bind="query-params",
                     help="Each chart also shows every institution together (where at least three contribute) "
                          "and the middle half of the institutions' own figures (where at least five do).")


def _check_protection(settings: Settings, status: dict) -> None:
    """The published cells were decided with the minimum in force when the data was written. A setting that
    asks for more cannot be met by this file: show nothing until it is protected again (fail closed)."""
    decided, wanted = int(status["min_cell_size"]), settings.min_cell_size
    if decided >= wanted and int(status["min_comment_n"]) >= settings.min_comment_n:
        return
    st.error(f"This database was protected for groups of at least {decided} people (comments: "
             f"{status['min_comment_n']}), but the settings ask for {wanted} (comments: {settings.min_comment_n}). "
             "Nothing is shown until an administrator runs `python -m peers_dash protect` for this database.",
             icon=":material/lock:")
    st.stop()


def finish(page: Page) -> None:
    """The last line of every page: the data version this page was computed from, read again at the end
    of the run (a page never mixes two versions: queries are pinned to the one read at the start). Then
    Share and Report under the page's 'Showing' line."""
    with data.cursor() as cur:
        version = read_meta(cur).get("data_version", "?")
    st.caption(f"Computed from data version {version}.")
    if page.actions is None:
        return
    link = share_link(page.title)
    with page.actions:
        with st.popover("Share", icon=":material/share:", help="A link to this page with its filters."):
            st.caption("Copy this link (the button at its right): it opens this page with the same filters. "
                       "Whoever opens it sees only what their own sign-in allows.")
            st.code(link, language=None, wrap_lines=True)
        if page.parts:
            st.download_button(
                "Report", icon=":material/description:", on_click="ignore", mime="text/html",
                file_name=f"{export.safe_filename('peers', page.title, page.description, ext='html')}",
                data=lambda: report.build(page.title, page.description, page.status["data_as_of"], version,
                                          privacy_line(page), page.parts, link).encode("utf-8"),
                help="One file of this page: every chart with its table, the filter and the data's date. Open it "
                     "in a browser and print it to PDF.")


def privacy_line(page: Page) -> str:
    return (f"Every figure comes from at least {page.min_n} people: groups of fewer, and single PEERS groups, are "
            "left out of every figure, so that no figure and no difference between two figures singles anyone out.")


def share_link(title: str) -> str:
    """The address of this page with its filters, as the browser would open it."""
    slug = next((page.url for page in PAGES if page.label == title), "/").strip("/")
    parts = urllib.parse.urlsplit(st.context.url or "http://localhost:8501/")
    base = "/".join(p for p in (str(st.get_option("server.baseUrlPath") or "").strip("/"), slug) if p)
    query = urllib.parse.urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + base, query, ""))


def current_access() -> Access:
    """The person's role: from the login when one is configured, else open mode (see peers_dash.privacy.access)."""
    login = _has_login_config()
    proxy = bool(st.get_option("server.trustedUserHeaders"))
    if not (login or proxy):
        return open_mode(st.get_option("server.address"))
    user = st.user
    email = user.get("email") if user.get("is_logged_in", False) or proxy else None
    if not email:
        st.title("PEERS dashboard")
        st.write("Sign in to see the PEERS dashboard.")
        if login:
            st.button("Sign in", on_click=st.login, type="primary", icon=":material/login:")
        else:
            st.error("Your single sign-on did not say who you are: open the dashboard through the sign-on page.")
        st.stop()
    groups = user.get("groups") or []
    rules = _secret("peers", {}).get("roles", {})
    groups = groups if isinstance(groups, list) else [groups]
    role = role_for(str(email), groups, rules)
    table = _secret("peers", {}).get("institutions")
    return Access(role, str(email), "signed in" if login else "single sign-on",
                  institutions_for(str(email), groups, dict(table) if table is not None else None))


def _has_login_config() -> bool:
    return bool(_secret("auth", None))


def _secret(key: str, default):
    try:
        return st.secrets.get(key, default)
    except FileNotFoundError:  # no secrets.toml at all: no login configured
        return default
    except Exception as exc:  # a broken secrets.toml must not quietly open the dashboard: fail closed
        st.title("PEERS dashboard")
        st.error(f"The login settings (.streamlit/secrets.toml) could not be read ({type(exc).__name__}). "
                 "Nothing is shown until they are fixed.", icon=":material/lock:")
        st.stop()


def _settings_or_stop() -> Settings:
    try:
        return data.settings()
    except PeersError as exc:
        st.error(f"Setting problem: {md(exc)}")
        st.stop()


def _ensure_database(settings: Settings) -> None:
    """Build the demo database on the very first run; a configured path that is missing is an error."""
    path = settings.db_path
    if path.exists() and not (settings.db_is_default and _outdated_demo(path)):
        return
    if not settings.db_is_default:
        st.error(f"`PEERS_DB` points to a file named **{md(path.name)}**, which does not exist. Check the path "
                 "set on the server), or unset `PEERS_DB` to use the demo database.")
        st.stop()
    with _BUILD_LOCK:
        if path.exists() and not _outdated_demo(path):  # another session built it while this one waited
            return
        from peers_dash.store.demo import build_demo

        bar = st.progress(0.0, text="First run: building the synthetic demo database…")
        build_demo(path, scale="school", seed=settings.demo_seed, force=path.exists(),  # an outdated demo
                   progress=lambda f, msg: bar.progress(min(max(f, 0.0), 1.0), text=f"First run: {msg}"))
        bar.empty()


def _outdated_demo(path) -> bool:
    """A demo database from an older version of the app: rebuilt rather than migrated (it is synthetic)."""
    try:
        version, meta = peek(path)
    except PeersError:
        return False
    return meta.get("is_demo") == "true" and version < SCHEMA_VERSION


def _keep_valid(key: str, options: list[str]) -> list[str]:
    """Drop from the URL and the session any value that is not an option now; say which were dropped."""
    wanted = st.query_params.get_all(key)
    bad = [v for v in wanted if v not in options]
    if bad:
        st.toast(f"Ignored from the link: {md(', '.join(bad[:5]))} (not a known {key.replace('_', ' ')})")
    current = st.session_state.get(key)
    if isinstance(current, list) and any(v not in options for v in current):
        st.session_state[key] = [v for v in current if v in options]
    return options


def _choose(dim: Dimension, options: dict[str, object]) -> tuple:
    """A searchable multiselect bound to the URL; returns the chosen values (empty: all)."""
    names = _keep_valid(dim.url, list(options))
    chosen = st.multiselect(dim.words, names, key=dim.url, bind="query-params", placeholder="All", help=dim.help)
    return tuple(options[n] for n in chosen)


def _reset() -> None:
    """Every filter back to all (a bound widget changes the URL only through its session state)."""
    for dim in FILTERS:
        if dim.values == "range":  # back to its default, from the URL too (setting it would be a second default)
            st.session_state.pop(dim.url, None)
            st.query_params.pop(dim.url, None)
        elif dim.url in st.session_state:
            st.session_state[dim.url] = []


def _filters(access: Access, limited: tuple[int, ...] | None) -> tuple[CohortFilter, CohortFilter]:
    """The cohort filter, one widget per row of dimensions.FILTERS, each offering what the ones above leave (a
    person limited to some institutions is offered only theirs). A dimension with no value is not drawn, nor
    one that says so with one value (an only institution); a list over its cap waits for the dimensions above
    to narrow it. Returns the filter and the one trend charts use: every year while the years are left at
    their default (one year), else the same."""
    st.markdown("**Cohort filter**")
    chosen: dict[str, object] = {}
    years_chosen = False
    for dim in FILTERS:
        if not access.allows(dim.needs):
            continue
        # only what its options depend on, narrowed to the person's institutions
        above = lookups.option_filter(dim.key, CohortFilter(**chosen)).within(limited)
        if dim.values == "range":
            years, years_chosen = _year_range(dim, read.options(dim.key, above))
            chosen.update(years)
            continue
        if dim.key == "group" and len(chosen.get("cohorts", ())) != 1:  # one cohort's groups at a time
            continue
        if dim.options_cap and (count := read.option_count(dim.key, above)) > dim.options_cap:
            st.caption(f"{count:,} to choose from under {dim.words.lower()}: narrow the filters above first.")
            continue
        options = read.options(dim.key, above)
        if len(options) == 0 or (len(options) == 1 and not dim.single):
            continue
        chosen[str(dim.field)] = _choose(dim, dict(zip(options["label"], options["value"])))
    st.button("Reset filters", on_click=_reset, icon=":material/restart_alt:", width="stretch")
    filt = CohortFilter(**chosen).within(limited)
    return filt, (filt if years_chosen else filt.without("years"))


def _year_range(dim: Dimension, options: pd.DataFrame) -> tuple[dict[str, int], bool]:
    """The academic-year slider, opening on the latest complete year: (year_from and year_to, or {} for every
    year; whether the person chose the range rather than leaving the default)."""
    years, labels = [int(y) for y in options["value"]], list(options["label"])
    if len(years) <= 1:
        return {}, False
    _keep_valid(dim.url, labels)
    start_at = years.index(default_year(years))
    picked = st.select_slider(dim.words, labels, value=(labels[start_at], labels[start_at]), key=dim.url,
                              bind="query-params", help=dim.help)
    first, last = labels.index(picked[0]), labels.index(picked[1])
    if years[last] >= running_year():
        st.caption(f"{md(ay_label(running_year()))} is under way: its figures are to date, never a whole year.")
    chosen = (first, last) != (start_at, start_at)
    if (first, last) == (0, len(labels) - 1):
        return {}, chosen
    return {"year_from": years[first], "year_to": years[last]}, chosen
