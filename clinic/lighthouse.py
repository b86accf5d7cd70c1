"""How fast the site is on a phone: Lighthouse's mobile performance, page by page.

The site is built once and served on 127.0.0.1 with gzip, as a static host serves it
(clinic.serve). Lighthouse (pinned in tools/lighthouse/, installed by `make lighthouse`)
loads each page with its mobile preset: a phone's screen, a slow 4G network and a 4x
slower CPU, simulated. Pages run in rounds, so that a busy moment spreads over all of
them, and each number shown is the median of its runs. Like `make bench`, this is a
benchmark, never a test: the score depends on the machine and on what else it is doing,
so the load average is printed with the table.

A page is marked when its median score is below 90, its layout shift is 0.1 or more, or
its total blocking time is 200 ms or more. Marks fail the run only with --strict.

    python -m clinic.lighthouse                                # the pages below, 3 runs
    python -m clinic.lighthouse --pages explorer/ diagnosis/ --runs 5 --strict
    python -m clinic.lighthouse --reports /tmp/lh              # keep each run's JSON report
    python -m clinic.lighthouse --without-theme-script         # how much of it is Material's script
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from clinic.pages import ROOT
from clinic.serve import serve_in_background

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PAGES = [  # the pages (home, a remedy, diagnosis, explorer), their translations,
    "",    # and the heaviest pages in math and code
    "zh/",
    "remedies/gradient-clipping/",
    "remedies/activation-functions/",
    "diagnosis/",
    "explorer/",
    "zh/explorer/",
    "zh/diagnosis/",
    "basics/math/",
    "recipes/",
]
MIN_SCORE, MAX_LAYOUT_SHIFT, MAX_BLOCKING_MS = 90, 0.1, 200


@dataclass
class Measured:
    page: str
    runs: list = field(default_factory=list)  # (score, TBT ms, CLS, LCP s) per run

    def median(self, index: int) -> float:
        return statistics.median(run[index] for run in self.runs)

    def marks(self) -> list[str]:
        score, blocking, shift = self.median(0), self.median(1), self.median(2)
        return ([f"score {score:.0f} < {MIN_SCORE}"] * (score < MIN_SCORE)
                + [f"TBT {blocking:.0f} ms >= {MAX_BLOCKING_MS}"] * (blocking >= MAX_BLOCKING_MS)
                + [f"CLS {shift:.3f} >= {MAX_LAYOUT_SHIFT}"] * (shift >= MAX_LAYOUT_SHIFT))


def url_path(page: str) -> str:
    """'explorer/' for explorer, explorer/ or /explorer/; '' for the home page ('home')."""
    page = page.strip("/")
    return "" if page in ("", "home") else page + "/"


def build_site(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--site-dir", str(folder)], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


THEME_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def remove_theme_script(site: Path) -> None:
    """A diagnosis, not a site: drop Material's script (search, palette, tabs, copy
    buttons...) from every page, to measure what the pages cost without it."""
    removed = 0
    for page in site.rglob("*.html"):
        html, count = THEME_SCRIPT.subn("", page.read_text(encoding="utf-8"))
        page.write_text(html, encoding="utf-8")
        removed += count
    if not removed:
        raise SystemExit(f"no Material script found in {site}: has the theme renamed it?")


def run_lighthouse(url: str) -> dict:
    """One Lighthouse run, mobile preset (its default), performance only; the JSON report."""
    done = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
         "--output-path=stdout", "--quiet", "--chrome-flags=--headless=new --no-sandbox"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if done.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def numbers(report: dict) -> tuple[float, float, float, float]:
    """Performance score, total blocking time (ms), layout shift, largest paint (s)."""
    audits = report["audits"]
    score = report["categories"]["performance"]["score"]
    if score is None:
        raise SystemExit(f"Lighthouse gave no score for {report['requestedUrl']}: "
                         f"{report.get('runtimeError', {}).get('message')}")
    return (score * 100, audits["total-blocking-time"]["numericValue"],
            audits["cumulative-layout-shift"]["numericValue"],
            audits["largest-contentful-paint"]["numericValue"] / 1000)


def measure(root: str, pages: list[str], runs: int, reports: Path | None) -> list[Measured]:
    measured = [Measured(page) for page in pages]
    for run in range(1, runs + 1):
        for number, item in enumerate(measured, 1):
            print(f"\rrun {run}/{runs}, page {number}/{len(pages)} ", end="",
                  file=sys.stderr, flush=True)
            report = run_lighthouse(root + item.page)
            item.runs.append(numbers(report))
            if reports:
                name = (item.page.strip("/").replace("/", "-") or "home") + f".{run}.json"
                (reports / name).write_text(json.dumps(report), encoding="utf-8")
    print(file=sys.stderr)
    return measured


def load_average() -> str:
    return " ".join(f"{load:.1f}" for load in os.getloadavg())


def report_table(measured: list[Measured]) -> list[str]:
    """Print the table; return the marks."""
    print(f"{'page':<34}{'score':>6}{'TBT ms':>8}{'CLS':>7}{'LCP s':>7}  mark")
    marks = []
    for item in measured:
        page_marks = item.marks()
        marks += [f"{item.page or 'home'}: {mark}" for mark in page_marks]
        print(f"{item.page or 'home':<34}{item.median(0):>6.0f}{item.median(1):>8.0f}"
              f"{item.median(2):>7.3f}{item.median(3):>7.1f}  {', '.join(page_marks)}")
    return marks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="+", default=PAGES, type=url_path,
                        help="URL paths, e.g. explorer zh/diagnosis home (default: ten pages)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3)")
    parser.add_argument("--site", type=Path, help="a site already built (default: build one)")
    parser.add_argument("--reports", type=Path, help="write each run's JSON report here")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a page is marked")
    parser.add_argument("--without-theme-script", action="store_true",
                        help="measure the pages without Material's script (a diagnosis)")
    options = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse`")
    if options.reports:
        options.reports.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        if options.site:
            shutil.copytree(options.site, site)
        else:
            build_site(site)
        if options.without_theme_script:
            remove_theme_script(site)
        server = serve_in_background(site)
        before = load_average()
        try:
            measured = measure(f"http://127.0.0.1:{server.server_port}/", options.pages,
                               options.runs, options.reports)
        finally:
            server.shutdown()
    print(f"{os.cpu_count()} cores; load average (1, 5, 15 min) before: {before}; "
          f"after: {load_average()}")
    print(f"Lighthouse mobile preset, median of {options.runs} runs per page"
          + ", without Material's script" * options.without_theme_script)
    marks = report_table(measured)
    if marks:
        print("\nmarked:\n  " + "\n  ".join(marks))
    return 1 if marks and options.strict else 0


if __name__ == "__main__":
    sys.exit(main())
