"""`learn validate`: the author's check of an exercise folder (rustlings' `dev check`).

The metadata is valid; the stub fails; the solution passes; each declared misconception, run
through the real grader as if a learner had written it, is diagnosed as itself; and no two
misconceptions (nor one and the right answer) agree on the generated cases; and `learn review`
has something to ask about each slip (grader.course.review_map).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.course.spec import (
    Course,
    Exercise,
    default_exercises_dir,
    is_exercise_folder,
    load_exercise,
    step_number,
)
from grader.errors import ExerciseError
from grader.grading.cases import draw_cases, find_generator
from grader.grading.compare import all_close
from grader.grading.diagnose import evaluate, load_functions
from grader.grading.grade import grade_file, load_reference
from grader.grading.quiz import draw_questions, slip_answers

VALIDATION_SEEDS = (1, 2, 3)


@dataclass
class Report:
    folder: Path
    exercise_id: str | None = None
    problems: list[str] = field(default_factory=list)
    checks: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_path(path: Path | None = None) -> list[Report]:
    """One exercise folder, or every exercise folder under a course folder."""
    if path is not None and is_exercise_folder(path):
        return [validate_exercise(path)]
    if path is not None and not path.is_dir():
        raise ExerciseError(f"{path}: no such folder")
    course_reports: list[Report] = []
    try:
        course = Course.load(path)  # ids and orders across the course
        problems = order_problems(course)
        if problems:
            course_reports.append(Report(path or Path("."), problems=problems))
    except ExerciseError as exc:
        course_reports.append(Report(path or Path("."), problems=[str(exc)]))
    root = path or default_exercises_dir()
    folders = sorted(p for p in root.iterdir() if is_exercise_folder(p))
    return course_reports + [validate_exercise(folder) for folder in folders]


def order_problems(course: Course) -> list[str]:
    """A step's position is written twice, in its folder name and its `order`: steps of one
    kind (ex.., q..) must come in the order of their numbers."""
    problems, last = [], {}
    for exercise in course:  # sorted by `order`
        kind = exercise.id.rstrip("0123456789")
        number = step_number(exercise.id)
        if kind in last and number is not None and number < last[kind][0]:
            problems.append(f"{exercise.folder / 'exercise.toml'}: order {exercise.spec.order} "
                            f"puts {exercise.id} after {last[kind][1]}; give it an order "
                            "between its neighbours' numbers")
        last[kind] = (number, exercise.id)
    return problems


def validate_exercise(folder: Path) -> Report:
    report = Report(folder)
    try:
        exercise = load_exercise(folder)
    except ExerciseError as exc:
        report.problems.append(str(exc))
        return report
    report.exercise_id = exercise.id
    try:
        _check(exercise, report)
    except ExerciseError as exc:
        report.problems.append(str(exc))
    except Exception as exc:  # noqa: BLE001 - an author's bug is a problem to report, not a crash
        report.problems.append(f"{type(exc).__name__}: {exc}")
    return report


def _check_quiz(exercise: Exercise, report: Report) -> None:
    """Every question: its right answer is accepted, each declared slip is rejected with its
    own misconception, and the same seed draws exactly the same question."""
    if not exercise.questions_path.is_file():
        report.problems.append(f"{exercise.folder}: missing questions.py")
        return
    for seed in VALIDATION_SEEDS:
        drawn = draw_questions(exercise, seed)
        replay = draw_questions(exercise, seed)
        for number, (question, again) in enumerate(zip(drawn, replay, strict=True), 1):
            where = f"question {number} (seed {seed})"
            report.checks += 1
            if question.document() != again.document():
                report.problems.append(f"{where} is not the same when replayed")
            if not question.explanation.strip():
                report.problems.append(f"{where} has no explanation")
            result = question.grade(question.right_answer())
            if not result.correct:
                report.problems.append(f"{where}: its own answer {question.right_answer()!r} "
                                       f"is not accepted ({result.message})")
            for text, name in slip_answers(question):
                report.checks += 1
                result = question.grade(text)
                if result.correct or result.misconception != name:
                    got = "right" if result.correct else result.misconception or "no diagnosis"
                    report.problems.append(f"{where}: the slip {name} ({text!r}) gives {got}")


def _check(exercise: Exercise, report: Report) -> None:
    if exercise.is_quiz:
        _check_quiz(exercise, report)
        return
    find_generator(exercise)
    reference = load_reference(exercise)
    seed = _check_stub_and_solution(exercise, report)
    _check_review(exercise, report)
    names = [m.name for m in exercise.spec.misconceptions]
    if not names:
        return
    functions = load_functions(exercise.misconceptions_path, names)
    _check_each_slip_is_diagnosed(exercise, report, names, seed)
    _check_no_two_slips_agree(exercise, report, functions, reference)


def _check_review(exercise: Exercise, report: Report) -> None:
    """What `learn review` asks about each slip: every declared slip has something, and each
    question its [review] table names marks the slip's answer with the slip's name."""
    from grader.course.review_map import check_declarations

    course = Course.load(exercise.folder.parent, strict=False)  # the steps its table names
    checks, problems = check_declarations(course, exercise)
    report.checks += checks
    report.problems += problems


def _check_stub_and_solution(exercise: Exercise, report: Report) -> int:
    """The stub fails and the solution passes on every seed. Returns the seed the solution was
    last graded with (the first if there is no solution): the slips are graded with it."""
    seed = VALIDATION_SEEDS[0]
    verdict, _ = grade_file(exercise, exercise.starter_path, seed=seed)
    report.checks += 1
    if verdict.passed:
        report.problems.append("the stub (starter.py) passes; it must fail")
    if not exercise.solution_path.is_file():
        report.problems.append(f"{exercise.folder}: missing solution.py")
        return seed
    for seed in VALIDATION_SEEDS:
        verdict, _ = grade_file(exercise, exercise.solution_path, seed=seed)
        report.checks += 1
        if not verdict.passed:
            reason = verdict.error.message if verdict.error else (
                verdict.failing_case.problem if verdict.failing_case else "failed")
            report.problems.append(f"solution.py fails with seed {seed}: {reason}")
            break
    return seed


def _check_each_slip_is_diagnosed(exercise: Exercise, report: Report, names: list[str],
                                  seed: int) -> None:
    """Each misconception, written as a learner's file, fails with its own diagnosis."""
    source = exercise.misconceptions_path.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="learn-validate-") as scratch:
        for name in names:
            learner_file = Path(scratch) / exercise.learner_filename
            learner_file.write_text(f"{source}\n\n{exercise.spec.function} = {name}\n",
                                    encoding="utf-8")
            verdict, _ = grade_file(exercise, learner_file, seed=seed)
            report.checks += 1
            got = verdict.diagnosis.name if verdict.diagnosis else "no diagnosis"
            if verdict.passed:
                report.problems.append(f"misconception '{name}' passes the grader")
            elif got != name:
                report.problems.append(f"misconception '{name}' is diagnosed as '{got}'")


def _check_no_two_slips_agree(exercise: Exercise, report: Report, functions: dict,
                              reference) -> None:
    """No two misconceptions, nor one and the right answer, agree on every case of a seed: the
    grader could not tell them apart."""
    spec = exercise.spec
    for seed in VALIDATION_SEEDS:
        cases = draw_cases(exercise, seed)
        parts = len(spec.returns)
        outputs = {n: evaluate(f, cases, spec.arguments, parts) for n, f in functions.items()}
        outputs["(the right answer)"] = evaluate(reference, cases, spec.arguments, parts)
        keys = list(outputs)
        for i, first in enumerate(keys):
            for second in keys[i + 1:]:
                report.checks += 1
                pairs = zip(outputs[first], outputs[second], strict=True)
                if all(a is not None and b is not None and
                       all_close(a, b, spec.tolerance.rtol, spec.tolerance.atol) for a, b in pairs):
                    report.problems.append(
                        f"misconceptions '{first}' and '{second}' agree on every case (seed {seed})"
                    )
