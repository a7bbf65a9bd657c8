"""bench/attribution.py: its budget checks and its flood of beacons (the
timings themselves are `make bench-attribution`'s, not a test's)."""

import json
import random

from bench import attribution


def result(report_p50, beacon_p50, statuses, rows_added=0):
    def timed(p50):
        return {"requests": 10, "errors": 0, "p50_ms": p50, "p90_ms": p50}

    return {
        "sets": {
            "report": timed(report_p50),
            "beacon": timed(beacon_p50),
            "burst": {
                "requests": sum(statuses.values()),
                "connections": 32,
                "statuses": statuses,
                "server_errors": sum(n for s, n in statuses.items() if s >= 500),
                "unanswered": statuses.get(0, 0),
                "rows_added": rows_added,
                "real_callouts": 4,
            },
        }
    }


def met(figures):
    attribution.check(figures)
    return [target["met"] for target in figures["budgets"]]


def test_budgets_are_met_under_their_figures_with_no_5xx_and_no_new_rows():
    assert met(result(299.9, 4.9, {204: 8, 400: 2})) == [True, True, True, True]
    assert met(result(300.0, 5.0, {204: 8, 500: 1}, rows_added=5)) == [
        False,
        False,
        False,
        False,
    ]
    assert met(result(10, 1, {204: 8, 0: 1}))[2] is False


def test_the_burst_mixes_real_forged_and_malformed_beacons():
    callouts = [(page, f"block-{page}-{n}") for page in (1, 2) for n in range(3)]
    bodies = attribution.burst_bodies(callouts, random.Random(1), 60)
    real = [b for b in bodies if b.startswith('{"seen": ["1.block') or '"2.block' in b]
    assert len(real) == 30
    assert any("forged" in body for body in bodies)
    assert any(len(body.encode()) > 4096 for body in bodies)
    assert "not json" in bodies
    for body in real:
        beacon = json.loads(body)
        assert len(beacon["seen"]) == 3 and beacon["clicked"] == beacon["seen"][:1]
