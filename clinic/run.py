"""Run a block of Python the way a reader runs pasted code.

The code is written to a file in an empty temporary folder and run there with
`python snippet.py` in a fresh interpreter, HOME pointing at another empty folder.

Time never fails a block: only a hang does (HANG_SECONDS). How fast blocks are is the
benchmark's business (`make bench`, clinic/bench.py).

Within one run of the test suite each distinct text runs once, however many pages,
figures or pytest-xdist workers ask for it: results are kept in a store (a folder named
by CLINIC_RUN_STORE, made fresh by the pytest plugin for every test run), keyed by the
code and the interpreter with its installed packages, and a file lock makes the other
workers wait for the one that runs it.
"""
import functools
import hashlib
import importlib.metadata
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from filelock import FileLock

SECONDS_BUDGET = 10.0  # per snippet, imports included, on 2 CPU cores: judged by make bench
HANG_SECONDS = 240  # a block still running after this is hung, and fails (slow runners take 3x)
EXPORT_HOOK = Path(__file__).parent / "export_hook"
STORE_VARIABLE = "CLINIC_RUN_STORE"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float  # wall clock
    cpu_seconds: float = 0.0  # user + system, all threads and child processes
    exports: dict = field(default_factory=dict)
    hung: bool = False

    def describe(self) -> str:
        ending = (f"no exit after {self.seconds:.0f} s: killed as hung" if self.hung
                  else f"exit code {self.returncode} after {self.seconds:.1f} s")
        return (
            f"{ending} ({self.cpu_seconds:.1f} s of CPU)\n"
            f"--- stdout (last 3000 characters) ---\n{self.stdout[-3000:]}\n"
            f"--- stderr (last 3000 characters) ---\n{self.stderr[-3000:]}"
        )


def _reader_environment(home: Path, exports: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "MPL", "CLINIC"))}
    env.update(
        HOME=str(home),
        PYTHONPATH=str(EXPORT_HOOK),
        CLINIC_EXPORTS=str(exports),
        PYTHONUNBUFFERED="1",
    )
    return env


def execute(code: str, hang_seconds: float | None = None) -> Run:
    """Run `code` now, as `python snippet.py` in an empty folder (no store, no cache)."""
    hang_seconds = HANG_SECONDS if hang_seconds is None else hang_seconds
    with tempfile.TemporaryDirectory(prefix="reader-") as reader_dir, \
            tempfile.TemporaryDirectory(prefix="clinic-") as private_dir:
        folder, home = Path(reader_dir), Path(private_dir, "home")
        home.mkdir()
        exports = Path(private_dir, "exports.json")
        (folder / "snippet.py").write_text(code, encoding="utf-8")
        started, cpu_before = time.perf_counter(), _children_cpu_seconds()
        # Its own session, so that a hung block is killed with every process it started.
        process = subprocess.Popen(
            [sys.executable, "snippet.py"], cwd=folder,
            env=_reader_environment(home, exports), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=hang_seconds)
            hung = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            hung = True
        seconds = time.perf_counter() - started
        cpu_seconds = _children_cpu_seconds() - cpu_before
        exported = json.loads(exports.read_text()) if exports.exists() and not hung else {}
        return Run(process.returncode, stdout, stderr, seconds, cpu_seconds, exported, hung)


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@functools.cache
def environment_fingerprint() -> str:
    """The interpreter and every installed distribution with its version."""
    installed = sorted(f"{dist.metadata['Name']}=={dist.version}"
                       for dist in importlib.metadata.distributions())
    return "\n".join([sys.executable, sys.version, *installed])


def store_key(code: str) -> str:
    return hashlib.sha256(f"{environment_fingerprint()}\n\0{code}".encode()).hexdigest()


def run_python(code: str) -> Run:
    """The result of running `code` as a reader would, once per test run."""
    code = code.rstrip("\n") + "\n"  # a page shows no trailing blank lines
    store = os.environ.get(STORE_VARIABLE)
    return _run_stored(code, Path(store)) if store else _run_cached(code)


@functools.cache
def _run_cached(code: str) -> Run:
    return execute(code)


def _run_stored(code: str, store: Path) -> Run:
    key = store_key(code)
    result = store / f"{key}.json"
    with FileLock(store / f"{key}.lock"):
        if not result.exists():
            result.write_text(json.dumps(asdict(execute(code))), encoding="utf-8")
        return Run(**json.loads(result.read_text(encoding="utf-8")))
