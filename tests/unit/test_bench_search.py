"""bench/search.py: its percentiles, figures per set and budget checks (the
timings themselves are `make bench`'s, not a test's)."""

import pytest

from bench import measure, search


def test_percentile_is_the_nearest_rank():
    values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]
    assert measure.percentile(values, 50) == 5
    assert measure.percentile(values, 90) == 9
    assert measure.percentile(values, 99) == 10
    assert measure.percentile(values, 0) == 1
    assert measure.percentile([42], 50) == 42
    with pytest.raises(ValueError):
        measure.percentile([], 50)


def test_summary_counts_every_request_and_keeps_each_urls_first_apart():
    timings = {
        "/search/?q=a": [(300.0, 200), (10.0, 200), (12.0, 200)],
        "/search/?q=b": [(200.0, 200), (20.0, 200), (22.0, 500)],
    }
    summary = measure.summarize(timings)
    assert summary["requests"] == 6
    assert summary["errors"] == 1
    assert summary["p50_ms"] == 20.0
    assert summary["p99_ms"] == 300.0
    # The first request of each URL, which a cache could not have answered.
    assert summary["first_p50_ms"] == 200.0
    assert summary["urls"]["/search/?q=b"] == {
        "p50_ms": 22.0,
        "max_ms": 200.0,
        "statuses": [200, 500],
    }
    assert search.slowest(summary, 1) == ["/search/?q=b"]


def test_a_budget_is_met_under_its_figure_and_without_failed_requests():
    def figures(p50, errors=0):
        return {"requests": 10, "errors": errors, "p50_ms": p50}

    checks = search.check_budgets(
        {
            "results": figures(149.9),
            "chooser": figures(150.0),
            "suggest": figures(20.0, errors=1),
        },
        {"results": 150, "chooser": 150, "suggest": 50, "missing": 10},
    )
    met = {name: ok for name, ok, _ in checks}
    assert met == {
        "results": True,
        "chooser": False,
        "suggest": False,
        "missing": False,
    }
    measured = {name: text for name, _, text in checks}
    assert "0.0 ms over" in measured["chooser"]
    assert "1 requests not answered 200" in measured["suggest"]
    assert measured["missing"] == "not measured"


def test_the_query_sets_are_distinct_and_large_enough_to_rank_by():
    for queries in (
        search.RESULTS_QUERIES,
        search.CHOOSER_QUERIES,
        search.SUGGEST_PREFIXES,
    ):
        assert len(set(queries)) == len(queries) >= 25
    assert not set(search.WARMUP_QUERIES) & set(search.RESULTS_QUERIES)
    assert all(len(prefix) >= 2 for prefix in search.SUGGEST_PREFIXES)
