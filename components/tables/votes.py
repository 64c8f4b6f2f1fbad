"""Vote tables of races: counts, what was never published, and the denominators a share can use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from components.data import Dataset
from components.tables.lookup import row_by
from components.tables.regions import keeps

DEFAULT_RACE = "vp-africa-2024"
# Figures that are ballot options rather than candidates; drawn as bars next to the candidates.
OPTION_FIGURES: tuple[str, ...] = ("against", "abstentions")
RELIABILITY_RANK = {"official": 0, "agency": 1, "press": 2, "weak": 3}
STATUS_ORDER = {"counted": 0, "not_published": 1, "withdrew": 2}


@dataclass(frozen=True)
class Denominator:
    """A total a vote count can be compared with, and where it comes from."""

    kind: str
    value: int
    source_ids: tuple[str, ...]
    computed: bool = False
    weak: bool = False

    @property
    def majority(self) -> int:
        """The smallest number of votes that is more than half of this total."""
        return self.value // 2 + 1


def race_choices(data: Dataset, region: str) -> list[str]:
    """Races with at least one published count, the default race first, kept by the region filter."""
    counted = set(data.candidates.loc[data.candidates["votes"].notna(), "race_id"])
    races = data.races[data.races["id"].isin(counted) | (data.races["id"] == DEFAULT_RACE)]
    races = races[races["seat_region"].map(lambda seat: keeps(region, seat))]
    ordered = sorted(races["id"], key=lambda race: (race != DEFAULT_RACE, race))
    return [str(race) for race in ordered]


def race_row(data: Dataset, race_id: str) -> pd.Series:
    """The ``races`` row of ``race_id`` (KeyError if unknown)."""
    return row_by(data.races, race_id)


def vote_table(data: Dataset, race_id: str) -> pd.DataFrame:
    """One row per ballot option: candidates, then ``against``/``abstentions`` where published.

    ``status`` is ``counted``, ``not_published`` (a count never published: NA, never 0) or
    ``withdrew``; ``share`` is votes over the primary denominator, NA when that is unknown.
    """
    candidates = data.candidates[data.candidates["race_id"] == race_id]
    rows = [
        {
            "option": "candidate",
            "candidate_id": row.id,
            "name_en": row.name_en,
            "name_fr": row.name_fr,
            "name_ar": row.name_ar,
            "country_iso3": row.country_iso3,
            "outcome": row.outcome,
            "votes": row.votes,
            "source_ids": row.source_ids,
            "status": _status(row.outcome, row.votes),
        }
        for row in candidates.itertuples()
    ]
    figures = data.race_figures[
        (data.race_figures["race_id"] == race_id) & data.race_figures["kind"].isin(OPTION_FIGURES)
    ]
    rows += [
        {
            "option": row.kind,
            "candidate_id": row.id,
            "outcome": pd.NA,
            "votes": row.value,
            "source_ids": row.source_ids,
            "status": "counted",
        }
        for row in figures.itertuples()
    ]
    table = pd.DataFrame(rows, columns=_VOTE_COLUMNS)
    table["votes"] = table["votes"].astype("Int64")
    total = primary_denominator(data, race_id)
    table["share"] = (table["votes"] / total.value).astype("Float64") if total else pd.NA
    table["share"] = table["share"].astype("Float64")
    order = table["status"].map(STATUS_ORDER)
    table = table.assign(_order=order, _votes=table["votes"].fillna(-1))
    table = table.sort_values(["_order", "_votes"], ascending=[True, False], kind="stable")
    return table.drop(columns=["_order", "_votes"]).reset_index(drop=True)


_VOTE_COLUMNS = [
    "option",
    "candidate_id",
    "name_en",
    "name_fr",
    "name_ar",
    "country_iso3",
    "outcome",
    "votes",
    "source_ids",
    "status",
]


def _status(outcome: object, votes: Any) -> str:
    if outcome == "withdrew":
        return "withdrew"
    return "not_published" if pd.isna(votes) else "counted"


def denominators(data: Dataset, race_id: str) -> list[Denominator]:
    """Every published total of the race (each conflicting claim separately), largest kinds last."""
    figures = data.race_figures[data.race_figures["race_id"] == race_id]
    figures = figures[~figures["kind"].isin(OPTION_FIGURES)]
    weak = set(data.sources.loc[data.sources["reliability"] == "weak", "id"])
    found = [
        Denominator(
            str(row["kind"]),
            int(row["value"]),
            tuple(row["source_ids"]),
            weak=set(row["source_ids"]) <= weak,
        )
        for _, row in figures.iterrows()
    ]
    return sorted(found, key=lambda d: (_KIND_ORDER.index(d.kind), d.value))


_KIND_ORDER = [
    "votes_cast",
    "countries_voting",
    "countries_attending",
    "delegates_attending",
    "members",
]


def quoting_source(data: Dataset, source_ids: tuple[str, ...], number: int, lang: str) -> pd.Series:
    """The source among ``source_ids`` whose quote contains ``number`` (the data check guarantees
    one): not a weak one if possible, then one in ``lang`` or else English, then the most reliable."""
    sources = data.sources[data.sources["id"].isin(source_ids)]
    quoting = sources[sources["quote"].str.contains(str(number), regex=False)]
    candidates = quoting if not quoting.empty else sources
    # A weak source only if nothing else quotes the number; then the reader's language, then English.
    weak = candidates["reliability"].eq("weak").astype(int) * 100
    language = candidates["language"].map(lambda code: 0 if code == lang else 5 if code == "en" else 10)
    rank = weak + language + candidates["reliability"].map(RELIABILITY_RANK)
    return candidates.loc[rank.sort_values(kind="stable").index[0]]


def primary_denominator(data: Dataset, race_id: str) -> Denominator | None:
    """The total shares are computed against: a published turnout, else the sum of the counts if
    every option's count is published, else None (the share is then unknown)."""
    for denominator in denominators(data, race_id):
        if denominator.kind in ("votes_cast", "countries_voting"):
            return denominator
    candidates = data.candidates[data.candidates["race_id"] == race_id]
    standing = candidates[candidates["outcome"] != "withdrew"]
    if len(standing) and standing["votes"].notna().all():
        sources = tuple(ref for refs in standing["source_ids"] for ref in refs)
        return Denominator("votes_cast", int(standing["votes"].sum()), sources, computed=True)
    return None


@dataclass(frozen=True)
class Context:
    """Published totals of one kind (conflicting claims side by side), e.g. 178 or 179 attending."""

    kind: str
    values: tuple[int, ...]

    @property
    def majorities(self) -> tuple[int, ...]:
        """The simple majority of each distinct value (178 and 179 share one: 90)."""
        return tuple(sorted({value // 2 + 1 for value in self.values}))


CONTEXT_KINDS: tuple[str, ...] = ("countries_attending", "members")


def majority_markers(data: Dataset, race_id: str) -> list[Context]:
    """When a race's turnout was never published: attendance and membership to compare the
    counts with. Claims resting on weak sources only are left out (they stay in the sources)."""
    if primary_denominator(data, race_id) is not None:
        return []
    figures = [d for d in denominators(data, race_id) if not d.weak]
    contexts = []
    for kind in CONTEXT_KINDS:
        values = tuple(sorted({d.value for d in figures if d.kind == kind}))
        if values:
            contexts.append(Context(kind, values))
    return contexts
