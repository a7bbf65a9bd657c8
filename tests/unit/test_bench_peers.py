"""bench/peers.py: each pair's ratio and target from its wrk rounds."""

from bench import peers


def wrk_run(rps, non_2xx=0, socket_errors=""):
    return {
        "rps": rps,
        "p50_ms": 10.0,
        "p99_ms": 20.0,
        "non_2xx": non_2xx,
        "socket_errors": socket_errors,
    }


def rounds_for(site, peer, site_errors=0, peer_timeouts=0):
    """Every pair measured with the same req/s; errors on the article pair."""
    sides, runs = {}, {}
    for pair in peers.PAIRS:
        sides[pair.name] = [("site", "http://s/"), (pair.peer, "http://p/")]
        errors = site_errors if pair.page == "article" else 0
        timeouts = f"connect 0, read 0, write 0, timeout {peer_timeouts}"
        runs[pair.name, "site"] = [wrk_run(rps, errors) for rps in site]
        runs[pair.name, pair.peer] = [
            wrk_run(rps, 0, timeouts if pair.page == "article" else "") for rps in peer
        ]
    return {each["pair"]: each for each in peers.compare(sides, runs)}


def test_ratio_of_medians_decides_the_target_and_rounds_are_kept():
    results = rounds_for(site=[90, 100, 300], peer=[100, 95, 80])
    article = results["article, 3 callouts"]
    assert article["site"]["median_rps"] == 100
    assert article["peer_page"]["median_rps"] == 95
    assert article["ratio"] == 1.05
    assert article["met"] is True
    assert article["round_ratios"] == [0.9, 1.05, 3.75]
    # The category needs 5x its peer; search has no target.
    assert results["category"]["met"] is False
    assert results["search"]["met"] is None


def test_a_page_with_errors_has_no_ratio_and_misses_its_target():
    with_non_2xx = rounds_for(site=[200, 200, 200], peer=[100, 100, 100], site_errors=3)
    article = with_non_2xx["article, 3 callouts"]
    assert article["site"]["errors"] == 9
    assert article["ratio"] is None
    assert article["met"] is False

    with_timeouts = rounds_for(
        site=[200, 200, 200], peer=[100, 100, 100], peer_timeouts=2
    )
    assert with_timeouts["article, 3 callouts"]["peer_page"]["errors"] == 6
    assert with_timeouts["article, 3 callouts"]["met"] is False
    assert with_timeouts["product"]["met"] is True
