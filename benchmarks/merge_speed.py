"""Wall time of `learn merge` on a synthetic class, the whole process as the instructor runs it:
`learn merge handins/*.db --into class.db --names-from-files`, the hand-ins made first by
benchmarks/synthetic_class.py (25 steps each) in a temporary folder.

Usage: python benchmarks/merge_speed.py [--learners N] [--seed S]
Prints the figures; the target is 10,000 hand-ins in at most 60 s. It is a report, not a test:
it exits 0 whether or not the target is met (1 only if the merge itself failed).
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from synthetic_class import generate  # noqa: E402

TARGET_SECONDS = 60.0  # for 10,000 hand-ins


def bench_merge(learners: int = 10_000, seed: int = 1) -> dict:
    """Make `learners` hand-ins in a temporary folder, time `learn merge` of them into a new
    class database (the whole process, through the command line) and check what it merged.
    Returns seconds, handins_per_second, attempts (merged), quiz_answers, generate_seconds,
    cpu_seconds (the merge's, workers included) and load (the 1-minute load average before)."""
    learn = Path(sys.executable).parent / "learn"
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as scratch:
        root = Path(scratch)
        made = generate(root / "handins", learners, seed)
        files = sorted(f"handins/{p.name}" for p in (root / "handins").glob("handin-*.db"))
        env = {k: v for k, v in os.environ.items() if k not in ("LEARN_DB", "LEARN_HOME")}
        if hasattr(os, "sync"):  # the hand-ins on disk before the clock starts, as downloads
            os.sync()            # would be: the merge's own fsyncs do not wait for them
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([str(learn), "merge", *files, "--into", "class.db",
                               "--names-from-files"], cwd=root, env=env, capture_output=True,
                              text=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0 or f"Merged {learners} of {learners}" not in done.stdout:
            raise RuntimeError(f"learn merge failed ({done.returncode}): "
                               f"{(done.stdout + done.stderr).strip()[-2000:]}")
        conn = sqlite3.connect(root / "class.db")
        try:
            merged = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                      for table in ("learners", "attempts", "quiz_answers")}
        finally:
            conn.close()
    if merged["attempts"] != made["attempts"] or merged["learners"] != learners:
        raise RuntimeError(f"merged {merged}, but the hand-ins held {made}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"handins": learners, "seconds": seconds, "handins_per_second": learners / seconds,
            "attempts": merged["attempts"], "quiz_answers": merged["quiz_answers"],
            "generate_seconds": made["seconds"], "cpu_seconds": cpu, "load": load,
            "cores": os.cpu_count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    try:
        figures = bench_merge(args.learners, args.seed)
    except RuntimeError as exc:
        sys.exit(str(exc))
    target = TARGET_SECONDS * args.learners / 10_000
    print(f"hand-ins made        {figures['handins']:>9,} in {figures['generate_seconds']:.1f} s "
          f"({figures['attempts']:,} attempts, {figures['quiz_answers']:,} quiz answers)")
    print(f"learn merge          {figures['seconds']:>9.1f} s  (target <= {target:.0f} s: "
          f"{'PASS' if figures['seconds'] <= target else 'MISS'})")
    print(f"rate                 {figures['handins_per_second']:>9.0f} hand-ins/s, "
          f"{figures['attempts'] / figures['seconds']:,.0f} attempts/s")
    print(f"cpu (with workers)   {figures['cpu_seconds']:>9.1f} s on {figures['cores']} cores; "
          f"load average before {figures['load']:.1f}")


if __name__ == "__main__":
    main()
