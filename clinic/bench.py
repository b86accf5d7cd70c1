"""How long each Python block on the site takes, run as the tests run it.

Time is measured here, never in the tests: machines differ, and a slow CI runner must
not turn the suite red. Every distinct block runs --repeat times in a fresh interpreter
in an empty folder, one at a time, in rounds (so that a busy moment spreads over all
blocks), together with the floor each framework sets: a bare `import torch`, and a bare
`import keras, tensorflow`, measured in the same rounds on the same machine.

A block is marked when its median exceeds the budget (10 s including imports, on 2
cores); a framework is marked when its median block exceeds 1.5 times its import floor.
Marks fail the run only with --strict.

--record writes a whole-site run to benchmarks/blocks.json (clinic/timings.py): what the
pages say about how long their blocks take is checked against that record.

    python -m clinic.bench                                  # every page, 3 rounds
    python -m clinic.bench --page remedies/gradient-clipping --repeat 5 --strict
    python -m clinic.bench --record                         # and keep it for the pages
"""
import argparse
import datetime
import importlib.metadata
import os
import platform
import re
import statistics
import sys
from dataclasses import dataclass, field

from clinic.pages import DOCS, pages, python_blocks
from clinic.run import SECONDS_BUDGET, execute
from clinic.timings import RECORD, code_digest, write_record

FLOORS = {"torch": "import torch\n", "keras": "import keras\nimport tensorflow\n"}
# Not a budget, an explanation: PyTorch's optimizers are wrapped in torch._disable_dynamo
# (torch/_compile.py), which imports torch._dynamo the first time one is built, so a block
# that trains in PyTorch pays for that import too.
REFERENCES = {"torch": ("import torch, build an optimizer",
                        "import torch\ntorch.optim.SGD([torch.nn.Parameter(torch.zeros(1))])\n")}
FLOOR_RATIO_BUDGET = 1.5  # per framework: the median block over the bare import
KERAS = re.compile(r"^\s*(?:import|from)\s+(?:keras|tensorflow)\b", re.MULTILINE)
TORCH = re.compile(r"^\s*(?:import|from)\s+torch\b", re.MULTILINE)


@dataclass
class Timed:
    label: str
    code: str
    framework: str
    name: str = ""  # the included file, or page#inline-N: how the record names it
    pages: list = field(default_factory=list)
    wall: list = field(default_factory=list)
    cpu: list = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)


def framework_of(code: str) -> str:
    return "keras" if KERAS.search(code) else "torch" if TORCH.search(code) else "other"


def blocks_to_time(page: str | None) -> list[Timed]:
    """Each distinct block once, labelled by the first page that shows it."""
    chosen = [DOCS / f"{page}.md"] if page else pages()
    timed = {}
    for path in chosen:
        shown_on = path.relative_to(DOCS).as_posix()
        inline = 0
        for block in python_blocks(path):
            label = f"{shown_on}:{block.line} ({block.source})"
            if block.source == "inline":
                inline += 1
            name = block.source if block.source != "inline" else f"{shown_on}#inline-{inline}"
            item = timed.setdefault(block.code, Timed(label, block.code,
                                                      framework_of(block.code), name))
            item.pages.append(shown_on)
    return list(timed.values())


def measure(items: list[Timed], repeat: int) -> None:
    for round_number in range(1, repeat + 1):
        for number, item in enumerate(items, 1):
            print(f"\rround {round_number}/{repeat}, block {number}/{len(items)} ",
                  end="", file=sys.stderr, flush=True)
            run = execute(item.code)
            if run.returncode != 0:
                raise SystemExit(f"\n{item.label} failed:\n{run.describe()}")
            item.wall.append(run.seconds)
            item.cpu.append(run.cpu_seconds)
    print(file=sys.stderr)


def report(floors: dict[str, Timed], blocks: list[Timed], load: tuple,
           references: dict[str, Timed] | None = None) -> list[str]:
    """Print the table; return the marks."""
    references = references or {}
    marks = []
    print(f"{os.cpu_count()} cores; load average before: "
          + " ".join(f"{value:.1f}" for value in load)
          + "; after: " + " ".join(f"{value:.1f}" for value in os.getloadavg()))
    print(f"{'block':<72}{'min s':>7}{'median s':>9}{'CPU s':>7}{'x floor':>8}  mark")
    for name, floor in floors.items():
        print(f"{'floor: bare import of ' + name:<72}{min(floor.wall):>7.2f}"
              f"{floor.median:>9.2f}{statistics.median(floor.cpu):>7.2f}{1:>8.2f}")
        if name in references:
            reference = references[name]
            print(f"{'reference: ' + reference.label:<72}{min(reference.wall):>7.2f}"
                  f"{reference.median:>9.2f}{statistics.median(reference.cpu):>7.2f}"
                  f"{reference.median / floor.median:>8.2f}")
    for item in sorted(blocks, key=lambda item: -item.median):
        floor = floors.get(item.framework)
        ratio = item.median / floor.median if floor else float("nan")
        mark = f"over {SECONDS_BUDGET:g} s" if item.median > SECONDS_BUDGET else ""
        if mark:
            marks.append(f"{item.label}: median {item.median:.1f} s")
        print(f"{item.label[:71]:<72}{min(item.wall):>7.2f}{item.median:>9.2f}"
              f"{statistics.median(item.cpu):>7.2f}{ratio:>8.2f}  {mark}")
    for name, floor in floors.items():
        mine = [item.median for item in blocks if item.framework == name]
        if not mine:
            continue
        ratio = statistics.median(mine) / floor.median
        over = ratio > FLOOR_RATIO_BUDGET
        print(f"{name}: median block {statistics.median(mine):.2f} s = {ratio:.2f} x the "
              f"import floor (budget {FLOOR_RATIO_BUDGET} x){'  OVER' if over else ''}")
        if name in references:
            reference = references[name]
            print(f"  = {statistics.median(mine) / reference.median:.2f} x the reference "
                  f"'{reference.label}' ({reference.median:.2f} s)")
        if over:
            marks.append(f"{name}: median block is {ratio:.2f} x its import floor")
    return marks


def record(floors: dict[str, Timed], blocks: list[Timed], load: tuple, repeat: int,
           references: dict[str, Timed] | None = None) -> None:
    """Keep this run, with the machine, date and versions it ran on, for the pages."""
    def seconds(item):
        return {"median_s": round(item.median, 2), "min_s": round(min(item.wall), 2),
                "cpu_s": round(statistics.median(item.cpu), 2)}
    write_record({
        "date": datetime.date.today().isoformat(),
        "cores": os.cpu_count(),
        "processor": processor(),
        "load_average_before": [round(value, 1) for value in load],
        "load_average_after": [round(value, 1) for value in os.getloadavg()],
        "rounds": repeat,
        "versions": {"python": platform.python_version(),
                     **{package: importlib.metadata.version(package)
                        for package in ("torch", "tensorflow", "keras")}},
        "floors": {name: seconds(floor) for name, floor in floors.items()},
        "references": {name: {"what": reference.label, **seconds(reference)}
                       for name, reference in (references or {}).items()},
        "blocks": {item.name: {"pages": item.pages, "framework": item.framework,
                               "sha256": code_digest(item.code), **seconds(item)}
                   for item in sorted(blocks, key=lambda item: item.name)},
    })
    print(f"recorded in {RECORD.relative_to(RECORD.parent.parent)}")


def processor() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", help="only this page, e.g. remedies/gradient-clipping")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when anything is marked")
    parser.add_argument("--record", action="store_true",
                        help=f"write the run to {RECORD.name} (every page only)")
    options = parser.parse_args(argv)
    if options.record and options.page:
        parser.error("--record times every page: leave out --page")

    blocks = blocks_to_time(options.page.strip("/").removesuffix(".md") if options.page else None)
    floors = {name: Timed(f"floor: {name}", code, name) for name, code in FLOORS.items()
              if any(item.framework == name for item in blocks)}
    references = {name: Timed(label, code, name) for name, (label, code) in REFERENCES.items()
                  if name in floors}
    load = os.getloadavg()
    measure([*floors.values(), *references.values(), *blocks], options.repeat)
    marks = report(floors, blocks, load, references)
    if options.record:
        record(floors, blocks, load, options.repeat, references)
    if marks:
        print("\nmarked:\n  " + "\n  ".join(marks))
    return 1 if marks and options.strict else 0


if __name__ == "__main__":
    sys.exit(main())
