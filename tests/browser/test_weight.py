"""Bytes a reader's browser transfers per page, cold cache: the median page ≤ 450 kB
(each page ≤ 1 MB: test_every_page.py).

The pages test_every_page.py has loaded in this run are not loaded again; this test loads
the ones no worker has reached yet. It runs last (tests/browser/conftest.py).
"""
import statistics

import pytest

from tests.browser.conftest import PAGES, recorded_weight, transferred_bytes

MEDIAN_BUDGET = 450_000


@pytest.mark.after_every_page
def test_the_median_page_stays_within_the_weight_budget(visit):
    weights = {}
    for path in PAGES:
        recorded = recorded_weight(path)
        weights[path or "home"] = recorded if recorded is not None else transferred_bytes(visit(path))
    report = "\n".join(f"{weight / 1000:8.0f} kB  {path}" for path, weight in
                       sorted(weights.items(), key=lambda item: -item[1]))
    assert statistics.median(weights.values()) <= MEDIAN_BUDGET, report
    print(report)
