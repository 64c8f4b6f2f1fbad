"""Results built once per data version (components/memo.py), and charts that name their origin."""

from __future__ import annotations

from components.data import Dataset
from components.memo import built_once, shared
from components.section_charts import every_chart, votes_chart

calls: list[tuple[str, ...]] = []


@built_once
def _echo(data: Dataset, *args: str) -> list[str]:
    calls.append(args)
    return [data.version, *args]


def test_a_builder_runs_once_per_data_version_and_arguments(data: Dataset) -> None:
    calls.clear()
    first = _echo(data, "a")
    assert _echo(data, "a") is first and calls == [("a",)]
    assert _echo(data, "b") == [data.version, "b"] and calls == [("a",), ("b",)]
    assert shared(_echo, data, "a") is first  # a decorated builder and shared() keep one result


def test_a_chart_names_the_builder_and_arguments_it_came_from(data: Dataset) -> None:
    chart = votes_chart(data, "sg-2024", "fr")
    assert chart.origin == (votes_chart, ("sg-2024", "fr"))
    assert votes_chart(data, "sg-2024", "fr") is chart
    for build, args in list(every_chart(data))[:12]:
        assert build(data, *args).origin == (build, args)
