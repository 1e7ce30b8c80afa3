"""The project's benchmarks in one run: figures, the ratios we quote, and their targets.

    python benchmarks/run.py [--torch-python PATH]
        [--only check,watch,grading,regrade,throughput,merge,training,views]

1. `learn check` on a passing ex01, whole process, next to `python -c "import numpy"`
   (benchmarks/check_speed.py does the measuring).
1b. (watch) `learn watch ex01`: from a file saved to its verdict printed.
2. (grading) Grading throughput of the full-backprop step (ex19) with `grade_file`, a fresh
   child and a forked one side by side: the grader's overhead per case and the fixed cost of a
   grade. (regrade) The cost of one regraded submission under each isolation, fresh or forked.
   (throughput) `learn regrade` of a class, whole process: --jobs 1, --jobs 2 and a Dask
   LocalCluster of two workers. (merge) `learn merge` of 10,000 synthetic hand-ins.
3. Training the digits network (64-30-10 sigmoid, eta = 3, 30 epochs) at mini-batches of 10, 50
   and 100: the reference engine against a textbook per-example loop, a hand-fused numpy loop for
   exactly this network and, when torch can be run, PyTorch CPU autograd.
4. The instructor views on a synthetic database of 1,000,000 attempts from 5,000 learners.

PyTorch is never a dependency of this project. The torch runs happen in a child process: this
interpreter when it can import torch, else the one given by --torch-python (or the environment
variable LEARN_BENCH_TORCH_PYTHON), e.g. a throwaway venv made with
`python -m venv /tmp/torch-venv && /tmp/torch-venv/bin/pip install torch==2.13.0 numpy`.
Without either, that row is skipped with a note.

It is a report, not a test: it exits 0 whether or not the targets are met.
"""

from __future__ import annotations

import argparse
import ctypes
import dataclasses
import glob
import hashlib
import importlib.util
import json
import math
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("check", "watch", "grading", "regrade", "throughput", "merge", "training", "views")
TORCH_ENV = "LEARN_BENCH_TORCH_PYTHON"

# The digits network (reference/digits.py) and the runs of section 3.
EPOCHS = 30
ETA = 3.0
BATCHES = (10, 50, 100)
SEED = 1

# Section 4.
LEARNERS = 5_000
ATTEMPTS = 1_000_000
VIEWS = ("learner_progress", "step_stats", "step_diagnoses", "quiz_question_stats", "activity",
         "stuck_learners", "case_difficulty")
VIEW_TARGET_MS = 100.0
VIEW_CAP_S = 10.0  # a view still running then is stopped and reported as a miss

SUMMARY: list[tuple[str, str, str, str]] = []  # (what, figure, target, PASS/MISS/SKIP/info)


def say(text: str = "") -> None:
    print(text, flush=True)


def heading(text: str) -> None:
    say()
    say(f"== {text} " + "=" * max(0, 76 - len(text)))


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def best_of(function: Callable[[], object], repeats: int) -> tuple[float, object]:
    """(fastest wall time in seconds, the last result)."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


# -- the machine -------------------------------------------------------------------------------

def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def blas_build() -> str:
    try:
        config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    except Exception:  # noqa: BLE001 - numpy < 1.26 has no dict mode; this is only a label
        return "unknown (numpy.show_config gave no dict)"
    text = f"{config.get('name', '?')} {config.get('version', '')}".strip()
    extra = " ".join(str(config.get("openblas configuration", "")).split())
    return f"{text} ({extra})" if extra else text


def blas_runtime() -> str:
    """The kernel and thread count the loaded BLAS actually uses."""
    try:
        from threadpoolctl import threadpool_info

        found = [f"{i.get('internal_api')} {i.get('version')} core={i.get('architecture')} "
                 f"threads={i.get('num_threads')}" for i in threadpool_info()
                 if i.get("user_api") == "blas"]
        if found:
            return "; ".join(found) + " (threadpoolctl)"
    except ImportError:
        pass
    # No threadpoolctl: ask the OpenBLAS that numpy's wheel bundles, by its exported symbols.
    libs = glob.glob(str(Path(np.__file__).parent.parent / "numpy.libs" / "*openblas*"))
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("openblas", "64_"), ("openblas", "")):
            try:
                corename = getattr(lib, f"{prefix}_get_corename{suffix}")
                threads = getattr(lib, f"{prefix}_get_num_threads{suffix}")
            except AttributeError:
                continue
            corename.restype = ctypes.c_char_p
            return (f"OpenBLAS core={corename().decode()} threads={threads()} "
                    f"(asked {Path(path).name} through ctypes; threadpoolctl is not installed)")
    return "unknown (no threadpoolctl, no bundled OpenBLAS found)"


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def machine() -> dict:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    info = {
        "cpu": cpu_model(),
        "cores": f"{os.cpu_count()} logical" + (f", {affinity} usable" if affinity else ""),
        "os": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": f"{platform.python_version()} ({sys.executable})",
        "numpy": np.__version__,
        "blas (build)": blas_build(),
        "blas (runtime)": blas_runtime(),
        "sqlite": sqlite3.sqlite_version,
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
                 "OMP_NUM_THREADS"):
        info[name] = os.environ.get(name, "(not set)")
    return info


# -- 1. learn check ----------------------------------------------------------------------------

def bench_check(runs: int) -> None:
    heading("1. learn check ex01 (whole process) vs python -c 'import numpy'")
    say(f"benchmarks/check_speed.py --runs {runs}: medians of {runs} runs of each command")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "check_speed.py"),
                           "--runs", str(runs)], capture_output=True, text=True, check=False)
    out = done.stdout.strip()
    for line in out.splitlines():
        say("  " + line)
    ratio = re.search(r"ratio\s+([\d.]+)x", out)
    if done.returncode != 0 or ratio is None:
        say(f"  check_speed.py failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        SUMMARY.append(("learn check / import numpy", "failed", "<= 1.5x", "SKIP"))
        return
    value = float(ratio.group(1))
    SUMMARY.append(("learn check / import numpy", f"{value:.2f}x", "<= 1.5x",
                    verdict(value <= 1.5)))


# -- 2. grading throughput ---------------------------------------------------------------------

def _load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def bench_grading(repeats: int) -> None:
    from contextlib import nullcontext

    from grader.course.spec import Course, Exercise
    from grader.grading.cases import draw_cases
    from grader.grading.diagnose import copy_value
    from grader.grading.grade import encode_cases, expected_outputs, grade_file, load_reference
    from grader.running.forkserver import ForkServers
    from grader.running.isolation import Isolation, bwrap_problem, choose

    heading("2. Grading throughput: ex19 (full backprop), grade_file on its solution.py")
    course = Course.load()
    base = course.resolve("ex19")
    solution = base.solution_path

    def with_count(count: int) -> Exercise:
        """The same step drawing `count` cases."""
        spec = dataclasses.replace(base.spec,
                                   cases=dataclasses.replace(base.spec.cases, count=count))
        return Exercise(base.folder, spec)

    counts = (base.spec.cases.count, 10 * base.spec.cases.count)
    # A learner's check (a fresh child, no sandbox) and a regrade's (a fork of a warm template
    # in the bubblewrap sandbox, or with none where bwrap cannot run).
    regrade_isolation = choose("bwrap") if bwrap_problem() is None else Isolation("none",
                                                                                  None, True)
    ways = {"fresh child": None, f"forked ({regrade_isolation.kind})": regrade_isolation}
    walls: dict[tuple[str, int], float] = {}
    for way, isolation in ways.items():
        servers = ForkServers(isolation) if isolation is not None else nullcontext()
        with servers:
            for count in counts:
                exercise = with_count(count)
                times = []
                for run in range(repeats + 1):
                    start = time.perf_counter()
                    with servers.child() if isolation is not None else nullcontext() as child:
                        result, _ = grade_file(exercise, solution, seed=1000 + run,
                                               child=child)
                    if run:  # the first warms caches
                        times.append(time.perf_counter() - start)
                    if not result.passed or result.cases_total != count:
                        say(f"  warning: run {run} at {count} cases: passed={result.passed}, "
                            f"cases_total={result.cases_total}")
                walls[way, count] = statistics.median(times)
                say(f"  {way:<16} {count:4d} cases: median {walls[way, count] * 1000:7.1f} ms "
                    f"over {repeats} grades (min {min(times) * 1000:.1f}, max "
                    f"{max(times) * 1000:.1f}) -> {count / walls[way, count]:7.1f} cases/s")

    # The learner's function alone, in this process, on the cases of the first 200-case grade
    # (seed 1000): what the child computes.
    provided = course.provided_modules(base)
    for name, path in provided.items():
        _load_module(name, path)
    learner = getattr(_load_module("bench_ex19_solution", solution), base.spec.function)
    reference = load_reference(base)
    n_small, n_large = counts
    cases = draw_cases(with_count(n_large), 1000)
    args = [[copy_value(case[a]) for a in base.spec.arguments] for case in cases]

    def call_all() -> None:
        for arguments in args:
            learner(*arguments)

    def reference_all() -> None:
        for case in cases:
            expected_outputs(reference, base.spec, case)

    compute, _ = best_of(call_all, 5)
    ref, _ = best_of(reference_all, 5)
    # Parent-side pieces of a case, in-process: drawing it and the frame the cases cross in.
    from grader.running.child import encode_frame, read_frame

    draw, _ = best_of(lambda: draw_cases(with_count(n_large), 1000), 3)
    with tempfile.TemporaryDirectory(prefix="bench-frame-") as scratch:
        target = Path(scratch) / "inputs.bin"
        arrays = encode_cases(cases, base.spec.arguments, 0)[1]

        def write_inputs() -> None:
            target.write_bytes(encode_frame({}, arrays))

        def read_inputs() -> None:
            read_frame(target.read_bytes(), 1 << 30)

        write, _ = best_of(write_inputs, 3)
        read, _ = best_of(read_inputs, 3)
        members = len(arrays)
    per_case_compute = compute / n_large
    say(f"  learner's backprop alone (in-process, best of 5): {per_case_compute * 1e6:7.1f} "
        "us/case")
    say(f"  reference outputs in the parent (best of 5):      {ref / n_large * 1e6:7.1f} us/case")
    say(f"  drawing the cases (best of 3):                    {draw / n_large * 1e6:7.1f} us/case")
    say(f"  inputs frame write / read, {members / n_large:.1f} arrays per case:  "
        f"{write / n_large * 1e6:7.1f} / {read / n_large * 1e6:.1f} us/case (the outputs cross "
        "back the same way)")
    for way in ways:
        slope = (walls[way, n_large] - walls[way, n_small]) / (n_large - n_small)
        fixed = walls[way, n_small] - slope * n_small
        overhead = slope - per_case_compute
        say(f"  {way}: slope {slope * 1e6:7.1f} us/case; grader overhead per case = slope - "
            f"learner compute = {overhead * 1e6:6.1f} us; fixed cost per grade (intercept) "
            f"{fixed * 1000:6.1f} ms")
        forked = ways[way] is not None
        SUMMARY.append((f"ex19 grading, {n_small} cases, {way}",
                        f"{n_small / walls[way, n_small]:.0f} cases/s", "(none)", "info"))
        SUMMARY.append((f"grader overhead per case, {way}", f"{overhead * 1e3:.2f} ms",
                        "<= 0.3 ms", verdict(overhead <= 0.3e-3)))
        SUMMARY.append((f"fixed cost per grade, {way}", f"{fixed * 1000:.0f} ms",
                        "<= 40 ms" if forked else "(none)",
                        verdict(fixed <= 0.040) if forked else "info"))
    say("  Method: median wall time of grade_file at the step's own case count and at 10x it;")
    say("  the slope between the two is the marginal cost of a case (drawing it, the reference")
    say("  answer, the frame round trip, the child's call and copies, the comparison); minus the")
    say("  learner function's own time on the same cases, measured in-process, it is the")
    say("  grader's overhead per case. The intercept is the fixed cost of one grade: a fresh")
    say("  child's interpreter and numpy import, or a fork of the warm template a regrade uses.")


def bench_regrade(repeats: int) -> None:
    """What one regraded submission costs under each isolation the regrade can use."""
    from grader.course.spec import Course
    from grader.grading.grade import grade_file
    from grader.running.isolation import Isolation, bwrap_problem, choose

    heading("2b. Regrade cost per submission, by isolation (grade_file; a fresh child each, "
            "or forked)")
    course = Course.load()
    ways = [("none (-S, numpy only)", lambda: Isolation("none", None, True))]
    if bwrap_problem() is None:
        ways.append(("bwrap", lambda: choose("bwrap")))
    if os.geteuid() == 0:
        ways.append(("account (nobody)", lambda: choose("account", "nobody")))
    from contextlib import nullcontext

    from grader.running.forkserver import ForkServers

    ways += [(f"{name}, forked", make) for name, make in ways]
    medians: dict[tuple[str, str], float] = {}
    for step in ("ex01", "ex19"):
        exercise = course.resolve(step)
        for name, make in ways:
            isolation = make()
            # As a regrade grades: through ForkServers, which replaces a template found gone.
            servers = ForkServers(isolation) if name.endswith("forked") else None

            def grade(seed: int, servers=servers, isolation=isolation, exercise=exercise):
                with servers.child() if servers is not None else nullcontext() as child:
                    return grade_file(exercise, exercise.solution_path, seed=seed,
                                      isolation=isolation, child=child)[0]

            grade(1)  # warm
            times = []
            for run in range(repeats):
                start = time.perf_counter()
                verdict = grade(run)
                times.append(time.perf_counter() - start)
                if not verdict.passed:
                    say(f"  warning: {step} under {name} did not pass: {verdict.error}")
            if servers is not None:
                servers.close()
            medians[(step, name)] = statistics.median(times)
            say(f"  {step} {name:<32} median {medians[(step, name)] * 1000:7.1f} ms over "
                f"{repeats} (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")
    for step in ("ex01", "ex19"):
        base = medians[(step, ways[0][0])]
        for name, _ in ways:
            SUMMARY.append((f"regrade {step}, {name}", f"{medians[(step, name)] * 1000:.0f} ms",
                            "(none)", "info" if name == ways[0][0] else
                            f"{medians[(step, name)] / base:.2f}x"))


def bench_throughput(learners: int) -> None:
    """`learn regrade` as an instructor runs it, whole process, on one class: --jobs 1 and
    --jobs 2 in the sandbox, and on a Dask LocalCluster of two worker processes."""
    from benchmarks.regrade_class import STEPS, class_database
    from grader.running.isolation import bwrap_problem

    heading("2c. Regrade throughput: `learn --db class.db regrade`, whole process")
    isolation = "bwrap" if bwrap_problem() is None else "none"
    learn = str(Path(sys.executable).with_name("learn"))
    with tempfile.TemporaryDirectory(prefix="bench-regrade-") as scratch:
        folder = Path(scratch)
        template = folder / "template.db"
        total = class_database(template, learners)
        say(f"  {total} submissions: {learners} learners x {', '.join(STEPS)} (solutions, "
            f"starters and known slips), isolation {isolation}")

        def regrade(name: str, *options: str) -> float:
            db = folder / f"{name}.db"
            shutil.copy(template, db)
            start = time.perf_counter()
            done = subprocess.run([learn, "--db", str(db), "regrade", "--isolation", isolation,
                                   "--seed", "1", *options], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if done.returncode != 0 or f"{total} submissions regraded" not in done.stdout:
                say(f"  warning: {name}: exit {done.returncode}: {done.stdout[-300:]} "
                    f"{done.stderr[-300:]}")
            say(f"  {name:<28} {seconds:6.1f} s  {total / seconds:6.1f} submissions/s")
            return seconds

        serial = regrade("--jobs 1", "--jobs", "1")
        parallel = regrade("--jobs 2", "--jobs", "2")
        SUMMARY.append(("regrade --jobs 1, sandboxed", f"{total / serial:.1f}/s", "(none)",
                        "info"))
        SUMMARY.append(("regrade --jobs 2, sandboxed", f"{total / parallel:.1f}/s", ">= 20/s",
                        verdict(total / parallel >= 20)))
        try:
            from distributed import LocalCluster
        except ImportError:
            say("  Dask: distributed is not installed (extra 'cluster'); row skipped")
            SUMMARY.append(("Dask LocalCluster / --jobs 2", "-", "<= 1.3x", "SKIP"))
            return
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            regrade("Dask, warm-up", "--scheduler", cluster.scheduler_address)
            dask = regrade("Dask LocalCluster (2 workers)", "--scheduler",
                           cluster.scheduler_address)
        say("  The Dask run is timed after a first one on the same cluster, which starts each "
            "worker's")
        say("  fork server (a --jobs run starts its own in the timed process).")
        SUMMARY.append(("Dask LocalCluster / --jobs 2", f"{dask / parallel:.2f}x", "<= 1.3x",
                        verdict(dask / parallel <= 1.3)))


def bench_watch(saves: int) -> None:
    """`learn watch ex01`: from a file saved to its verdict printed, warm."""
    import threading

    heading("2d. Feedback on save: `learn watch ex01`, file written -> verdict printed")
    learn = str(Path(sys.executable).with_name("learn"))
    home = Path(tempfile.mkdtemp(prefix="bench-watch-"))
    env = dict(os.environ, LEARN_HOME=str(home), LEARN_USER="bench", PYTHONUNBUFFERED="1")
    env.pop("LEARN_DB", None)
    path = home / "ex01_forward.py"
    subprocess.run([learn, "path", "ex01"], env=env, check=True, capture_output=True)
    path.write_text("def forward(w, x):\n    return w + x\n")
    process = subprocess.Popen([learn, "watch", "ex01"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str, str]] = []  # (time, stream, line)
    seen = threading.Condition()

    def read(stream, name: str) -> None:
        for line in stream:
            with seen:
                lines.append((time.perf_counter(), name, line))
                seen.notify_all()

    for stream, name in ((process.stdout, "out"), (process.stderr, "err")):
        threading.Thread(target=read, args=(stream, name), daemon=True).start()

    def wait_for(test, after: int, timeout: float = 20) -> tuple[int, float] | None:
        deadline = time.perf_counter() + timeout
        with seen:
            while True:
                for index in range(after, len(lines)):
                    if test(lines[index]):
                        return index, lines[index][0]
                if not seen.wait(max(0.0, deadline - time.perf_counter())):
                    return None

    def watching(entry) -> bool:
        return entry[1] == "err" and entry[2].startswith("Watching")

    def verdict_line(entry) -> bool:
        return entry[1] == "out" and entry[2][:1] in ("✓", "✗")

    latencies = []
    try:
        found = wait_for(watching, 0)
        for number in range(saves + 1):
            if found is None:
                say("  warning: the watcher never said it was watching")
                break
            time.sleep(0.3)  # a learner's saves are seconds apart
            passing = number == saves
            body = ("def forward(w, x):\n    return w * x\n" if passing else
                    f"def forward(w, x):\n    return w * x + {number + 1}\n")
            written = time.perf_counter()
            path.write_text(body)
            shown = wait_for(verdict_line, found[0] + 1)
            if shown is None:
                say(f"  warning: no verdict after save {number}")
                break
            if number:  # the first save warms this process (numpy, the reference)
                latencies.append(shown[1] - written)
            found = wait_for(watching, shown[0] + 1)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)
    if not latencies:
        SUMMARY.append(("learn watch: saved -> verdict, ex01", "-", "<= 150 ms", "SKIP"))
        return
    median = statistics.median(latencies)
    say(f"  {len(latencies)} saves: median {median * 1000:.0f} ms (min "
        f"{min(latencies) * 1000:.0f}, max {max(latencies) * 1000:.0f}); the last one passes")
    say("  This includes the watcher's own wait for the file to be quiet (15 ms) and the")
    say("  attempt's write to the progress database.")
    SUMMARY.append(("learn watch: saved -> verdict, ex01", f"{median * 1000:.0f} ms",
                    "<= 150 ms", verdict(median <= 0.150)))


def bench_merge(learners: int) -> None:
    """`learn merge` of a synthetic class of hand-ins (benchmarks/merge_speed.py)."""
    from benchmarks.merge_speed import TARGET_SECONDS
    from benchmarks.merge_speed import bench_merge as measure

    heading(f"2e. Merging hand-ins: learn merge of {learners:,} (25 steps each), whole process")
    figures = measure(learners)
    say(f"  generated in {figures['generate_seconds']:.0f} s; merged {figures['attempts']:,} "
        f"attempts and {figures['quiz_answers']:,} quiz answers in {figures['seconds']:.1f} s "
        f"({figures['handins_per_second']:.0f} hand-ins/s, {figures['cpu_seconds']:.0f} CPU s "
        f"on {figures['cores']} cores)")
    target = TARGET_SECONDS * learners / 10_000
    SUMMARY.append((f"merge of {learners:,} hand-ins", f"{figures['seconds']:.1f} s",
                    f"<= {target:.0f} s", verdict(figures["seconds"] <= target)))


# -- 3. training the digits network ------------------------------------------------------------

def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _epoch_cost(weights, biases, X, Y) -> float:
    """Mean over the set of 1/2 ||y - a||^2, one vectorized forward pass (the same per-epoch work
    the engine's train() does)."""
    a = X
    for W, b in zip(weights, biases, strict=True):
        a = _sigmoid(W @ a + b)
    return float(np.mean(0.5 * np.sum((a - Y) ** 2, axis=0)))


def textbook_train(weights, biases, X, Y, orders, batch_size: int, eta: float):
    """The classic loop: one (n, 1) column per example, backprop one example at a time, the
    gradients summed over the mini-batch, then one step of eta / len(batch) times the sum."""
    weights = [W.copy() for W in weights]
    biases = [b.copy() for b in biases]
    data = [(X[:, [i]], Y[:, [i]]) for i in range(X.shape[1])]
    costs = []

    def backprop(x, y):
        activation, activations, zs = x, [x], []
        for W, b in zip(weights, biases, strict=True):
            z = W @ activation + b
            zs.append(z)
            activation = _sigmoid(z)
            activations.append(activation)
        grad_b = [np.zeros_like(b) for b in biases]
        grad_w = [np.zeros_like(W) for W in weights]
        s = _sigmoid(zs[-1])
        delta = (activations[-1] - y) * s * (1 - s)
        grad_b[-1] = delta
        grad_w[-1] = delta @ activations[-2].T
        for layer in range(2, len(weights) + 1):
            s = _sigmoid(zs[-layer])
            delta = (weights[-layer + 1].T @ delta) * s * (1 - s)
            grad_b[-layer] = delta
            grad_w[-layer] = delta @ activations[-layer - 1].T
        return grad_b, grad_w

    for order in orders:
        shuffled = [data[i] for i in order]
        for start in range(0, len(shuffled), batch_size):
            mini_batch = shuffled[start:start + batch_size]
            sum_b = [np.zeros_like(b) for b in biases]
            sum_w = [np.zeros_like(W) for W in weights]
            for x, y in mini_batch:
                delta_b, delta_w = backprop(x, y)
                sum_b = [s + d for s, d in zip(sum_b, delta_b, strict=True)]
                sum_w = [s + d for s, d in zip(sum_w, delta_w, strict=True)]
            step = eta / len(mini_batch)
            weights = [W - step * g for W, g in zip(weights, sum_w, strict=True)]
            biases = [b - step * g for b, g in zip(biases, sum_b, strict=True)]
        costs.append(_epoch_cost(weights, biases, X, Y))
    return weights, biases, costs


def fused_train(weights, biases, X, Y, orders, batch_size: int, eta: float):
    """Direct matrix code for exactly 64-30-10 sigmoid, batch-vectorized, no in-place updates."""
    (W1, W2), (b1, b2) = weights, biases
    costs = []
    m = X.shape[1]
    for order in orders:
        for start in range(0, m, batch_size):
            cols = order[start:start + batch_size]
            x, y = X[:, cols], Y[:, cols]
            a1 = 1.0 / (1.0 + np.exp(-(W1 @ x + b1)))
            a2 = 1.0 / (1.0 + np.exp(-(W2 @ a1 + b2)))
            d2 = (a2 - y) * a2 * (1.0 - a2)
            d1 = (W2.T @ d2) * a1 * (1.0 - a1)
            step = eta / x.shape[1]
            W2 = W2 - step * (d2 @ a1.T)
            b2 = b2 - step * d2.sum(axis=1, keepdims=True)
            W1 = W1 - step * (d1 @ x.T)
            b1 = b1 - step * d1.sum(axis=1, keepdims=True)
        costs.append(_epoch_cost([W1, W2], [b1, b2], X, Y))
    return [W1, W2], [b1, b2], costs


def _accuracy(weights, biases, X, labels) -> float:
    a = X
    for W, b in zip(weights, biases, strict=True):
        a = _sigmoid(W @ a + b)
    return float(np.mean(np.argmax(a, axis=0) == labels))


def torch_worker(data_path: str, out_path: str) -> None:
    """Runs in the torch interpreter (numpy + torch only): the same network, initial weights and
    shuffles, float64, autograd, plain SGD. A 3-epoch probe at batch 10 picks the faster of 1
    thread and torch's default; the full runs use that."""
    import torch

    data = np.load(data_path)
    X, Y = torch.from_numpy(data["X"]), torch.from_numpy(data["Y"])
    orders = [torch.from_numpy(o) for o in data["orders"]]
    eta, repeats = float(data["eta"]), int(data["repeats"])
    default_threads = torch.get_num_threads()

    def train(batch_size: int, epochs: int):
        params = [torch.tensor(data[k], requires_grad=True) for k in ("W1", "b1", "W2", "b2")]
        W1, b1, W2, b2 = params
        m = X.shape[1]
        costs = []
        for order in orders[:epochs]:
            for start in range(0, m, batch_size):
                cols = order[start:start + batch_size]
                x, y = X[:, cols], Y[:, cols]
                a2 = torch.sigmoid(W2 @ torch.sigmoid(W1 @ x + b1) + b2)
                loss = 0.5 * ((a2 - y) ** 2).sum(dim=0).mean()
                loss.backward()
                with torch.no_grad():
                    for p in params:
                        p -= eta * p.grad
                        p.grad = None
            with torch.no_grad():
                a = torch.sigmoid(W2 @ torch.sigmoid(W1 @ X + b1) + b2)
                costs.append(float((0.5 * ((a - Y) ** 2).sum(dim=0)).mean()))
        return [p.detach().numpy() for p in params], costs

    probe = {}
    for threads in sorted({1, default_threads}):
        torch.set_num_threads(threads)
        train(10, 1)  # warm-up: first-call dispatch and allocator set-up
        probe[threads], _ = best_of(lambda: train(10, 3), 1)
    threads = min(probe, key=probe.get)
    torch.set_num_threads(threads)
    result = {"version": torch.__version__, "default_threads": default_threads,
              "threads": threads, "probe": probe, "runs": {}}
    for batch_size in (int(b) for b in data["batches"]):
        seconds, (params, costs) = best_of(lambda b=batch_size: train(b, len(orders)), repeats)
        result["runs"][str(batch_size)] = {
            "seconds": seconds,
            "cost": costs[-1],
            "weights": [p.tolist() for p in params],
        }
    Path(out_path).write_text(json.dumps(result))


def find_torch_python(given: str | None) -> tuple[str | None, str]:
    if importlib.util.find_spec("torch") is not None:
        return sys.executable, "torch is importable in this interpreter"
    candidate = given or os.environ.get(TORCH_ENV)
    if not candidate:
        return None, (f"torch is not importable here and no --torch-python / {TORCH_ENV} was "
                      "given")
    check = subprocess.run([candidate, "-c", "import torch, numpy"], capture_output=True,
                           text=True, check=False)
    if check.returncode != 0:
        return None, f"{candidate} cannot import torch and numpy: {check.stderr.strip()[-200:]}"
    return candidate, f"torch from {candidate}"


def bench_training(epochs: int, repeats: int, textbook_repeats: int,
                   torch_python: str | None) -> None:
    from reference import digits, network

    heading("3. Training the digits network: 64-30-10 sigmoid, eta = 3, C = 1/2 ||y - a||^2")
    X, Y = digits.train_data()
    X_test, labels = digits.test_data()
    m = X.shape[1]
    net0 = digits.initial_network(SEED)
    rng = np.random.default_rng(SEED)  # exactly the permutations network.train draws
    orders = np.array([rng.permutation(m) for _ in range(epochs)])
    say(f"  {m} training images, {X_test.shape[1]} test images, {epochs} epochs. Every "
        "implementation starts from the same")
    say(f"  weights (digits.initial_network({SEED})) and uses the same per-epoch shuffles. Times "
        f"are best of {repeats},")
    say(f"  taken round-robin (textbook loop: best of {textbook_repeats} at batch 10, one run at "
        "50 and 100; torch:")
    say(f"  best of {repeats} in its own process); every run includes one full-set cost "
        "evaluation per epoch, as")
    say("  train() does.")

    torch_exe, torch_note = find_torch_python(torch_python)
    torch_runs: dict = {}
    if torch_exe:
        with tempfile.TemporaryDirectory(prefix="bench-torch-") as scratch:
            data_path, out_path = Path(scratch) / "data.npz", Path(scratch) / "out.json"
            np.savez(data_path, X=X, Y=Y, X_test=X_test, labels=labels, orders=orders,
                     W1=net0.weights[0], b1=net0.biases[0], W2=net0.weights[1],
                     b2=net0.biases[1], eta=ETA, repeats=repeats, batches=np.array(BATCHES))
            done = subprocess.run([torch_exe, str(Path(__file__).resolve()), "--torch-worker",
                                   str(data_path), str(out_path)], capture_output=True,
                                  text=True, check=False)
            if done.returncode == 0:
                torch_runs = json.loads(out_path.read_text())
                probe = ", ".join(f"{k} thread(s) {v:.2f} s" for k, v in
                                  torch_runs["probe"].items())
                torch_note = (f"torch {torch_runs['version']} CPU, float64, autograd + manual SGD "
                              f"update; {torch_note}.\n  3-epoch probe at batch 10: {probe} "
                              f"(torch's default is {torch_runs['default_threads']}); the runs "
                              f"below use {torch_runs['threads']}")
            else:
                torch_note = f"torch run failed: {done.stderr.strip()[-300:]}"
    say(f"  torch: {torch_note}")

    rows = []
    init_w = [W.copy() for W in net0.weights]
    init_b = [b.copy() for b in net0.biases]
    for batch in BATCHES:
        # Round-robin repeats, so a burst of load from another process hits every implementation
        # alike instead of whichever happened to be running; each keeps its fastest run.
        contenders = {
            "engine": lambda b=batch: network.train(
                net0, X, Y, epochs=epochs, batch_size=b, learning_rate=ETA, seed=SEED,
                cost="half_squared"),
            "textbook": lambda b=batch: textbook_train(init_w, init_b, X, Y, orders, b, ETA),
            "fused": lambda b=batch: fused_train(init_w, init_b, X, Y, orders, b, ETA),
        }
        fastest: dict[str, float] = {}
        outcome: dict[str, object] = {}
        for rep in range(repeats):
            for name, function in contenders.items():
                if name == "textbook" and rep >= (textbook_repeats if batch == 10 else 1):
                    continue
                seconds, outcome[name] = best_of(function, 1)
                fastest[name] = min(seconds, fastest.get(name, math.inf))
        trained = outcome["engine"]
        results = {"engine": (fastest["engine"], trained.network.weights, trained.network.biases,
                              trained.costs[-1])}
        for name in ("textbook", "fused"):
            w, b, c = outcome[name]
            results[name] = (fastest[name], w, b, c[-1])
        if torch_runs:
            run = torch_runs["runs"][str(batch)]
            params = [np.array(p) for p in run["weights"]]
            results["torch"] = (run["seconds"], [params[0], params[2]], [params[1], params[3]],
                                run["cost"])
        rows.append((batch, results))

    say()
    say(f"  {'batch':>5} {'implementation':<26} {'seconds':>8} {'us/example':>10} "
        f"{'vs engine':>10} {'test acc':>8} {'final cost':>10} {'max|dW| vs engine':>18}")
    for batch, results in rows:
        engine_s, engine_w = results["engine"][0], results["engine"][1]
        for name, label in (("engine", "reference engine"), ("textbook", "textbook per-example"),
                            ("fused", "hand-fused numpy"), ("torch", "PyTorch autograd")):
            if name not in results:
                continue
            seconds, w, b, cost = results[name][:4]
            acc = _accuracy(w, b, X_test, labels)
            gap = max(float(np.max(np.abs(a - e))) for a, e in zip(w, engine_w, strict=True))
            say(f"  {batch:>5} {label:<26} {seconds:8.3f} {seconds / (epochs * m) * 1e6:10.2f} "
                f"{seconds / engine_s:9.2f}x {acc:8.4f} {cost:10.6f} {gap:18.2e}")
    say("  ('vs engine' is that implementation's time over the engine's: above 1 = engine "
        "faster)")

    for batch, results in rows:
        engine_s = results["engine"][0]
        textbook = results["textbook"][0] / engine_s
        fused = engine_s / results["fused"][0]
        target = batch == 10
        SUMMARY.append((f"textbook loop / engine, batch {batch}", f"{textbook:.2f}x",
                        ">= 10x" if target else "(info)",
                        verdict(textbook >= 10) if target else "info"))
        SUMMARY.append((f"engine / hand-fused, batch {batch}", f"{fused:.2f}x", "<= 1.5x",
                        verdict(fused <= 1.5)))
        if "torch" in results:
            ratio = results["torch"][0] / engine_s
            SUMMARY.append((f"torch / engine, batch {batch}", f"{ratio:.2f}x",
                            ">= 5x" if target else "(info)",
                            verdict(ratio >= 5) if target else "info"))
        elif target:
            SUMMARY.append(("torch / engine, batch 10", "skipped", ">= 5x", "SKIP"))


# -- 4. instructor views on a synthetic database -----------------------------------------------

def _hex_ids(rng: np.random.Generator, count: int) -> list[str]:
    text = rng.bytes(16 * count).hex()
    return [text[i:i + 32] for i in range(0, 32 * count, 32)]


def _stamps(ms: np.ndarray) -> list[str]:
    """store.now()'s format: ISO 8601, milliseconds, +00:00."""
    text = np.datetime_as_string(ms.astype("datetime64[ms]"), unit="ms")
    return [t + "+00:00" for t in text.tolist()]


def _steps() -> list[dict]:
    from grader.course.spec import Course

    steps = []
    for exercise in Course.load():
        spec = exercise.spec
        steps.append({
            "id": exercise.id, "quiz": exercise.is_quiz,
            "questions": len(spec.questions) if exercise.is_quiz else 0,
            "slips": [] if exercise.is_quiz else [(m.name, m.message) for m in spec.misconceptions],
            "hash": exercise.content_hash,
            "code": "" if exercise.is_quiz else exercise.solution_path.read_text(),
        })
    return steps


def synthesize(path: Path, learners: int, attempts: int, seed: int) -> dict:
    """A progress database of `learners` working up the ladder, `attempts` rows in all.

    Each learner goes through the steps in order (40% stop somewhere); per step a geometric
    number of attempts, the first pass (if any) after the failures, sometimes re-checks after it.
    Failed code attempts carry a misconception or an error kind; quiz attempts carry their answers;
    1% of the rows are instructor regrades (with `verified` rows) and unfinished quiz runs, which
    the rollups must leave out. Written with executemany in one transaction, secondary indexes
    built after the rows; the rollups are then filled by set-based SQL (build_rollups)."""
    from grader.database import store

    rng = np.random.default_rng(seed)
    steps = _steps()
    n_steps = len(steps)
    is_quiz = np.array([s["quiz"] for s in steps])
    questions = np.array([s["questions"] for s in steps])
    regrades = attempts // 100

    # Which steps each learner reached, and the (learner, step) pairs.
    reach = np.where(rng.random(learners) < 0.6, n_steps, rng.integers(1, n_steps + 1, learners))
    pair_learner = np.repeat(np.arange(learners), reach)
    pair_step = np.arange(pair_learner.size) - np.repeat(np.cumsum(reach) - reach, reach)
    pairs = pair_learner.size
    quiz_pair = is_quiz[pair_step]
    # Attempts per pair: quizzes ~2 on average, code steps whatever makes the total come out.
    local = attempts - regrades
    quiz_mean = 2.0
    code_mean = max(1.0, (local - quiz_mean * quiz_pair.sum()) / max(1, (~quiz_pair).sum()))
    counts = np.where(quiz_pair, rng.geometric(1 / quiz_mean, pairs),
                      rng.geometric(1 / code_mean, pairs))
    gap = local - int(counts.sum())
    while gap != 0:
        if gap > 0:
            np.add.at(counts, rng.integers(0, pairs, gap), 1)
        else:
            candidates = np.flatnonzero(counts > 1)
            take = rng.choice(candidates, min(-gap, candidates.size), replace=False)
            counts[take] -= 1
        gap = local - int(counts.sum())
    last_reached = pair_step == reach[pair_learner] - 1
    never = np.where(last_reached & (reach[pair_learner] < n_steps), rng.random(pairs) < 0.7,
                     rng.random(pairs) < 0.03)
    extra = np.minimum(counts - 1, np.where(rng.random(pairs) < 0.15,
                                            rng.integers(1, 3, pairs), 0))
    first_pass = np.where(never, counts, counts - 1 - extra)  # index of the first pass

    # One row per attempt, learner-major then step then try: times increase within a learner.
    a_pair = np.repeat(np.arange(pairs), counts)
    n = a_pair.size
    a_try = np.arange(n) - np.repeat(np.cumsum(counts) - counts, counts)
    a_learner, a_step = pair_learner[a_pair], pair_step[a_pair]
    fp = first_pass[a_pair]
    passed = (a_try == fp) | ((a_try > fp) & (rng.random(n) < 0.7))
    gaps = (rng.exponential(120_000, n) + 1_000).astype(np.int64)
    gaps += np.where(rng.random(n) < 0.04, rng.exponential(86_400_000, n), 0).astype(np.int64)
    elapsed = np.cumsum(gaps)
    first_row = np.cumsum(np.bincount(a_learner, minlength=learners)) - np.bincount(
        a_learner, minlength=learners)
    base = np.datetime64("2026-03-01T08:00:00", "ms").astype(np.int64)
    start = base + rng.integers(0, 150 * 86_400_000, learners)
    created = start[a_learner] + elapsed - elapsed[first_row[a_learner]] + gaps[first_row[
        a_learner]]

    quiz_row = is_quiz[a_step]
    unfinished = quiz_row & ~passed & (rng.random(n) < 0.05)
    q_count = questions[a_step]
    need = np.ceil(0.75 * q_count).astype(np.int64)
    # Cases: code steps have 20; quizzes one per question, >= 75% right to pass.
    total = np.where(quiz_row, q_count, 20)
    right = np.where(
        quiz_row,
        np.where(passed, need + rng.integers(0, 1 << 30, n) % np.maximum(q_count - need + 1, 1),
                 rng.integers(0, 1 << 30, n) % np.maximum(need, 1)),
        np.where(passed, 20, rng.integers(0, 20, n)))
    score = right / total

    slips = [s["slips"] for s in steps]
    has_slip = np.array([bool(s) for s in slips])
    pick = rng.integers(0, 1 << 30, n)
    diagnosed = ~passed & ~quiz_row & has_slip[a_step] & (rng.random(n) < 0.6)
    error_kinds = np.array([None, None, "exception", "not_implemented", "syntax", "timeout"],
                           dtype=object)
    error_kind = np.where(~passed & ~quiz_row & ~diagnosed, error_kinds[pick % 6], None)
    error_kind = np.where(unfinished, "unfinished", error_kind)

    # Regrades: later, origin 'regrade', one per (learner, code step) drawn from passed pairs.
    passed_code = np.flatnonzero(~never & ~quiz_pair)
    regrade_pairs = rng.choice(passed_code, min(regrades, passed_code.size), replace=False)
    last_time = np.zeros(pairs, dtype=np.int64)
    np.maximum.at(last_time, a_pair, created)
    r_created = last_time[regrade_pairs] + rng.integers(86_400_000, 20 * 86_400_000,
                                                        regrade_pairs.size)
    r_passed = rng.random(regrade_pairs.size) < 0.95

    # -- text columns
    learner_ids = _hex_ids(rng, learners)
    attempt_ids = _hex_ids(rng, n + regrade_pairs.size)
    stamps = _stamps(np.concatenate([created, r_created]))
    code_sha = {s["id"]: hashlib.sha256(s["code"].encode()).hexdigest() for s in steps}
    failing = json.dumps({"index": 3, "inputs": {"w": "0.8", "x": "1.5"}, "expected": "a = 1.2",
                          "got": "a = 2.3", "problem": "value", "kind": "value"})
    rows = []
    for i, (learner, step, ok, sc, tot, rt, kind, diag, p) in enumerate(zip(
            a_learner.tolist(), a_step.tolist(), passed.tolist(), score.tolist(), total.tolist(),
            right.tolist(), error_kind.tolist(), diagnosed.tolist(), pick.tolist(),
            strict=True)):
        s = steps[step]
        name, message = s["slips"][p % len(s["slips"])] if diag else (None, None)
        rows.append((
            attempt_ids[i], learner_ids[learner], s["id"], s["hash"], stamps[i],
            200 + p % 3000, p, int(ok), sc, tot, rt, name, message, kind,
            None if kind is None else f"{kind}: synthetic", None if ok or s["quiz"] else failing,
            "" if s["quiz"] else code_sha[s["id"]], s["code"], "0.1.0", "local"))
    verified = []
    for j, (pair, ok) in enumerate(zip(regrade_pairs.tolist(), r_passed.tolist(), strict=True)):
        s = steps[pair_step[pair]]
        i = n + j
        rows.append((attempt_ids[i], learner_ids[pair_learner[pair]], s["id"], s["hash"],
                     stamps[i], 900, j, int(ok), 1.0 if ok else 0.5, 20, 20 if ok else 10, None,
                     None, None, None, None, code_sha[s["id"]], s["code"], "0.1.0", "regrade"))
        verified.append((learner_ids[pair_learner[pair]], s["id"], attempt_ids[i], int(ok),
                         1.0 if ok else 0.5, code_sha[s["id"]], stamps[i]))
    order = np.argsort(np.concatenate([created, r_created]), kind="stable")  # insertion order
    rows = [rows[k] for k in order.tolist()]

    # Quiz answers: every question of every quiz attempt (unfinished: a prefix), right ones
    # being a random subset of the size the attempt's score says.
    quiz_idx = np.flatnonzero(quiz_row)
    answered = np.where(unfinished[quiz_idx], rng.integers(0, 1 << 30, quiz_idx.size)
                        % np.maximum(q_count[quiz_idx], 1), q_count[quiz_idx])
    ans_attempt = np.repeat(quiz_idx, answered)
    na = ans_attempt.size
    ans_number = np.arange(na) - np.repeat(np.cumsum(answered) - answered, answered)
    order_key = np.lexsort((rng.random(na), ans_attempt))
    rank = np.empty(na, dtype=np.int64)
    rank[order_key] = np.arange(na) - np.repeat(np.cumsum(answered) - answered, answered)
    correct = rank < right[ans_attempt]
    valid = correct | (rng.random(na) < 0.97)
    slip_names = np.array(["sign", "no_chain", "squared", "forgot_bias", "transposed", None],
                          dtype=object)
    apick = rng.integers(0, 1 << 30, na)
    misconception = np.where(correct | ~valid, None, slip_names[apick % 6])
    answer_ids = _hex_ids(rng, na)
    a_time = created[ans_attempt] + 20_000 * (ans_number + 1)
    a_stamps = _stamps(a_time)
    answers = []
    for k, (att, num, ok, val, mis, p) in enumerate(zip(
            ans_attempt.tolist(), ans_number.tolist(), correct.tolist(), valid.tolist(),
            misconception.tolist(), apick.tolist(), strict=True)):
        answers.append((answer_ids[k], attempt_ids[att], learner_ids[a_learner[att]],
                        steps[a_step[att]]["id"], num + 1, ("numeric", "choice", "shape")[
                            p % 3], p, "What is dC/dw for the tiny network at w = 0.8?",
                        "1.25" if ok else ("" if not val else f"{(p % 40) / 8:g}"), int(val),
                        int(ok), mis, 3.0 + p % 60, a_stamps[k]))

    # Openings (nearly every attempted pair, plus the next step for some who stopped), hints.
    first_of_pair = np.cumsum(counts) - counts
    opened = created[first_of_pair] - rng.integers(10_000, 3_600_000, pairs)
    has_open = rng.random(pairs) < 0.99
    o_stamps = _stamps(opened)
    openings = [(learner_ids[lr], steps[st]["id"], o_stamps[k]) for k, (lr, st, h) in
                enumerate(zip(pair_learner.tolist(), pair_step.tolist(), has_open.tolist(),
                              strict=True)) if h]
    stopped = np.flatnonzero((reach < n_steps) & (rng.random(learners) < 0.5))
    stop_stamps = _stamps(start[stopped] + 200 * 86_400_000)
    openings += [(learner_ids[lr], steps[reach[lr]]["id"], stop_stamps[k])
                 for k, lr in enumerate(stopped.tolist())]
    hint_pairs = np.flatnonzero(~quiz_pair & (rng.random(pairs) < 0.25))
    hint_count = rng.integers(1, 4, hint_pairs.size)
    h_pair = np.repeat(hint_pairs, hint_count)
    h_number = np.arange(h_pair.size) - np.repeat(np.cumsum(hint_count) - hint_count, hint_count)
    h_stamps = _stamps(opened[h_pair] + 5_000 * (h_number + 1))
    h_ids = _hex_ids(rng, h_pair.size)
    hints = [(h_ids[k], learner_ids[pair_learner[p]], steps[pair_step[p]]["id"], num + 1,
              h_stamps[k]) for k, (p, num) in enumerate(zip(h_pair.tolist(), h_number.tolist(),
                                                            strict=True))]
    l_stamps = _stamps(start - 3_600_000)
    people = [(learner_ids[i], f"learner{i:05d}", f"user{i:05d}", l_stamps[i])
              for i in range(learners)]

    # -- write: the real schema (store.connect migrates), then bulk rows in one transaction.
    store.connect(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA journal_mode = OFF")  # a scratch database: no rollback journal
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
        "tbl_name IN ('attempts', 'quiz_answers', 'hints', 'learners')").fetchall()
    conn.execute("BEGIN")
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    conn.executemany("INSERT INTO learners VALUES (?, ?, ?, ?)", people)
    conn.executemany(
        "INSERT INTO attempts (id, learner_id, exercise_id, exercise_hash, created_at, "
        "duration_ms, seed, passed, score, cases_total, cases_passed, diagnosis, "
        "diagnosis_message, error_kind, error_message, failing_case, code_sha256, code, "
        "grader_version, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)", rows)
    conn.executemany("INSERT INTO quiz_answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     answers)
    conn.executemany("INSERT INTO openings VALUES (?, ?, ?)", openings)
    conn.executemany("INSERT INTO hints VALUES (?, ?, ?, ?, ?)", hints)
    conn.executemany("INSERT INTO verified (learner_id, exercise_id, attempt_id, passed, score, "
                     "code_sha256, regraded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", verified)
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")  # back to what the store uses
    conn.close()
    return {"attempts": len(rows), "answers": len(answers), "openings": len(openings),
            "hints": len(hints), "verified": len(verified), "learners": learners}


ROLLUP_SQL = """
DELETE FROM learner_step; DELETE FROM learner_rollup; DELETE FROM step_rollup;
DELETE FROM pass_histogram;
DELETE FROM step_diagnosis; DELETE FROM daily; DELETE FROM learner_day;
DELETE FROM question_rollup; DELETE FROM wrong_answer_rollup;
CREATE TEMP TABLE counted AS
  SELECT learner_id, exercise_id, passed, score, diagnosis, created_at, duration_ms,
         row_number() OVER (PARTITION BY learner_id, exercise_id ORDER BY created_at, id) AS n
  FROM attempts WHERE origin IN ('local', 'notebook') AND error_kind IS NOT 'unfinished';
CREATE INDEX temp.counted_key ON counted (learner_id, exercise_id, n);
CREATE TEMP TABLE last_fail AS
  SELECT learner_id, exercise_id, diagnosis FROM (
    SELECT learner_id, exercise_id, diagnosis,
           row_number() OVER (PARTITION BY learner_id, exercise_id ORDER BY n DESC) AS r
    FROM counted WHERE passed = 0) WHERE r = 1;
CREATE INDEX temp.last_fail_key ON last_fail (learner_id, exercise_id);
INSERT INTO learner_step (learner_id, exercise_id, attempts, failed_attempts, best_score,
                          first_opened_at, first_attempt_at, last_attempt_at, first_pass_at,
                          attempts_to_first_pass, last_diagnosis)
  SELECT g.learner_id, g.exercise_id, g.attempts, g.failed, g.best,
         CASE WHEN o.opened_at IS NULL THEN g.first_at ELSE min(o.opened_at, g.first_at) END,
         g.first_at, g.last_at, g.pass_at, g.pass_n,
         (SELECT f.diagnosis FROM last_fail f
           WHERE f.learner_id = g.learner_id AND f.exercise_id = g.exercise_id)
  FROM (SELECT learner_id, exercise_id, count(*) AS attempts, sum(passed = 0) AS failed,
               max(0.0, max(score)) AS best, min(created_at) AS first_at,
               max(created_at) AS last_at,
               min(CASE WHEN passed THEN created_at END) AS pass_at,
               min(CASE WHEN passed THEN n END) AS pass_n
        FROM counted GROUP BY learner_id, exercise_id) g
  LEFT JOIN openings o ON o.learner_id = g.learner_id AND o.exercise_id = g.exercise_id;
INSERT INTO learner_rollup (learner_id, steps_passed, steps_attempted, attempts,
                            last_activity, hints_used, steps_verified)
  SELECT l.id, coalesce(s.passed, 0), coalesce(s.attempted, 0), coalesce(s.attempts, 0),
         s.last_at, coalesce(h.n, 0), coalesce(v.n, 0)
  FROM learners l
  LEFT JOIN (SELECT learner_id, count(first_pass_at) AS passed, count(*) AS attempted,
                    sum(attempts) AS attempts, max(last_attempt_at) AS last_at
             FROM learner_step GROUP BY learner_id) s ON s.learner_id = l.id
  LEFT JOIN (SELECT learner_id, count(*) AS n FROM hints GROUP BY learner_id) h
    ON h.learner_id = l.id
  LEFT JOIN (SELECT learner_id, sum(passed != 0) AS n FROM verified GROUP BY learner_id) v
    ON v.learner_id = l.id
  WHERE s.learner_id IS NOT NULL OR h.learner_id IS NOT NULL OR v.learner_id IS NOT NULL;
INSERT INTO step_rollup (exercise_id, learners, learners_passed, learners_stuck, attempts,
                         failed_attempts, seconds_to_pass_total)
  SELECT s.exercise_id, count(*), count(s.first_pass_at),
         sum(s.first_pass_at IS NULL AND s.failed_attempts >= :stuck), sum(s.attempts),
         sum(s.failed_attempts),
         coalesce(sum(CASE WHEN s.first_pass_at IS NOT NULL THEN max(0.0,
             ((strftime('%s', s.first_pass_at) - strftime('%s', s.first_opened_at)) * 1000
              + substr(s.first_pass_at, 21, 3) - substr(s.first_opened_at, 21, 3)) / 1000.0)
             + coalesce(c.duration_ms, 0) / 1000.0
         END), 0.0)
  FROM learner_step s LEFT JOIN counted c ON c.learner_id = s.learner_id
    AND c.exercise_id = s.exercise_id AND c.n = s.attempts_to_first_pass
  GROUP BY s.exercise_id;
INSERT INTO pass_histogram
  SELECT exercise_id, attempts_to_first_pass, count(*) FROM learner_step
  WHERE first_pass_at IS NOT NULL GROUP BY exercise_id, attempts_to_first_pass;
INSERT INTO step_diagnosis
  SELECT exercise_id, diagnosis, count(*) FROM counted
  WHERE passed = 0 AND diagnosis IS NOT NULL AND diagnosis != ''
  GROUP BY exercise_id, diagnosis;
INSERT INTO learner_day SELECT DISTINCT substr(created_at, 1, 10), learner_id FROM counted;
INSERT INTO daily
  SELECT substr(created_at, 1, 10), count(*), sum(passed != 0), count(DISTINCT learner_id)
  FROM counted GROUP BY 1;
INSERT INTO question_rollup
  SELECT quiz_id, question_number, count(*), sum(correct != 0) FROM quiz_answers
  WHERE valid = 1 GROUP BY quiz_id, question_number;
INSERT INTO wrong_answer_rollup
  SELECT quiz_id, question_number, coalesce(misconception, answer) AS wrong, count(*)
  FROM quiz_answers
  WHERE valid = 1 AND correct = 0 AND coalesce(misconception, answer) IS NOT NULL
    AND coalesce(misconception, answer) != ''
  GROUP BY quiz_id, question_number, wrong;
DROP TABLE counted;
DROP TABLE last_fail;
"""


def build_rollups(conn: sqlite3.Connection) -> None:
    """Every rollup table from the raw rows in a few set-based statements: the same numbers
    rollups.recompute gives by replaying each attempt (checked by verify_rollups). Assumes the
    timestamps are store.now()'s format (milliseconds, an explicit offset)."""
    from grader.database.rollups import STUCK_AFTER

    conn.execute("BEGIN")
    for statement in ROLLUP_SQL.split(";"):
        if statement.strip():
            conn.execute(statement, {"stuck": STUCK_AFTER} if ":stuck" in statement else {})
    conn.execute("COMMIT")


def snapshot(conn: sqlite3.Connection, where: str = "") -> dict[str, list[tuple]]:
    from grader.database.rollups import ROLLUP_TABLES

    tables = {}
    for table in ROLLUP_TABLES:
        clause = where if table == "learner_step" else ""
        tables[table] = sorted(conn.execute(f"SELECT * FROM {table} {clause}").fetchall(),
                               key=lambda r: tuple("" if v is None else str(v) for v in r))
    return tables


def differences(mine: dict, theirs: dict) -> list[str]:
    found = []
    for table, rows in theirs.items():
        other = mine.get(table, [])
        if len(rows) != len(other):
            found.append(f"{table}: {len(other)} rows vs recompute's {len(rows)}")
            continue
        for a, b in zip(other, rows, strict=True):
            same = all(
                (isinstance(x, float) or isinstance(y, float)) and x is not None
                and y is not None and math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-6)
                or x == y for x, y in zip(a, b, strict=True))
            if not same:
                found.append(f"{table}: {a} vs recompute's {b}")
                break
    return found


def verify_rollups(scratch: Path, big: Path) -> None:
    """(a) A small database from the same generator: set-based rollups vs recompute, every table.
    (b) On the big one: 25 learners' rows copied into a fresh database, recomputed there, and
    their learner_step rows compared with the big database's set-based ones."""
    from grader.database import rollups, store

    small = scratch / "small.db"
    stats = synthesize(small, 200, 40_000, seed=7)
    conn = sqlite3.connect(small, isolation_level=None)
    build_rollups(conn)
    mine = snapshot(conn)
    start = time.perf_counter()
    with store.transaction(conn):
        rollups.recompute(conn)
    recompute_s = time.perf_counter() - start
    theirs = snapshot(conn)
    conn.close()
    problems = small_problems = differences(mine, theirs)
    per_attempt = recompute_s / stats["attempts"]
    say(f"  (a) small database, 200 learners, {stats['attempts']:,} attempts, "
        f"{stats['answers']:,} quiz answers: set-based rollups vs rollups.recompute: "
        + ("all 8 tables identical" if not problems else "DIFFER: " + "; ".join(problems[:3])))
    say(f"      recompute took {recompute_s:.2f} s = {per_attempt * 1e6:.0f} us/attempt, i.e. "
        f"about {per_attempt * ATTEMPTS:.0f} s for {ATTEMPTS:,} (+ the quiz answers): too slow "
        "for this run, hence the SQL")

    sample = scratch / "sample.db"
    store.connect(sample).close()
    conn = sqlite3.connect(sample, isolation_level=None)
    conn.execute("ATTACH ? AS big", (str(big),))
    everyone = [r[0] for r in conn.execute("SELECT id FROM big.learners ORDER BY id")]
    chosen = everyone[::max(1, len(everyone) // 25)][:25]
    marks = ",".join("?" * len(chosen))
    conn.execute("BEGIN")
    for table, column in (("learners", "id"), ("attempts", "learner_id"),
                          ("openings", "learner_id"), ("hints", "learner_id"),
                          ("quiz_answers", "learner_id"), ("verified", "learner_id")):
        conn.execute(f"INSERT INTO main.{table} SELECT * FROM big.{table} "
                     f"WHERE {column} IN ({marks})", chosen)
    rollups.recompute(conn)
    conn.execute("COMMIT")
    where = f"WHERE learner_id IN ({','.join(repr(c) for c in chosen)})"
    theirs = snapshot(conn)["learner_step"]
    mine = sorted(conn.execute(f"SELECT * FROM big.learner_step {where}").fetchall(),
                  key=lambda r: tuple("" if v is None else str(v) for v in r))
    conn.close()
    problems = differences({"learner_step": mine}, {"learner_step": theirs})
    if not theirs:
        problems = ["no learner_step rows in the sample"]
    say(f"  (b) big database, {len(chosen)} learners ({len(theirs)} learner_step rows) recomputed "
        "apart: " + ("identical" if not problems else "DIFFER: " + "; ".join(problems[:3])))
    same = not problems and not small_problems
    SUMMARY.append(("set-based rollups == recompute", "yes" if same else "NO", "identical",
                    verdict(same)))


def time_view(conn: sqlite3.Connection, view: str) -> tuple[float | None, float, str]:
    """(best of 3 in seconds or None when stopped at VIEW_CAP_S, the first run, rows fetched)."""
    times, count = [], "?"
    for _ in range(3):
        deadline = time.perf_counter() + VIEW_CAP_S
        conn.set_progress_handler(lambda d=deadline: int(time.perf_counter() > d), 1_000_000)
        start = time.perf_counter()
        try:
            count = f"{len(conn.execute(f'SELECT * FROM {view}').fetchall()):,}"
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            return None, time.perf_counter() - start, "(stopped)"
        finally:
            conn.set_progress_handler(None, 0)
        times.append(time.perf_counter() - start)
    return min(times), times[0], count


def plan(conn: sqlite3.Connection, view: str) -> str:
    rows = conn.execute(f"EXPLAIN QUERY PLAN SELECT * FROM {view}").fetchall()
    return " | ".join(r[-1] for r in rows)


def bench_views(learners: int, attempts: int) -> None:
    from grader.database import store

    heading(f"4. Instructor views: {attempts:,} attempts from {learners:,} learners")
    scratch = Path(tempfile.mkdtemp(prefix="bench-views-"))
    try:
        path = scratch / "progress.db"
        start = time.perf_counter()
        stats = synthesize(path, learners, attempts, seed=2026)
        built = time.perf_counter() - start
        conn = sqlite3.connect(path, isolation_level=None)
        start = time.perf_counter()
        build_rollups(conn)
        rolled = time.perf_counter() - start
        conn.close()
        size = path.stat().st_size / 2**20
        say(f"  built in {built:.1f} s: {stats['attempts']:,} attempts, {stats['answers']:,} quiz "
            f"answers, {stats['openings']:,} openings, {stats['hints']:,} hints, "
            f"{stats['verified']:,} verified; {size:,.0f} MiB")
        say(f"  rollup tables filled by set-based SQL in {rolled:.1f} s (not rollups.recompute; "
            "checked against it below)")
        verify_rollups(scratch, path)

        conn = store.connect(path)  # as the instructor's commands open it
        say(f"  {'view':<22} {'rows':>8} {'best of 3':>12} {'first':>11}  target < "
            f"{VIEW_TARGET_MS:.0f} ms (a run is stopped after {VIEW_CAP_S:.0f} s)")
        missed = []
        for view in VIEWS:
            best, first, count = time_view(conn, view)
            ok = best is not None and best * 1000 < VIEW_TARGET_MS
            shown = f"{best * 1000:.1f} ms" if best is not None else f"> {VIEW_CAP_S * 1000:.0f} ms"
            say(f"  {view:<22} {count:>8} {shown:>12} {first * 1000:>8.1f} ms  {verdict(ok)}")
            SUMMARY.append((f"view {view}", shown, f"< {VIEW_TARGET_MS:.0f} ms", verdict(ok)))
            if not ok:
                missed.append(view)
        if missed:
            say("  Query plans of the views that missed (EXPLAIN QUERY PLAN, as shipped):")
            for view in missed:
                say(f"    {view}: {plan(conn, view)}")
            start = time.perf_counter()
            conn.execute("ANALYZE")
            analyzed = time.perf_counter() - start
            say(f"  Diagnostic only, not the figure above: after ANALYZE ({analyzed:.1f} s) on "
                "this scratch copy:")
            for view in missed:
                best, _, _ = time_view(conn, view)
                shown = (f"{best * 1000:.1f} ms" if best is not None
                         else f"> {VIEW_CAP_S * 1000:.0f} ms")
                say(f"    {view:<22} {shown:>12}   plan: {plan(conn, view)}")
        conn.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    say(f"  (the database and its scratch folder {scratch} are deleted)")


# -- main --------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (of {', '.join(SECTIONS)})")
    parser.add_argument("--torch-python", help=f"an interpreter with torch (or ${TORCH_ENV})")
    parser.add_argument("--check-runs", type=int, default=15)
    parser.add_argument("--grade-repeats", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--attempts", type=int, default=ATTEMPTS)
    parser.add_argument("--learners", type=int, default=LEARNERS)
    parser.add_argument("--merge-learners", type=int, default=10_000,
                        help="hand-ins in section 2e's class")
    parser.add_argument("--regrade-learners", type=int, default=50,
                        help="learners in section 2c's class (4 submissions each)")
    parser.add_argument("--torch-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.torch_worker:
        torch_worker(*args.torch_worker)
        return
    sys.path.insert(0, str(ROOT))
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    started = time.perf_counter()
    say("learn-backprop benchmarks: python benchmarks/run.py")
    say(time.strftime("run at %Y-%m-%d %H:%M:%S %Z"))
    heading("Machine")
    for key, value in machine().items():
        say(f"  {key:<20} {value}")
    load_at_start = load_average()
    say(f"  {'load average':<20} {load_at_start} (1, 5, 15 min) at the start")
    if os.environ.get("OPENBLAS_CORETYPE") or os.environ.get("OPENBLAS_L2_SIZE"):
        say("  note: OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set here (older OpenBLAS builds need "
            "them on some CPUs);")
        say("  they slow a current numpy. Left as they are for this run; see docs/benchmarks.md.")
    sections = {
        "check": lambda: bench_check(args.check_runs),
        "watch": lambda: bench_watch(saves=10),
        "grading": lambda: bench_grading(args.grade_repeats),
        "regrade": lambda: bench_regrade(max(args.grade_repeats, 9)),
        "throughput": lambda: bench_throughput(args.regrade_learners),
        "merge": lambda: bench_merge(args.merge_learners),
        "training": lambda: bench_training(args.epochs, repeats=3, textbook_repeats=2,
                                           torch_python=args.torch_python),
        "views": lambda: bench_views(args.learners, args.attempts),
    }
    for name in SECTIONS:
        if name not in wanted:
            continue
        try:
            sections[name]()
        except Exception:  # noqa: BLE001 - one broken section must not hide the others' figures
            say(f"  section '{name}' failed:")
            say("  " + traceback.format_exc().replace("\n", "\n  ").rstrip())
            SUMMARY.append((f"section {name}", "failed", "", "SKIP"))
    heading("Summary")
    say(f"  load average at the start {load_at_start}, at the end {load_average()}: other "
        "processes on this machine")
    say("  (a second benchmark, a test suite) slow every figure above; compare runs made on an "
        "idle machine")
    say(f"  {'what':<40} {'figure':>14} {'target':>10}  result")
    for what, figure, target, result in SUMMARY:
        say(f"  {what:<40} {figure:>14} {target:>10}  {result}")
    say(f"  total wall time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
