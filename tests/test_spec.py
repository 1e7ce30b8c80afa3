"""Loading a course: the validated-metadata cache (pydantic only when a file changed), edits
that break a folder, and one broken folder not stopping a class."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from grader.errors import ExerciseError
from grader.spec import Course

from .conftest import FIXTURE_COURSE


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    return root


def test_a_second_load_does_not_import_pydantic(course_copy, tmp_path):
    code = ("import sys; from grader.spec import Course; c = Course.load(__import__('pathlib')"
            f".Path({str(course_copy)!r})); print(len(c), 'pydantic' in sys.modules)")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.stdout.split() == ["4", "True"]  # validated, then cached
    assert second.stdout.split() == ["4", "False"]


def test_an_edit_is_validated_again_even_after_caching(course_copy):
    assert len(Course.load(course_copy)) == 4
    toml = course_copy / "fx01_double" / "exercise.toml"
    time.sleep(0.01)
    toml.write_text(toml.read_text().replace("count = 6", "count = -6"))
    with pytest.raises(ExerciseError, match=r"fx01_double/exercise.toml: field 'cases.count'"):
        Course.load(course_copy)


def test_a_broken_folder_is_skipped_for_learners_and_reported(course_copy):
    (course_copy / "fx02_pair" / "exercise.toml").write_text("id = [\n")
    course = Course.load(course_copy, strict=False)
    assert [e.id for e in course] == ["fx01", "fx03", "fq01"]
    assert any("not valid TOML" in p for p in course.problems)
