"""Loading a course: the validated-metadata cache (pydantic only when a file changed), edits
that break a folder, and one broken folder not stopping a class."""

import os
import shutil
import subprocess
import sys

import pytest

from grader.course import spec_model
from grader.course.spec import CasesSpec, Course, Spec
from grader.errors import ExerciseError

from .conftest import FIXTURE_COURSE


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    return root


def test_a_second_load_does_not_import_pydantic(course_copy, tmp_path):
    code = ("import sys; from grader.course.spec import Course; "
            "c = Course.load(__import__('pathlib')"
            f".Path({str(course_copy)!r})); print(len(c), 'pydantic' in sys.modules)")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.stdout.split() == ["4", "True"]  # validated, then cached
    assert second.stdout.split() == ["4", "False"]


def test_an_edit_is_validated_again_even_after_caching(course_copy):
    assert len(Course.load(course_copy)) == 4
    toml = course_copy / "fx01_double" / "exercise.toml"
    toml.write_text(toml.read_text().replace("count = 6", "count = -6"))
    with pytest.raises(ExerciseError, match=r"fx01_double/exercise.toml: field 'cases.count'"):
        Course.load(course_copy)


def test_a_broken_folder_is_skipped_for_learners_and_reported(course_copy):
    (course_copy / "fx02_pair" / "exercise.toml").write_text("id = [\n")
    course = Course.load(course_copy, strict=False)
    assert [e.id for e in course] == ["fx01", "fx03", "fq01"]
    assert any("not valid TOML" in p for p in course.problems)


CODE_STEP = {"id": "ex01", "title": "t", "order": 1, "function": "f", "arguments": ["x"],
             "reference": "m:f", "cases": {"generator": "elementwise"}}
QUIZ = {"id": "q01", "title": "t", "order": 2, "kind": "quiz", "questions": ["a"]}


def test_a_minimal_step_gets_the_specs_defaults():
    from dataclasses import replace

    code = Spec.from_data(spec_model.validate_metadata(CODE_STEP)[0])
    assert code == replace(Spec(id="ex01", title="t", order=1), function="f", arguments=["x"],
                           reference="m:f", cases=CasesSpec(generator="elementwise"))
    quiz = Spec.from_data(spec_model.validate_metadata(QUIZ)[0])
    assert quiz == Spec(id="q01", title="t", order=2, kind="quiz", questions=["a"])


@pytest.mark.parametrize("step,change,problem", [  # worded as the hand-written models worded them
    (CODE_STEP, {"function": None}, "field 'function': Field required"),
    (CODE_STEP, {"questions": ["a"]}, "field 'questions': Extra inputs are not permitted"),
    (QUIZ, {"hints": ["h"]}, "field 'hints': Extra inputs are not permitted"),
    (QUIZ, {"questions": None}, "field 'questions': Field required"),
    (QUIZ, {"questions": ["a", "a"]}, "field 'questions': Value error, question names repeat"),
    (CODE_STEP, {"cases": 3}, "field 'cases': Input should be a valid dictionary or instance of "
                              "Cases"),
    (CODE_STEP, {"cases": {"generator": "g", "count": 0}},
     "field 'cases.count': Input should be greater than or equal to 1"),
    (CODE_STEP, {"tolerance": {"rtol": -1}},
     "field 'tolerance.rtol': Input should be greater than or equal to 0"),
    (CODE_STEP, {"misconceptions": [{"name": "a", "message": "m"}] * 2},
     "field 'misconceptions': Value error, misconception names repeat: a"),
    (CODE_STEP, {"misconceptions": [{"name": "A"}]}, "field 'misconceptions.0.name': String "
     "should match pattern '^[a-z_][a-z0-9_]*$' (and 1 more problem)"),
    (CODE_STEP, {"kind": "qiuz", "title": ""}, "field 'title': String should have at least 1 "
                                               "character (and 1 more problem)"),
])
def test_a_wrong_field_is_named_with_its_problem(step, change, problem):
    raw = {k: v for k, v in {**step, **change}.items() if v is not None}
    assert spec_model.validate_metadata(raw) == (None, problem)


def test_the_id_comes_from_the_folder_name(course_copy):
    assert [e.id for e in Course.load(course_copy)] == ["fx01", "fx02", "fx03", "fq01"]
    toml = course_copy / "fx01_double" / "exercise.toml"
    toml.write_text('id = "fx09"\n' + toml.read_text())
    with pytest.raises(ExerciseError, match="the id comes from the folder's name"):
        Course.load(course_copy)


def test_validate_checks_the_order_against_the_step_numbers(course_copy):
    from grader.course.validate import order_problems

    assert order_problems(Course.load(course_copy)) == []
    toml = course_copy / "fx01_double" / "exercise.toml"
    toml.write_text(toml.read_text().replace("order = 1\n", "order = 99\n"))
    problems = order_problems(Course.load(course_copy))
    assert len(problems) == 1 and "puts fx01 after fx03" in problems[0]


def test_the_real_course_is_in_order():
    from grader.course.validate import order_problems

    assert order_problems(Course.load()) == []
