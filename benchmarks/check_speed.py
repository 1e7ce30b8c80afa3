"""Wall time of a whole `learn check` process on a passing ex01, next to `python -c "import numpy"`.

Usage: python benchmarks/check_speed.py [--runs N]
Prints the medians and their ratio (the figure we quote; target at most 1.5x).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def median_seconds(command: list[str], env: dict, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    learn = Path(sys.executable).parent / "learn"
    home = Path(tempfile.mkdtemp(prefix="bench-ws-"))
    env = dict(os.environ, LEARN_HOME=str(home), LEARN_USER="bench")
    env.pop("LEARN_DB", None)
    try:
        subprocess.run([str(learn), "path", "ex01"], env=env, check=True, capture_output=True)
        (home / "ex01_forward.py").write_text("def forward(w, x):\n    return w * x\n")
        check = subprocess.run([str(learn), "check", "ex01"], env=env, capture_output=True)
        if check.returncode != 0:
            sys.exit(f"ex01 did not pass: {check.stdout.decode()}")
        numpy_s = median_seconds([sys.executable, "-c", "import numpy"], env, args.runs)
        check_s = median_seconds([str(learn), "check", "ex01"], env, args.runs)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"python -c 'import numpy'   {numpy_s * 1000:7.0f} ms (median of {args.runs})")
    print(f"learn check ex01 (passing) {check_s * 1000:7.0f} ms (median of {args.runs})")
    print(f"ratio                      {check_s / numpy_s:7.2f}x  (target <= 1.5x)")


if __name__ == "__main__":
    main()
