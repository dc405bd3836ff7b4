"""The cohort filter: which people and sessions a view covers, as SQL with bound parameters and in words."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Callable, Literal, Sequence

from peers_dash.model.dimensions import BY_KEY, FILTERS, MODALITY_LABELS, OWN_TO_INSTITUTION

Kind = Literal["attendance", "survey"]
__all__ = ["CohortFilter", "Kind", "MODALITY_LABELS", "ay_label", "default_year", "running_year", "year_label"]


def ay_label(start_year: int) -> str:
    """2020 -> '2020-21'."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def running_year(today: date | None = None) -> int:
    """The academic year under way (July to June), by its start year: on 2 December 2026, 2026."""
    today = today or date.today()
    return today.year if today.month >= 7 else today.year - 1


def year_label(start_year: int, today: date | None = None) -> str:
    """'2025-26', or '2026-27 (to date)' for the year under way (or a later one): never read as complete."""
    label = ay_label(start_year)
    return f"{label} (to date)" if start_year >= running_year(today) else label


def default_year(years: Sequence[int], today: date | None = None) -> int | None:
    """The year a page opens on: the latest complete academic year with data, else (a program in its first
    year) the year under way. None when there is no year."""
    if not years:
        return None
    done = [y for y in years if y < running_year(today)]
    return max(done) if done else min(years)


@dataclass(frozen=True)
class CohortFilter:
    """Selected values per dimension; an empty tuple means all. Academic years are start years."""

    institutions: tuple[int, ...] = ()
    program_kinds: tuple[str, ...] = ()
    programs: tuple[int, ...] = ()
    cohorts: tuple[int, ...] = ()
    class_years: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    groups: tuple[int, ...] = ()
    modalities: tuple[str, ...] = ()
    # 0: the figures of the institutions chosen. n > 0: the consortium's figure, every institution together,
    # added up from consortium cells (sql/protect/consortium_*.sql) to which at least n institutions contribute.
    across: int = 0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list):  # accept lists, keep the filter hashable
                object.__setattr__(self, f.name, tuple(value))

    def where(self, kind: Kind = "attendance") -> tuple[str, dict[str, object]]:
        """A SQL condition over the fact views and its bound parameters. Survey results ignore group
        and modality: answers are never linked to groups or sessions' modality."""
        clauses: list[str] = []
        params: dict[str, object] = {}
        for dim in FILTERS:
            values = getattr(self, dim.field) if dim.field else ()
            if not values or (kind == "survey" and not dim.survey):
                continue
            clauses.append(f"list_contains($f_{dim.field}, {dim.column})")  # code constants from the table
            params[f"f_{dim.field}"] = list(values)
        if self.year_from is not None:
            clauses.append("ay >= $f_year_from")
            params["f_year_from"] = self.year_from
        if self.year_to is not None:
            clauses.append("ay <= $f_year_to")
            params["f_year_to"] = self.year_to
        if self.across:
            clauses.append("n_inst >= $c_min_inst")
            params["c_min_inst"] = int(self.across)
        return (" AND ".join(clauses) or "TRUE"), params

    def ignored_for_survey(self) -> list[str]:
        """Names of the chosen filters that survey results do not apply."""
        return [d.words.lower() for d in FILTERS if d.field and not d.survey and getattr(self, d.field)]

    def is_default(self) -> bool:
        return self == CohortFilter()

    def without(self, name: str) -> CohortFilter:
        """The same filter with one dimension back to all ('years' clears the year range)."""
        if name == "years":
            return replace(self, year_from=None, year_to=None)
        return replace(self, **{name: ()})

    def active(self) -> list[str]:
        """Names of the dimensions that narrow the view ('years' for the range)."""
        names = [f.name for f in fields(self)
                 if f.name not in ("year_from", "year_to", "across") and getattr(self, f.name)]
        if self.year_from is not None or self.year_to is not None:
            names.append("years")
        return names

    def describe(self, label: Callable[[str, object], str] | None = None) -> str:
        """Plain words, e.g. 'MD Class of 2024; MS1, MS2; 2019-20 to 2022-23; in person'.

        `label(field, value)` turns an id into its name (ids shown as they are without it)."""
        label = label or (lambda _field, value: str(value))
        parts: list[str] = []
        for dim in FILTERS:
            values = getattr(self, dim.field) if dim.field else ()
            if dim.values == "range":
                parts.extend(self._years_words())
            elif values:  # ids get their labels; codes their words; text is its own name
                parts.append(", ".join(label(dim.field, v) if dim.values == "id" else dim.name_of(v) for v in values))
        if parts == self._years_words():  # nobody chosen, only the years: say who
            return ", ".join(["everyone", *parts])
        return "; ".join(parts)

    def _years_words(self) -> list[str]:
        parts: list[str] = []
        if self.year_from is not None or self.year_to is not None:
            if self.year_from == self.year_to:
                parts.append(year_label(self.year_from))
            elif self.year_to is None:
                parts.append(f"{ay_label(self.year_from)} onward")
            elif self.year_from is None:
                parts.append(f"up to {year_label(self.year_to)}")
            else:
                parts.append(f"{ay_label(self.year_from)} to {year_label(self.year_to)}")
        return parts

    def within(self, scope: Sequence[int] | None) -> CohortFilter:
        """The filter narrowed to the institutions a person may see (None: every institution). Nothing chosen
        means all of them; a chosen institution outside them is dropped, never widened to it."""
        if scope is None:
            return self
        allowed = tuple(i for i in self.institutions if i in scope) or tuple(scope)
        return replace(self, institutions=allowed)

    def consortium(self, program_kinds: Sequence[str] = (), own: int = 1) -> CohortFilter:
        """The same view for every institution together, for a person who sees `own` institutions: the
        dimensions that belong to one institution (institution, program, cohort, group) are dropped, the kinds
        of the chosen programs kept (like is compared with like), and only consortium cells of at least
        max(3, own + 2) institutions count, so that subtracting one's own figure leaves two schools or more."""
        kinds = tuple(self.program_kinds) or tuple(program_kinds)
        return replace(self, **{BY_KEY[k].field: () for k in OWN_TO_INSTITUTION}, program_kinds=kinds,
                       across=consortium_minimum(own))


def consortium_minimum(own: int) -> int:
    """Institutions a consortium cell needs for a person who sees `own` of them (see CohortFilter.consortium)."""
    return max(3, int(own) + 2)
