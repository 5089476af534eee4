"""A bounded load test on loopback: simultaneous sessions stay isolated and every rerun and export completes.

Every wait in bench.load waits for a state (a partner shown or hidden, a download arrived) with
timeouts sized for 2 cores shared with other work (bench.load.BUSY), never for a fixed time.
"""

from bench import load
from tests.browser_support import require_browser

require_browser()


def test_sessions_are_isolated_under_load():
    report = load.run(sessions=3, rounds=2)
    assert report["reruns"] == 3 * 2 and report["exports"] == 3 * 2
    assert report["isolation_checks"] > 0 and report["isolation_failures"] == 0
