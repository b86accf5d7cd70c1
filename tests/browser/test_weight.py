"""Bytes a reader's browser transfers per page, cold cache: median ≤ 450 kB, max ≤ 1 MB."""
import statistics

from tests.browser.conftest import PAGES

MEDIAN_BUDGET = 450_000
HEAVIEST_BUDGET = 1_000_000


def transferred_bytes(visit) -> int:
    total = 0
    for response in visit.responses:
        sizes = response.request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def test_pages_stay_within_the_weight_budget(visit):
    weights = {path or "home": transferred_bytes(visit(path)) for path in PAGES}
    report = "\n".join(f"{weight / 1000:8.0f} kB  {path}" for path, weight in
                       sorted(weights.items(), key=lambda item: -item[1]))
    assert statistics.median(weights.values()) <= MEDIAN_BUDGET, report
    assert max(weights.values()) <= HEAVIEST_BUDGET, report
    print(report)
