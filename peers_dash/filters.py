"""The cohort filter: which people and sessions a view covers, as SQL with bound parameters and in words."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Callable, Literal

Kind = Literal["attendance", "survey"]
MODALITY_LABELS = {"in_person": "in person", "virtual": "virtual", "hybrid": "hybrid"}

# filter field -> (column in the fact views, parameter name, applies to survey results)
_COLUMNS: dict[str, tuple[str, str, bool]] = {
    "institutions": ("institution_id", "f_institutions", True),
    "programs": ("program_id", "f_programs", True),
    "cohorts": ("cohort_id", "f_cohorts", True),
    "class_years": ("class_year", "f_class_years", True),
    "groups": ("group_id", "f_groups", False),
    "modalities": ("modality", "f_modalities", False),
}


def ay_label(start_year: int) -> str:
    """2020 -> '2020-21'."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


@dataclass(frozen=True)
class CohortFilter:
    """Selected values per dimension; an empty tuple means all. Academic years are start years."""

    institutions: tuple[int, ...] = ()
    programs: tuple[int, ...] = ()
    cohorts: tuple[int, ...] = ()
    class_years: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    groups: tuple[int, ...] = ()
    modalities: tuple[str, ...] = ()

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
        for name, (column, param, on_survey) in _COLUMNS.items():
            values = getattr(self, name)
            if not values or (kind == "survey" and not on_survey):
                continue
            clauses.append(f"list_contains(${param}, {column})")
            params[param] = list(values)
        if self.year_from is not None:
            clauses.append("ay >= $f_year_from")
            params["f_year_from"] = self.year_from
        if self.year_to is not None:
            clauses.append("ay <= $f_year_to")
            params["f_year_to"] = self.year_to
        return (" AND ".join(clauses) or "TRUE"), params

    def ignored_for_survey(self) -> list[str]:
        """Names of the chosen filters that survey results do not apply."""
        return [label for name, label in (("groups", "group"), ("modalities", "modality")) if getattr(self, name)]

    def is_default(self) -> bool:
        return self == CohortFilter()

    def without(self, name: str) -> CohortFilter:
        """The same filter with one dimension back to all ('years' clears the year range)."""
        if name == "years":
            return replace(self, year_from=None, year_to=None)
        return replace(self, **{name: ()})

    def active(self) -> list[str]:
        """Names of the dimensions that narrow the view ('years' for the range)."""
        names = [f.name for f in fields(self) if f.name not in ("year_from", "year_to") and getattr(self, f.name)]
        if self.year_from is not None or self.year_to is not None:
            names.append("years")
        return names

    def describe(self, label: Callable[[str, object], str] | None = None) -> str:
        """Plain words, e.g. 'MD Class of 2024; MS1, MS2; 2019-20 to 2022-23; in person'.

        `label(field, value)` turns an id into its name (ids shown as they are without it)."""
        label = label or (lambda _field, value: str(value))
        parts: list[str] = []
        for name in ("institutions", "programs", "cohorts", "class_years", "groups"):
            values = getattr(self, name)
            if values:
                named = name != "class_years"  # ids get names; class years are their own names
                parts.append(", ".join(label(name, v) if named else str(v) for v in values))
        if self.year_from is not None or self.year_to is not None:
            if self.year_from == self.year_to:
                parts.append(ay_label(self.year_from))
            elif self.year_to is None:
                parts.append(f"{ay_label(self.year_from)} onward")
            elif self.year_from is None:
                parts.append(f"up to {ay_label(self.year_to)}")
            else:
                parts.append(f"{ay_label(self.year_from)} to {ay_label(self.year_to)}")
        if self.modalities:
            parts.append(", ".join(MODALITY_LABELS.get(m, m) for m in self.modalities))
        return "; ".join(parts) or "everyone"
