"""How long the blocks take, as the pages say it, checked against `make bench`'s record.

`python -m clinic.bench --record` (`make bench BENCH=--record`) times every block on the
site and writes benchmarks/blocks.json: per block its median wall time, its CPU time,
the pages that show it and a digest of its text, with the date, machine and versions of
the run. The tests read that record, never a clock:
- a sentence a page says about a block's time (STATEMENTS) must be the one the record
  gives, and the block must be the code that was timed (comments aside);
- a block over the budget (clinic.run.SECONDS_BUDGET) must have such a sentence on its
  page.
"""
import datetime
import hashlib
import io
import json
import math
import tokenize

from clinic.pages import ROOT
from clinic.run import SECONDS_BUDGET

RECORD = ROOT / "benchmarks" / "blocks.json"
MACHINE = "on our {cores}-core test machine"
RUN = "`make bench`, {date}; machines differ"


def both_tabs(subject: str, snippet: str, where: bool = True) -> tuple[str, dict]:
    """The usual sentence: '<subject> takes 5 s in PyTorch and 10 s in Keras, imports
    included, on our 2-core test machine (...)'; where=False for a second one on a page."""
    return (f"{subject} takes {{torch}} s in PyTorch and {{keras}} s in Keras, imports "
            f"included" + (f", {MACHINE} ({RUN})" if where else ""),
            {"torch": f"snippets/torch/{snippet}.py", "keras": f"snippets/keras/{snippet}.py"})


# {page under docs/: [(sentence with {placeholders}, {placeholder: block it times})]}.
# Placeholders: values(), and each named block's median in whole seconds.
STATEMENTS = {
    "index.md": [
        (f"{MACHINE.capitalize()} a PyTorch block takes {{torch_blocks}} s and a Keras "
         "block {keras_blocks} s, most of it importing the framework (importing "
         "PyTorch alone takes {torch_import} s, Keras with TensorFlow "
         f"{{keras_import}} s; {RUN})", {}),
    ],
    "diagnosis.md": [
        both_tabs("The experiment", "diagnosis"),
        both_tabs("Timing the overhead", "diagnosis_overhead", where=False),
        both_tabs("The update-ratio experiment", "diagnosis_update_ratio", where=False),
    ],
    "faq.md": [both_tabs("This training step", "where_it_goes")],
    "remedies/regularization.md": [both_tabs("The experiment", "regularization")],
    "scale/bf16.md": [both_tabs("The training comparison", "bf16_training")],
    "scale/residual-scaling.md": [both_tabs("The experiment", "residual_scaling")],
    "remedies/gated-rnns.md": [
        both_tabs("Training", "gated_rnns_training"),
        both_tabs("The gradient at initialization", "gated_rnns", where=False),
    ],
    "scale/instability-proxy.md": [both_tabs("The experiment", "instability_proxy")],
    "scale/loss-spikes.md": [both_tabs("The experiment (five runs)", "loss_spikes")],
    "scale/output-logits.md": [both_tabs("The experiment", "output_logits")],
}


def code_digest(code: str) -> str:
    """SHA-256 of a block's code without its comments and blank lines: they do not change
    how long it runs, so correcting a comment does not call for a new recording; any other
    change to the text does."""
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    kept = [token.string for token in tokens if token.type not in (tokenize.COMMENT, tokenize.NL)]
    return hashlib.sha256("\0".join(kept).encode("utf-8")).hexdigest()


def write_record(record: dict) -> None:
    RECORD.parent.mkdir(exist_ok=True)
    RECORD.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_record() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8"))


def seconds(entry: dict) -> str:
    """A block's (or an import's) recorded median, as a page writes it: whole seconds."""
    return f"{entry['median_s']:.0f}"


def spread(entries: list[dict]) -> str:
    """The fastest and slowest of some blocks' medians, outwards to whole seconds: "2 to 7"."""
    medians = [entry["median_s"] for entry in entries]
    return f"{math.floor(min(medians))} to {math.ceil(max(medians))}"


def within_budget(record: dict, framework: str) -> list[dict]:
    return [entry for entry in record["blocks"].values()
            if entry["framework"] == framework and entry["median_s"] <= SECONDS_BUDGET]


def values(record: dict) -> dict:
    """What every statement's {placeholders} may name besides its own blocks: the import
    floors, the spread of the blocks within budget, and the run's date and cores."""
    day = datetime.date.fromisoformat(record["date"])
    return {
        "date": f"{day.day} {day:%B %Y}",
        "cores": str(record["cores"]),
        "torch_import": seconds(record["floors"]["torch"]),
        "keras_import": seconds(record["floors"]["keras"]),
        "torch_blocks": spread(within_budget(record, "torch")),
        "keras_blocks": spread(within_budget(record, "keras")),
    }


def statements(record: dict) -> dict[str, list[str]]:
    """{page: [the sentence as the page must write it]}, from the record."""
    shared = values(record)
    said = {}
    for page, entries in STATEMENTS.items():
        for template, blocks in entries:
            named = {key: seconds(record["blocks"][name]) for key, name in blocks.items()}
            said.setdefault(page, []).append(template.format(**shared, **named))
    return said


def stated_blocks(page: str) -> set[str]:
    """The blocks whose time the page states."""
    return {name for _, blocks in STATEMENTS.get(page, []) for name in blocks.values()}


def unstated(record: dict, page: str) -> list[str]:
    """The page's blocks over budget in the record whose time the page does not state."""
    return [f"{name} took {entry['median_s']} s" for name, entry in record["blocks"].items()
            if page in entry["pages"] and entry["median_s"] > SECONDS_BUDGET
            and name not in stated_blocks(page)]
