"""Plain-language summaries generated from the data (for screen readers and quick reading)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from components.data import Dataset
from components.data.schema import RELIABILITY
from components.figures.vote_share import value_text
from components.i18n import count, count_votes, country_name, format_date, format_date_range, format_number, ordinal, t
from components.labels import candidate_name, context_text, localized, total_text
from components.tables.lookup import row_by
from components.tables.votes import majority_markers, primary_denominator, race_row, vote_table
from components.text import isolate

# Publishers named in a chart's source line; the rest are counted (all are listed under the chart).
SOURCES_NAMED = 3


def _who(row: pd.Series, lang: str) -> str:
    name = candidate_name(row, lang)
    if row["option"] != "candidate" or pd.isna(row["name_en"]) or not str(row["name_en"]):
        return name
    return t(lang, "summary.person_country", name=name, country=country_name(str(row["country_iso3"]), lang))


def vote_summary(data: Dataset, race_id: str, lang: str) -> str:
    """One paragraph: who won with how many votes, against what total, what was never published."""
    race = race_row(data, race_id)
    table = vote_table(data, race_id)
    candidates = table[table["option"] == "candidate"]
    office = localized(race, "office", lang)
    sentences: list[str] = []
    for _, row in candidates[candidates["outcome"] == "elected"].iterrows():
        date = race.get("date")
        when = "" if date is None or pd.isna(date) else format_date(date.date(), lang)
        key = "summary.elected_votes" if row["status"] == "counted" else "summary.elected"
        votes = count_votes(int(row["votes"]), lang) if row["status"] == "counted" else ""
        sentence = t(lang, key, who=_who(row, lang), office=office, votes=votes)
        dated = t(lang, "summary.on_date", sentence=sentence, date=when) if when else sentence
        sentences.append(f"{dated}.")
    for _, row in table[(table["status"] == "counted") & (table["outcome"] != "elected")].iterrows():
        sentences.append(
            t(lang, "summary.other_votes", who=_who(row, lang), votes=count_votes(int(row["votes"]), lang))
        )
    total = primary_denominator(data, race_id)
    if total is not None:
        sentences.append(t(lang, "summary.total", total=total_text(total, lang)))
    else:
        context = context_text(majority_markers(data, race_id), lang)
        key = "summary.total_unknown_context" if context else "summary.total_unknown"
        sentences.append(t(lang, key, context=context))
    unpublished = [_who(row, lang) for _, row in table[table["status"] == "not_published"].iterrows()]
    if unpublished:
        sentences.append(t(lang, "summary.not_published", who=t(lang, "list.and").join(unpublished)))
    for _, row in table[table["status"] == "withdrew"].iterrows():
        sentences.append(t(lang, "summary.withdrew", who=_who(row, lang)))
    return " ".join(sentences)


def headline_text(data: Dataset, race_id: str, lang: str) -> str:
    """The result in one sentence: the page's headline where the winner's count is published, else
    the first sentence of :func:`vote_summary`."""
    table = vote_table(data, race_id)
    winners = table[(table["option"] == "candidate") & (table["outcome"] == "elected")]
    if winners.empty:
        return t(lang, "card.no_result")
    winner = winners.iloc[0]
    if winner["status"] != "counted" or pd.isna(winner["country_iso3"]):
        return vote_summary(data, race_id, lang).split(". ")[0].removesuffix(".") + "."
    return t(
        lang,
        "headline.text",
        country=country_name(str(winner["country_iso3"]), lang),
        office=localized(race_row(data, race_id), "office", lang),
        votes=count_votes(int(winner["votes"]), lang),
        name=candidate_name(winner, lang),
    )


def vote_rows(data: Dataset, race_id: str, lang: str) -> list[tuple[str, str, str, str]]:
    """The vote table as text: candidate, country, outcome, votes ("Not published", never 0)."""
    return [
        (
            candidate_name(row, lang),
            country_name(str(row["country_iso3"]), lang) if row["option"] == "candidate" else "",
            t(lang, f"outcome.{row['outcome']}") if row["option"] == "candidate" else "",
            value_text(row, lang),
        )
        for _, row in vote_table(data, race_id).iterrows()
    ]


def key_dates(data: Dataset, race_id: str, lang: str) -> list[str]:
    """When the race's assembly met and the day of the vote (or that it was not published)."""
    race = race_row(data, race_id)
    lines = []
    if pd.notna(race["assembly_id"]):
        assembly = row_by(data.assemblies, str(race["assembly_id"]))
        city = localized(assembly, "city", lang)
        held = t(lang, "card.assembly", ordinal=ordinal(int(assembly["number"]), lang), city=city)
        end = None if pd.isna(assembly["end"]) else assembly["end"].date()
        dates = format_date_range(assembly["start"].date(), end, lang, "day")
        lines.append(t(lang, "factsheet.assembly_dates", assembly=held, dates=dates))
    if pd.isna(race["date"]):
        lines.append(t(lang, "factsheet.vote_date_unknown"))
    else:
        lines.append(t(lang, "factsheet.vote_date", date=format_date(race["date"].date(), lang)))
    return lines


def source_line(data: Dataset, source_ids: Iterable[str], lang: str, *extra: str) -> str:
    """``Sources: INTERPOL, Anadolu, IOL / The Star +4``: the publishers behind a chart, first three named."""
    sources = data.sources.set_index("id")
    known = [ref for ref in dict.fromkeys(source_ids) if ref in sources.index]
    # The most reliable first: an official source before a press mirror.
    known.sort(key=lambda ref: RELIABILITY.index(str(sources.at[ref, "reliability"])))
    names = list(dict.fromkeys(isolate(str(sources.at[ref, "publisher"])) for ref in known))
    names = list(dict.fromkeys([*names, *(isolate(name) for name in extra)]))
    shown = t(lang, "list.separator").join(names[:SOURCES_NAMED])
    if len(names) > SOURCES_NAMED:
        shown += count("chart.sources_more", len(names) - SOURCES_NAMED, lang)
    return t(lang, "chart.sources", sources=shown)


def timeline_summary(rows: pd.DataFrame, lang: str) -> str:
    """``12 events from 4 November 2024 to 7 November 2024, by category: …`` for the rows shown."""
    if rows.empty:
        return t(lang, "timeline.empty")
    counts = rows["category"].value_counts()
    by_category = t(lang, "list.separator").join(
        f"{t(lang, f'category.{category}')} {format_number(int(n), lang)}" for category, n in counts.items()
    )
    return t(
        lang,
        "summary.timeline",
        events=count("events.count", len(rows), lang),
        start=format_date(rows["first_day"].min().date(), lang),
        end=format_date(rows["last_day"].max().date(), lang),
        categories=by_category,
    )


def map_summary(countries: pd.DataFrame, candidates: pd.DataFrame, region: str, lang: str) -> str:
    """``54 member countries of Africa. Morocco: elected; Benin: not elected; …`` for a region map."""
    members = count("members.count", len(countries), lang)
    sentence = t(lang, "summary.map_members", members=members, region=t(lang, f"region.{region}"))
    shown = set(countries["iso3"])
    outcomes = [
        t(lang, "summary.map_outcome", country=country_name(code, lang), outcome=t(lang, f"map.status.{status}"))
        for code, status in zip(countries["iso3"], countries["status"], strict=True)
        if status != "member"
    ]
    outside = [
        country_name(str(code), lang) for code in candidates["country_iso3"].drop_duplicates() if code not in shown
    ]
    parts = [sentence]
    if outcomes:
        parts.append(f"{t(lang, 'list.separator').join(outcomes)}.")
    if outside:
        parts.append(t(lang, "summary.map_outside", countries=t(lang, "list.and").join(outside)))
    return " ".join(parts)
