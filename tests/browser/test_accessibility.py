"""axe-core (pinned in package.json) on every page, in light and dark: no serious issues."""
import json

import pytest

from clinic.pages import ROOT
from tests.browser.conftest import PAGES

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES, ids=lambda path: path or "home")
def test_no_serious_or_critical_axe_violations(visit, path, scheme):
    assert AXE.exists(), "axe-core is missing: `make test` runs `npm ci` to install it"
    page = visit(path, color_scheme=scheme).page
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => {
        const results = await axe.run(document, {resultTypes: ['violations']});
        return results.violations
            .filter((violation) => ['serious', 'critical'].includes(violation.impact))
            .map((violation) => ({
                rule: violation.id, help: violation.help,
                where: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
            }));
    }""")
    assert violations == [], json.dumps(violations, indent=1)
