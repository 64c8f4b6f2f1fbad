"""Plain-language summaries generated from the data (for screen readers and quick reading)."""

from __future__ import annotations

import pandas as pd

from components.data import Dataset
from components.i18n import count_votes, country_name, format_date, t
from components.labels import candidate_name, context_text, localized, total_text
from components.tables.votes import majority_markers, primary_denominator, race_row, vote_table


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
