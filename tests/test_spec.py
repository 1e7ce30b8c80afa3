"""Loading a course: the validated-metadata cache (pydantic only when a file changed), edits
that break a folder, and one broken folder not stopping a class."""

import os
import shutil
import subprocess
import sys

import pytest

from grader.course import spec_model
from grader.course.spec import CasesSpec, Course, Misconception, Spec, Tolerance
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


def _fields(dataclass) -> set[str]:
    from dataclasses import fields

    return {f.name for f in fields(dataclass)}


def test_the_typed_spec_has_exactly_the_models_fields_and_defaults():
    from dataclasses import MISSING, fields

    assert _fields(Spec) == (set(spec_model.ExerciseSpec.model_fields)
                             | set(spec_model.QuizSpec.model_fields))
    assert _fields(CasesSpec) == set(spec_model.Cases.model_fields)
    assert _fields(Tolerance) == set(spec_model.Tolerance.model_fields)
    assert _fields(Misconception) == set(spec_model.Misconception.model_fields)
    models = {**spec_model.QuizSpec.model_fields, **spec_model.ExerciseSpec.model_fields}
    for field in fields(Spec):
        model = models[field.name]
        if model.is_required() or field.name == "kind":
            continue
        default = (field.default_factory() if field.default_factory is not MISSING
                   else field.default)
        wanted = model.get_default(call_default_factory=True)
        assert default == (Tolerance(**wanted.model_dump()) if field.name == "tolerance"
                           else wanted), field.name


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
