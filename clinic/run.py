"""Run a block of Python the way a reader runs pasted code.

The code is written to a file in an empty temporary folder and run there with
`python snippet.py` in a fresh interpreter, HOME pointing at another empty folder.
Each distinct text runs once per session; pages and figures share the result.
"""
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SECONDS_BUDGET = 10.0  # per snippet, imports included, on 2 CPU cores
SECONDS_HARD_LIMIT = 300  # a hung snippet fails instead of stalling the suite
EXPORT_HOOK = Path(__file__).parent / "export_hook"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float  # wall clock
    cpu_seconds: float = 0.0  # user + system, all threads
    exports: dict = field(default_factory=dict)

    @property
    def budget_seconds(self) -> float:
        """What the time budget judges: wall time, unless a machine busy with other
        work stretched it beyond the CPU time the snippet itself used."""
        return min(self.seconds, self.cpu_seconds)

    def describe(self) -> str:
        return (
            f"exit code {self.returncode} after {self.seconds:.1f} s "
            f"({self.cpu_seconds:.1f} s of CPU)\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr (last 3000 characters) ---\n"
            f"{self.stderr[-3000:]}"
        )


def _reader_environment(home: Path, exports: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MPL"))}
    env.update(
        HOME=str(home),
        PYTHONPATH=str(EXPORT_HOOK),
        CLINIC_EXPORTS=str(exports),
        PYTHONUNBUFFERED="1",
    )
    return env


@functools.cache
def run_python(code: str) -> Run:
    with tempfile.TemporaryDirectory(prefix="reader-") as reader_dir, \
            tempfile.TemporaryDirectory(prefix="clinic-") as private_dir:
        folder, home = Path(reader_dir), Path(private_dir, "home")
        home.mkdir()
        exports = Path(private_dir, "exports.json")
        (folder / "snippet.py").write_text(code, encoding="utf-8")
        started, cpu_before = time.perf_counter(), _children_cpu_seconds()
        try:
            done = subprocess.run(
                [sys.executable, "snippet.py"],
                cwd=folder,
                env=_reader_environment(home, exports),
                capture_output=True,
                text=True,
                timeout=SECONDS_HARD_LIMIT,
            )
        except subprocess.TimeoutExpired as timeout:
            return Run(-1, str(timeout.stdout or ""), "timed out", SECONDS_HARD_LIMIT,
                       SECONDS_HARD_LIMIT)
        seconds = time.perf_counter() - started
        cpu_seconds = _children_cpu_seconds() - cpu_before
        exported = json.loads(exports.read_text()) if exports.exists() else {}
        return Run(done.returncode, done.stdout, done.stderr, seconds, cpu_seconds, exported)


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
