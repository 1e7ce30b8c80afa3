"""Grade one learner file against one exercise: the pipeline

    spec -> cases -> (learner function in the child, reference in the parent) -> comparison
         -> diagnosis -> verdict

Nothing the learner's code does can fake a pass: the child only sends back plain arrays, and
every comparison happens here.
"""

from __future__ import annotations

import importlib
import importlib.util
import secrets
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from grader.cases import Case, draw_cases
from grader.compare import (
    Outputs,
    as_outputs,
    compare,
    describe_path,
    error_map,
    format_value,
)
from grader.diagnose import diagnose, load_functions
from grader.errors import ExerciseError
from grader.runner import Child, ChildRun
from grader.spec import Exercise
from grader.verdict import Diagnosis, ErrorInfo, FailingCase, Verdict

MAX_SEED = 2**31 - 1


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED)


def load_reference(exercise: Exercise) -> Callable:
    """`module:function`, or `file.py:function` relative to the exercise folder."""
    target, _, name = exercise.spec.reference.partition(":")
    try:
        if target.endswith(".py"):
            path = exercise.folder / target
            spec = importlib.util.spec_from_file_location(f"_reference_{exercise.slug}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        else:
            module = importlib.import_module(target)
        function = getattr(module, name)
    except (ImportError, AttributeError, FileNotFoundError) as exc:
        raise ExerciseError(
            f"{exercise.folder / 'exercise.toml'}: field 'reference': "
            f"cannot load '{exercise.spec.reference}' ({exc})"
        ) from None
    return function


def read_submission(path: Path) -> tuple[bytes | None, ErrorInfo | None]:
    """The bytes on disk right now; the same bytes are graded and stored."""
    try:
        if path.is_dir():
            return None, ErrorInfo("file", f"{path} is a folder, not a Python file")
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, ErrorInfo("file", f"{path} does not exist")
    except OSError as exc:
        return None, ErrorInfo("file", f"{path} cannot be read ({exc.strerror})")


def grade_file(
    exercise: Exercise, path: Path, seed: int | None = None, child: Child | None = None
) -> tuple[Verdict, bytes]:
    """Grade `path` against `exercise`; returns the verdict and the exact bytes graded.

    Pass a `child` started earlier to overlap its start-up with the caller's own work."""
    seed = new_seed() if seed is None else seed
    spec = exercise.spec
    started = time.monotonic()
    child = child or Child()  # started first: its interpreter and numpy load while we work
    with child:
        source, problem = read_submission(path)
        if problem is not None:
            return _failed(spec.id, seed, 0, problem, started), b""
        reference = load_reference(exercise)
        cases = draw_cases(
            spec.cases.generator, seed, dict(spec.cases.params), spec.arguments, spec.cases.count
        )
        parts = len(spec.returns)
        expected = [as_outputs(reference(*[_copy(c[a]) for a in spec.arguments]), parts)
                    for c in cases]
        child.write_inputs(_pack(cases), source)
        run = child.run({
            "display_path": str(path),
            "module_name": path.stem if path.stem.isidentifier() else "submission",
            "function": spec.function,
            "arguments": spec.arguments,
            "returns": len(spec.returns),
            "cases": len(cases),
            "seed": seed,
        }, spec.time_limit, spec.memory_mb)
    verdict = judge(exercise, seed, cases, expected, run, reference)
    verdict.seconds = time.monotonic() - started
    return verdict, source


def _copy(value):
    return value.copy() if isinstance(value, np.ndarray) else value


def _pack(cases: list[Case]) -> dict[str, np.ndarray]:
    return {f"c{i}.{name}": np.asarray(value) for i, case in enumerate(cases)
            for name, value in case.items()}


def _failed(exercise_id: str, seed: int, total: int, error: ErrorInfo, started: float) -> Verdict:
    return Verdict(exercise_id, seed, False, 0.0, total, 0, error=error,
                   seconds=time.monotonic() - started)


def judge(
    exercise: Exercise,
    seed: int,
    cases: list[Case],
    expected: list[Outputs],
    run: ChildRun,
    reference: Callable,
) -> Verdict:
    spec = exercise.spec
    total = len(cases)
    verdict = Verdict(spec.id, seed, False, 0.0, total, 0, learner_output=run.stdout)
    if run.output_truncated:
        verdict.notes.append("Your code printed a lot; only the beginning is shown.")
    error = _run_error(exercise, run)
    if error is not None:
        verdict.error = error
        return verdict
    results = run.status.get("results", [])
    got = _aligned_outputs(total, results, run.outputs)
    passed_cases: list[bool] = []
    first_failure: tuple[int, str, str, str] | None = None  # case, problem, path, kind
    first_error: ErrorInfo | None = None
    for index in range(total):
        record = _record(results, index)
        problem, path, kind = "no answer", "", "no_answer"
        if got[index] is None:
            first_error = first_error or _record_error(record, spec.function)
        elif record.get("mutated"):
            changed = ", ".join(record["mutated"])
            problem, kind = f"changed its input {changed} in place", "mutation"
            first_error = first_error or ErrorInfo(
                "mutation",
                f"{spec.function} changed its argument {changed} in place: "
                "compute a new value instead of writing into the inputs",
            )
        else:
            mismatch = compare(expected[index], got[index], spec.tolerance.rtol,
                               spec.tolerance.atol, spec.returns)
            if mismatch is None:
                verdict.cases_passed += 1
                passed_cases.append(True)
                continue
            problem, path = mismatch.message, mismatch.path
            kind = mismatch.kind
        passed_cases.append(False)
        first_failure = first_failure or (index, problem, path, kind)
    verdict.score = verdict.cases_passed / total if total else 0.0
    verdict.passed = verdict.cases_passed == total and total > 0
    if verdict.passed:
        return verdict
    verdict.error = first_error
    scalar = [not any(isinstance(v, np.ndarray) for v in case.values()) for case in cases]
    if any(scalar) and not all(scalar) and passed_cases == scalar:
        verdict.notes.append(
            "Your function is right on single numbers but not on numpy arrays: use operators "
            "such as * and ** (or numpy functions), not `math` functions or `float()`, so that "
            "it works entry by entry."
        )
    if first_failure is not None:
        verdict.failing_case = _show_case(spec, cases, expected, got, *first_failure)
    if any(o is not None for o in got):
        verdict.diagnosis = _diagnose(exercise, cases, expected, got, reference)
    return verdict


def _outputs_for(index: int, record: dict, arrays: dict[str, np.ndarray]) -> Outputs | None:
    paths = record.get("paths")
    if not isinstance(paths, list) or "error" in record:
        return None
    outputs = {}
    for path in paths:
        key = f"c{index}|{path}"
        if not isinstance(path, str) or key not in arrays:
            return None
        array = arrays[key]
        if array.dtype != np.float64:
            return None
        outputs[path] = array
    return outputs


def _record(results: list, index: int) -> dict:
    record = results[index] if index < len(results) else {}
    return record if isinstance(record, dict) else {}


def _aligned_outputs(total: int, results: list, arrays: dict) -> list[Outputs | None]:
    return [_outputs_for(i, _record(results, i), arrays) for i in range(total)]


def _diagnose(exercise, cases, expected, got, reference) -> Diagnosis | None:
    spec = exercise.spec
    declared = []
    if spec.misconceptions:
        functions = load_functions(exercise.misconceptions_path,
                                   [m.name for m in spec.misconceptions])
        declared = [(Diagnosis(m.name, m.message), functions[m.name])
                    for m in spec.misconceptions]
    return diagnose(got=got, expected=expected, cases=cases, arguments=spec.arguments,
                    parts=len(spec.returns),
                    rtol=spec.tolerance.rtol, atol=spec.tolerance.atol,
                    misconceptions=declared, reference=reference)


def _show_case(spec, cases, expected, got, index, problem, path, kind) -> FailingCase:
    case, expected, got = cases[index], expected[index], got[index]
    inputs = {name: format_value(case[name]) for name in spec.arguments}
    key = path if path in expected else next(iter(expected))
    want = expected[key]
    name = describe_path(key, spec.returns)
    prefix = "" if name == "the result" else f"{name} = "
    have = "(no answer)"
    emap = None
    if got is not None:
        if list(got) == list(expected):
            have = prefix + format_value(got[key])
            emap = error_map(want, got[key]) if kind == "value" else None
        else:
            have = ", ".join(f"{describe_path(k, spec.returns)} = {format_value(v)}"
                             for k, v in got.items()) or "(nothing)"
    return FailingCase(index, inputs, prefix + format_value(want), have, problem, kind, emap)


def _record_error(record: dict, function: str) -> ErrorInfo:
    error = record.get("error") if isinstance(record.get("error"), dict) else {}
    kind = error.get("kind", "output")
    if kind == "output":
        return ErrorInfo("output", f"{function} {error.get('message', 'returned nothing usable')}")
    return _exception_info(error, function, during="call")


def _exception_info(error: dict, function: str, during: str) -> ErrorInfo:
    kind = error.get("kind", "exception")
    name = error.get("type", "Exception")
    message = str(error.get("message", ""))
    details = str(error.get("traceback", ""))
    where = f"{function}" if during == "call" else "your file, while importing it,"
    if kind == "not_implemented":
        return ErrorInfo("not_implemented",
                         f"{function} is not written yet: replace the `raise NotImplementedError` "
                         "with your code", details)
    if kind == "exit":
        code = f": {message}" if message else ""
        return ErrorInfo("exit", f"{where} called exit ({name}{code}); return a value instead",
                         details)
    if kind == "memory":
        return ErrorInfo("memory", f"{where} ran out of memory (MemoryError)", details)
    label = "import" if during == "import" else "exception"
    text = f"{where} raised {name}" + (f": {message}" if message else "")
    return ErrorInfo(label, text, details)


def _run_error(exercise: Exercise, run: ChildRun) -> ErrorInfo | None:
    spec = exercise.spec
    if run.timed_out:
        return ErrorInfo("timeout", f"stopped after {spec.time_limit:g} s (the time limit): "
                         "look for a loop that never ends")
    status = run.status
    if status is None:
        if run.signal_name == "SIGXCPU":
            return ErrorInfo("timeout", "stopped: used more CPU time than allowed")
        if run.signal_name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT"):
            return ErrorInfo("crash", f"the Python process crashed ({run.signal_name})",
                             run.stderr[-800:])
        if run.signal_name:
            return ErrorInfo("crash", f"the Python process was killed ({run.signal_name})",
                             run.stderr[-800:])
        if "MemoryError" in run.stderr:
            return ErrorInfo("memory", "ran out of memory (the limit is "
                             f"{spec.memory_mb} MB)", run.stderr[-800:])
        return ErrorInfo("exit", f"the code exited (exit code {run.returncode}) before "
                         f"{spec.function} returned its answers", run.stderr[-800:])
    error = status.get("error")
    if not isinstance(error, dict):
        return None
    kind = error.get("kind")
    if kind == "syntax":
        return ErrorInfo("syntax", f"syntax error: {error.get('message', '')}",
                         str(error.get("traceback", "")))
    if kind == "missing_function":
        defined = [str(n) for n in error.get("defined", [])][:8]
        found = f" (it defines: {', '.join(defined)})" if defined else ""
        return ErrorInfo("missing_function",
                         f"your file has no function named `{spec.function}`{found}")
    if kind == "output":
        return ErrorInfo("output", str(error.get("message", "could not read the results")))
    if status.get("stage") in ("import", "lookup"):
        return _exception_info(error, spec.function, during="import")
    return _exception_info(error, spec.function, during="call")
