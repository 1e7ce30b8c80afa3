"""Every exercise of the course: valid metadata, the stub fails, the solution passes, and each
declared misconception, written as a learner file, gets its own diagnosis (learn validate)."""

import pytest

from grader.course.spec import Course
from grader.course.validate import validate_exercise

pytestmark = pytest.mark.slow  # validates every exercise folder of the course

COURSE = Course.load()
CODE_STEPS = [e for e in COURSE if not e.is_quiz]
QUIZZES = [e for e in COURSE if e.is_quiz]


def test_course_loads_in_ladder_order():
    ids = [e.id for e in COURSE]
    assert ids[:5] == ["ex01", "ex02", "ex03", "ex04", "ex05"]
    orders = [e.spec.order for e in COURSE]
    assert orders == sorted(orders)


@pytest.mark.parametrize("exercise", COURSE.exercises, ids=lambda e: e.id)
def test_exercise_validates(exercise):
    report = validate_exercise(exercise.folder)
    assert report.problems == []
    assert report.checks >= 2 + len(getattr(exercise.spec, "misconceptions", []))


@pytest.mark.parametrize("exercise", CODE_STEPS, ids=lambda e: e.id)
def test_exercise_teaching_material(exercise):
    spec = exercise.spec
    assert 2 <= len(spec.hints) <= 3
    assert f"`{spec.function}(" in exercise.instructions
    assert "NotImplementedError" in exercise.starter_path.read_text()
    assert spec.notice and exercise.explain_path.is_file()
    assert exercise.instructions.splitlines()[0].startswith(f"# {spec.id}")
    for used in spec.uses:  # a step imports only earlier ones
        assert COURSE.resolve(used).spec.order < spec.order


FIRST_STEP_MISCONCEPTIONS = {
    "ex03": {"two_a_minus_y", "half_cost_derivative", "flipped_sign"},
    "ex04": {"missing_x", "flipped_sign", "half_cost_gradient"},
    "ex05": {"gradient_ascent"},
}


@pytest.mark.parametrize("exercise_id,required", FIRST_STEP_MISCONCEPTIONS.items())
def test_required_misconceptions_are_declared(exercise_id, required):
    declared = {m.name for m in COURSE.resolve(exercise_id).spec.misconceptions}
    assert required <= declared


def test_the_ladder_has_twenty_code_steps_and_a_dozen_quizzes():
    assert len(CODE_STEPS) >= 20
    assert len(QUIZZES) >= 12
    assert sum(len(q.spec.questions) for q in QUIZZES) >= 40


def test_quizzes_never_sit_inside_the_first_five_steps():
    first_five = [COURSE.resolve(f"ex0{n}").spec.order for n in range(1, 6)]
    assert COURSE.exercises[0].id == "ex01"
    for quiz in QUIZZES:
        assert quiz.spec.order > max(first_five)
