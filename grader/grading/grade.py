"""Grade one learner file against one exercise: the pipeline

    spec -> cases -> (learner function in the child, reference in the parent) -> comparison
         -> diagnosis -> verdict

Nothing the learner's code does can fake a pass: the child only sends back plain arrays, and
every comparison happens here.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from grader.course.spec import Course, Exercise
from grader.grading.cases import Case, case_parameters, draw_cases
from grader.grading.compare import (
    Outputs,
    as_outputs,
    close,
    compare,
    describe_path,
    error_map,
    format_input,
    format_value,
    input_problem,
    record_error,
    run_error,
)
from grader.grading.diagnose import copy_value, diagnose, error_diagnosis, load_functions
from grader.grading.verdict import Diagnosis, ErrorInfo, FailingCase, Verdict
from grader.pictures import stack
from grader.pictures.layers import layers
from grader.pictures.shapes import shape_mismatch
from grader.running import open_child
from grader.running.child import arrays_in
from grader.running.isolation import Isolation
from grader.running.runner import Child, ChildRun, GraderFault, TamperedFolder
from grader.wording import failures, notes

MAX_SEED = 2**31 - 1
CODE_CAP_BYTES = 256 * 1024  # a step's file; bigger ones are not graded or stored


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED)


def load_reference(exercise: Exercise) -> Callable:
    return exercise.load_callable(exercise.spec.reference, "reference")


def read_submission(path: Path) -> tuple[bytes | None, ErrorInfo | None]:
    """The bytes on disk right now; the same bytes are graded and stored. A file over the cap
    is neither (its size is the reason it failed)."""
    try:
        if path.is_dir():
            return None, ErrorInfo("file", failures.is_a_folder(path))
        with path.open("rb") as handle:
            source = handle.read(CODE_CAP_BYTES + 1)
        if len(source) > CODE_CAP_BYTES:
            return None, too_large(path.stat().st_size)
        return source, None
    except FileNotFoundError:
        return None, ErrorInfo("file", failures.does_not_exist(path))
    except OSError as exc:
        return None, ErrorInfo("file", failures.cannot_read(path, exc.strerror))


def too_large(size: int) -> ErrorInfo:
    return ErrorInfo("file", failures.too_large(size, CODE_CAP_BYTES))


def grade_file(
    exercise: Exercise,
    path: Path,
    seed: int | None = None,
    child: Child | None = None,
    provided: dict[str, Path] | None = None,
    isolation: Isolation | None = None,
    read: Callable[[Path], tuple[bytes | None, ErrorInfo | None]] | None = None,
) -> tuple[Verdict, bytes]:
    """Grade `path` against `exercise`; returns the verdict and the exact bytes graded.

    `child`: one started earlier, to overlap its start-up with the caller's own work.
    `provided`: module name -> file for the earlier steps the learner's file imports (default:
    their reference solutions). `isolation`: how the child is sandboxed (default: a learner's
    practice check). `read`: how a file's bytes are read (default `read_submission`; Gradescope
    passes bytes it read without following links)."""
    seed = new_seed() if seed is None else seed
    started = time.monotonic()
    try:
        # Started first: its interpreter and numpy load while we work.
        with child or open_child(isolation) as running:
            verdict, source = _grade_in(exercise, path, seed, running, provided,
                                        read or read_submission)
    except GraderFault as exc:  # the grader's fault, not the learner's: not graded
        verdict, source = grade_fault(exercise, seed, str(exc)), b""
    verdict.seconds = time.monotonic() - started
    return verdict, source


def grade_fault(exercise: Exercise, seed: int | None, why: str) -> Verdict:
    """The verdict of a grade the grader could not finish: "not graded", never a fail of the
    learner's code (a regrade records nothing of it and tries again)."""
    return Verdict(exercise.spec.id, new_seed() if seed is None else seed, False, 0.0, 0, 0,
                   error=ErrorInfo("not_graded", failures.not_graded(why)))


def _grade_in(exercise: Exercise, path: Path, seed: int, child: Child,
              provided: dict[str, Path] | None, read: Callable) -> tuple[Verdict, bytes]:
    spec = exercise.spec
    started = time.monotonic()
    source, problem = read(path)
    if problem is not None:
        return _failed(spec.id, seed, 0, problem, started), b""
    reference = load_reference(exercise)
    cases = draw_cases(exercise, seed)
    scorer = spec.scorer and exercise.load_callable(spec.scorer, "scorer")
    expected: list[Outputs] = []

    def reference_answers() -> None:  # while the child works on the same cases
        if not scorer:
            expected.extend(expected_outputs(reference, spec, case) for case in cases)

    inputs, arrays = encode_cases(cases, spec.arguments, 0)
    child.write_round(0, arrays)
    child.write_source(source)
    modules = {}
    for number, (name, module_path) in enumerate(_provided(exercise, provided).items()):
        # A learner's own earlier file may not exist yet: then its import fails, clearly.
        source_bytes, _ = read(module_path)
        child.write_source(source_bytes or b"", f"provided_{number}.py")
        modules[name] = {"file": f"provided_{number}.py", "path": str(module_path)}
    run = child.run({
        "display_path": str(path),
        "module_name": path.stem if path.stem.isidentifier() else "submission",
        "function": spec.function,
        "arguments": spec.arguments,
        "returns": len(spec.returns),
        "seed": seed,
        "inputs": inputs,
        "modules": modules,
        "modules_are_learners": spec.uses_learner_code,
    }, spec.time_limit, spec.memory_mb, meanwhile=reference_answers)
    if scorer:
        verdict = judge_by_score(exercise, seed, cases, run, scorer)
    else:
        verdict = judge(exercise, seed, cases, expected, run, reference)
    if verdict.failing_case is not None and verdict.failing_case.kind in SHRINKABLE:
        _shrink(exercise, reference, cases[verdict.failing_case.index], verdict, child)
    return verdict, source


def _failed(exercise_id: str, seed: int, total: int, error: ErrorInfo, started: float) -> Verdict:
    return Verdict(exercise_id, seed, False, 0.0, total, 0, error=error,
                   seconds=time.monotonic() - started)


SHRINKABLE = ("value", "shape", "nonfinite")
MAX_SHRINK_ROUNDS = 12


def expected_outputs(reference: Callable, spec, case: Case) -> Outputs:
    return as_outputs(reference(*[copy_value(case[a]) for a in spec.arguments]),
                      len(spec.returns))


def encode_cases(cases: list[Case], arguments: list[str], number: int) -> tuple[list, dict]:
    """Cases -> (a JSON tree per case, the arrays it names); no pickle crosses to the child."""
    arrays: dict[str, np.ndarray] = {}

    def encode(value, key: str):
        if isinstance(value, np.ndarray):
            arrays[key] = value
            return {"$a": key}
        if isinstance(value, (list, tuple)):
            return [encode(v, f"{key}.{j}") for j, v in enumerate(value)]
        if isinstance(value, np.floating):
            return float(value)
        if isinstance(value, np.integer | np.bool_):
            return value.item()
        if value is None or isinstance(value, bool | int | float | str):
            return value
        raise TypeError(f"a case holds a {type(value).__name__}; generators return numbers, "
                        "strings, None, arrays and lists of them")

    inputs = [[encode(case[name], f"r{number}c{i}.{name}") for name in arguments]
              for i, case in enumerate(cases)]
    return inputs, arrays


def _provided(exercise: Exercise, provided: dict[str, Path] | None) -> dict[str, Path]:
    if provided is not None or not exercise.spec.uses:
        return provided or {}
    return Course.load(exercise.folder.parent, strict=False).provided_modules(exercise)


def _shrink(exercise, reference, case, verdict: Verdict, child: Child) -> None:
    """Re-run the learner's function on ever smaller instances of the failing case, in the same
    child, and show the smallest one that still fails."""
    spec = exercise.spec
    if not spec.cases.shrink:
        _locate(exercise, verdict, case, None, None)
        return
    shrinker = exercise.load_callable(spec.cases.shrink, "cases.shrink")
    current = None
    for number in range(1, MAX_SHRINK_ROUNDS + 1):
        candidates = list(shrinker(current[0] if current else case))
        if not candidates:
            break
        inputs, arrays = encode_cases(candidates, spec.arguments, number)
        try:
            child.write_round(number, arrays)
        except TamperedFolder:
            break  # keep what we have; the verdict already fails
        run = child.run_more(number, inputs)
        if run.status is None:
            break  # out of time, or unreadable: keep what we have
        results = run.status.get("results", [])
        found = None
        for index, candidate in enumerate(candidates):
            record = _record(results, index)
            got = _outputs_for(index, record, run.outputs)
            if got is None or record.get("mutated"):
                continue
            want = expected_outputs(reference, spec, candidate)
            mismatch = compare(want, got, spec.tolerance.rtol, spec.tolerance.atol, spec.returns,
                               spec.per_layer)
            if mismatch is not None and mismatch.kind in SHRINKABLE:
                found = (candidate, want, got, mismatch)
                break
        if found is None:
            break
        current = found
    if current is None:
        _locate(exercise, verdict, case, None, None)
        return
    candidate, want, got, mismatch = current
    original = verdict.failing_case
    verdict.failing_case = replace(
        _show_case(exercise, [candidate], [want], [got], 0, mismatch.message, mismatch.path,
                   mismatch.kind),
        index=original.index, shrunk=True, parameters=original.parameters,
    )
    _locate(exercise, verdict, candidate, want, got)


def _locate(exercise, verdict: Verdict, case, want: Outputs | None, got: Outputs | None) -> None:
    """For per-layer steps: the first wrong layer, counting from the output backwards; the case
    is shown at that layer, with the network drawn."""
    spec = exercise.spec
    if not spec.per_layer or verdict.failing_case is None:
        return
    if want is None:
        want, got = verdict.failing_case_outputs
    if got is None:
        return
    found = locate_layer(want, got, spec.returns, spec.tolerance.rtol, spec.tolerance.atol)
    if found is None:
        return
    verdict.location, layer, count, name_index = found
    shown = verdict.failing_case
    key = f"[{name_index}][{layer}]"
    if list(got) == list(want) and key in want:
        # The problem is said of the layer shown, not of the first wrong value in list order.
        mismatch = compare({key: want[key]}, {key: got[key]}, spec.tolerance.rtol,
                           spec.tolerance.atol, spec.returns, spec.per_layer)
        problem = mismatch.message if mismatch else shown.problem
        again = _show_case(exercise, [case], [want], [got], 0, problem, key, shown.kind)
        shown = replace(again, index=shown.index, shrunk=shown.shrunk)
    verdict.failing_case = replace(shown, picture=stack(shown.picture, layers(count, layer)))


def locate_layer(want: Outputs, got: Outputs, returns: list[str], rtol: float,
                 atol: float) -> tuple[str, int, int, int] | None:
    """(what to say, the first wrong layer from the output backwards, how many layers, which
    returned value is wrong there), or None."""
    layers = sorted({int(p.split("][")[1].rstrip("]")) for p in want if p.count("[") == 2})
    if not layers:
        return None
    count = len(layers)
    for layer in reversed(layers):
        wrong = [
            (j, name) for j, name in enumerate(returns)
            if (key := f"[{j}][{layer}]") in want
            and (key not in got or not close(want[key], got[key], rtol, atol))
        ]
        if wrong:
            text = notes.first_wrong_layer(count - 1 - layer, layer, count,
                                           [name for _, name in wrong])
            return text, layer, count, wrong[0][0]
    return None


def judge(
    exercise: Exercise,
    seed: int,
    cases: list[Case],
    expected: list[Outputs],
    run: ChildRun,
    reference: Callable,
) -> Verdict:
    """Each case's answer against the reference's; a failing verdict shows its first failing
    case and names the slip it looks like."""
    spec = exercise.spec
    total = len(cases)
    verdict = Verdict(spec.id, seed, False, 0.0, total, 0, learner_output=run.stdout)
    if run.output_truncated:
        verdict.notes.append(notes.PRINTED_A_LOT)
    verdict.error = run_error(spec, run)
    if verdict.error is not None:
        return verdict
    results = run.status.get("results", [])
    got = _aligned_outputs(total, results, run.outputs)
    passed_cases, first_failure, verdict.error = _judge_cases(spec, expected, got, results)
    verdict.cases_passed = sum(passed_cases)
    verdict.score = verdict.cases_passed / total if total else 0.0
    verdict.passed = verdict.cases_passed == total and total > 0
    if verdict.passed:
        if spec.vectorized:
            verdict.notes += speed_note(cases, results, reference, spec)
        return verdict
    scalar = [not any(isinstance(v, np.ndarray) for v in case.values()) for case in cases]
    if (any(scalar) and not all(scalar) and passed_cases == scalar
            and (verdict.error is None or verdict.error.kind in ("exception", "output"))):
        verdict.notes.append(notes.SCALARS_NOT_ARRAYS)
    if first_failure is not None:
        _show_first_failure(exercise, verdict, cases, expected, got, first_failure)
    if any(o is not None for o in got):
        verdict.diagnosis = _diagnose(exercise, cases, expected, got, reference)
    declared = {m.name for m in spec.misconceptions}
    changed = verdict.error is not None and verdict.error.kind == "mutation"
    # Changed inputs explain wrong numbers better than a generic detector does.
    if verdict.diagnosis is None or (changed and verdict.diagnosis.name not in declared):
        verdict.diagnosis = (error_diagnosis(verdict.error, cases, spec.arguments)
                             or verdict.diagnosis)
    return verdict


def _judge_cases(spec, expected: list[Outputs], got: list[Outputs | None], results: list
                 ) -> tuple[list[bool], tuple[int, str, str, str] | None, ErrorInfo | None]:
    """Each case right or not; the first failing case to show, as (case, problem, path, kind),
    where a wrong value shows more than no answer; the first error met."""
    passed_cases: list[bool] = []
    first_failure: tuple[int, str, str, str] | None = None
    first_error: ErrorInfo | None = None
    for index, answer in enumerate(got):
        record = _record(results, index)
        problem, path, kind = "no answer", "", "no_answer"
        bad_inputs = input_problem(record, spec.function)
        if answer is None:
            first_error = first_error or record_error(record, spec.function)
        elif bad_inputs is not None:
            problem, kind = bad_inputs[0], "mutation"
            first_error = first_error or bad_inputs[1]
        else:
            mismatch = compare(expected[index], answer, spec.tolerance.rtol,
                               spec.tolerance.atol, spec.returns, spec.per_layer)
            if mismatch is None:
                passed_cases.append(True)
                continue
            problem, path, kind = mismatch.message, mismatch.path, mismatch.kind
        passed_cases.append(False)
        if first_failure is None or (first_failure[3] == "no_answer" and kind != "no_answer"):
            first_failure = (index, problem, path, kind)
    return passed_cases, first_failure, first_error


def _show_first_failure(exercise, verdict: Verdict, cases, expected, got, failure) -> None:
    """The failing case as shown: its inputs, expected and got, and the step's picture of it."""
    index = failure[0]
    verdict.failing_case = replace(_show_case(exercise, cases, expected, got, *failure),
                                   parameters=case_parameters(cases[index]))
    verdict.failing_case_outputs = (expected[index], got[index])
    if exercise.spec.picture:
        draw = exercise.load_callable(exercise.spec.picture, "picture")
        picture = draw(cases[index], *verdict.failing_case_outputs)
        if picture is not None:
            verdict.failing_case = replace(verdict.failing_case, picture=picture)


SLOWER_NOTED = 20.0  # times the reference's time: a loop where the step teaches a matrix
SLOW_FLOOR_SECONDS = 5e-4  # below this a learner's call is too quick to time fairly


def speed_note(cases: list[Case], results: list, reference: Callable, spec) -> list[str]:
    """On the largest cases (at least half the largest's input size): the learner's calls,
    timed in the child, against the reference's, timed here (best of 3): a note when the
    total is 20x the reference's or more."""
    sizes = [sum(a.size for a in arrays_in(list(case.values()))) for case in cases]
    larger = [i for i, size in enumerate(sizes) if sizes and size >= max(sizes) / 2]
    theirs, ours = [], []
    for index in larger:
        seconds = _record(results, index).get("seconds")
        if not isinstance(seconds, float) or not 0 <= seconds < 600:
            return []  # not timed (or a forged record): say nothing
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            expected_outputs(reference, spec, cases[index])
            best = min(best, time.perf_counter() - started)
        theirs.append(seconds)
        ours.append(best)
    if not theirs:
        return []
    mine, yours = sum(ours) / len(ours), sum(theirs) / len(theirs)
    if yours < SLOW_FLOOR_SECONDS or yours < SLOWER_NOTED * mine:
        return []
    return [notes.slower(yours / mine, yours * 1000, mine * 1000)]


def judge_by_score(exercise: Exercise, seed: int, cases: list[Case], run: ChildRun,
                   scorer: Callable) -> Verdict:
    """Steps with no single right answer: the exercise's scorer judges each case's outputs."""
    spec = exercise.spec
    verdict = Verdict(spec.id, seed, False, 0.0, len(cases), 0, learner_output=run.stdout)
    verdict.error = run_error(spec, run)
    if verdict.error is not None:
        return verdict
    results = run.status.get("results", [])
    scores = []
    for index, case in enumerate(cases):
        record = _record(results, index)
        got = _outputs_for(index, record, run.outputs)
        bad_inputs = input_problem(record, spec.function)
        if got is None or bad_inputs is not None:  # the scored path checks inputs like the rest
            error = record_error(record, spec.function) if got is None else bad_inputs[1]
            verdict.error = verdict.error or error
            scores.append(0.0)
            continue
        # (passed, score, message[, picture[, slip]]): a slip is a declared misconception's
        # name, or (name, message) when the message quotes the case's own numbers
        passed, score, message, *extra = scorer(case, got)
        picture, slip = (list(extra) + [None, None])[:2]
        scores.append(float(score))
        if passed:
            verdict.cases_passed += 1
            verdict.notes.append(message)
        elif verdict.failing_case is None:
            verdict.failing_case = FailingCase(index, {}, "", "", message, "score",
                                               picture=picture)
            declared = {m.name: m.message for m in spec.misconceptions}
            if isinstance(slip, tuple) and len(slip) == 2:  # (name, message with its numbers)
                verdict.diagnosis = Diagnosis(str(slip[0]), str(slip[1]))
            elif slip in declared:
                verdict.diagnosis = Diagnosis(slip, declared[slip])
    verdict.score = sum(scores) / len(scores) if scores else 0.0
    verdict.passed = verdict.cases_passed == len(cases) and bool(cases)
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


def _show_case(exercise, cases, expected, got, index, problem, path, kind) -> FailingCase:
    spec = exercise.spec
    case, expected, got = cases[index], expected[index], got[index]
    inputs = {}
    for name in spec.arguments:
        inputs.update(format_input(name, case[name]))
    key = path if path in expected else next(iter(expected))
    want = expected[key]
    name = describe_path(key, spec.returns, spec.per_layer)
    prefix = "" if name == "the result" else f"{name} = "
    have = failures.NO_ANSWER
    emap = None
    digits = 4
    if got is not None:
        if list(got) == list(expected):
            # Enough digits that a wrong value never prints the same as the expected one.
            while digits < 10 and (format_value(want, digits=digits) ==
                                   format_value(got[key], digits=digits)):
                digits += 1
            have = prefix + format_value(got[key], prefix=prefix, digits=digits)
            emap = error_map(want, got[key]) if kind == "value" else None
        else:
            have = ", ".join(f"{describe_path(k, spec.returns, spec.per_layer)} = "
                             f"{format_value(v)}"
                             for k, v in got.items()) or failures.NOTHING
    picture = None
    if kind == "shape" and got is not None and key in got and spec.shape_picture:
        draw = exercise.load_callable(spec.shape_picture, "shape_picture")  # e.g. BP4's blocks
        picture = shape_mismatch(draw, spec.returns, case, key, want.shape, got[key].shape)
    return FailingCase(index, inputs, prefix + format_value(want, prefix=prefix, digits=digits),
                       have, problem, kind, emap, picture=picture)
