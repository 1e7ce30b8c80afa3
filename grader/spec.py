"""Exercise folders: the pydantic model of `exercise.toml` and loading a course from disk.

An exercise folder is the single source of truth: `exercise.toml` (metadata), `README.md`
(instructions), `starter.py` (the stub the learner edits), `solution.py` (a correct learner-style
file, graded like any submission), `explain.py` (`explain(rng) -> str`, a worked example computed
by the reference engine) and, for code steps with declared slips, `misconceptions.py`. A folder
may also hold its own case generator (`generator = "cases.py:generate"`) and reference
(`reference = "reference_x.py:fn"`).
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from grader.errors import ExerciseError

FORMAT_VERSION = 1
METADATA_FILE = "exercise.toml"
STUB_FILE = "starter.py"
SOLUTION_FILE = "solution.py"
MISCONCEPTIONS_FILE = "misconceptions.py"
EXPLAIN_FILE = "explain.py"
QUESTIONS_FILE = "questions.py"
INSTRUCTIONS_FILE = "README.md"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cases(Strict):
    """How the grader draws the randomized cases of an attempt."""

    generator: str = Field(description="a name in grader.cases.GENERATORS, or file.py:function")
    count: int = Field(20, ge=1, le=10_000)
    shrink: str | None = Field(
        None, description="file.py:function giving smaller instances of a failing case"
    )
    params: dict[str, list[float] | float | int | str | bool] = Field(default_factory=dict)


class Tolerance(Strict):
    rtol: float = Field(1e-6, ge=0)
    atol: float = Field(1e-9, ge=0)


class Misconception(Strict):
    """A named wrong variant: a function of the same name in misconceptions.py."""

    name: str = Field(pattern=r"^[a-z_][a-z0-9_]*$")
    message: str = Field(min_length=1)


class StepSpec(Strict):
    """What every step of the ladder has, code step or quiz."""

    format_version: Literal[1] = FORMAT_VERSION
    id: str = Field(pattern=r"^[a-z]+[0-9]+[a-z]?$")
    title: str = Field(min_length=1)
    order: int = Field(description="position along the ladder; unique across the course")
    stage: str = ""
    prerequisites: list[str] = Field(default_factory=list)


class QuizSpec(StepSpec):
    """A quiz: its questions are functions of questions.py, each `name(rng) -> Question`."""

    kind: Literal["quiz"]
    questions: list[str] = Field(min_length=1)
    pass_threshold: float = Field(0.75, gt=0, le=1, description="share of right answers")

    @field_validator("questions")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("question names repeat")
        return value


class ExerciseSpec(StepSpec):
    """A code step: the learner writes `function`, graded against `reference`."""

    kind: Literal["code"] = "code"
    function: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    arguments: list[str] = Field(min_length=1)
    returns: list[str] = Field(
        default_factory=lambda: ["result"],
        description="names of the returned values; more than one means a tuple",
    )
    reference: str = Field(description="module:function computing the right answer")
    scorer: str | None = Field(
        None, description="file.py:function grading the outputs directly, for steps with no "
        "single right answer (the capstone's trained network): scorer(case, outputs) -> "
        "(passed, score, message)",
    )
    cases: Cases
    tolerance: Tolerance = Tolerance()
    time_limit: float = Field(5.0, gt=0, le=600, description="seconds, wall clock")
    memory_mb: int = Field(1024, ge=128, le=16384)
    uses: list[str] = Field(
        default_factory=list,
        description="earlier steps the learner's file imports (`from ex15_layer_forward import "
        "layer_forward`); graded with their reference solutions, so one old bug does not fail "
        "every later step",
    )
    uses_learner_code: bool = Field(
        False, description="the capstone: `uses` resolves to the learner's own files instead"
    )
    per_layer: bool = Field(
        False, description="each returned value is a list with one entry per layer; a wrong "
        "answer is located layer by layer from the output backwards",
    )
    hints: list[str] = Field(default_factory=list)
    notice: str = Field("", description="what to notice in the solution (learn solution)")
    misconceptions: list[Misconception] = Field(default_factory=list)

    @field_validator("misconceptions")
    @classmethod
    def _unique_names(cls, value: list[Misconception]) -> list[Misconception]:
        names = [m.name for m in value]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise ValueError(f"misconception names repeat: {', '.join(sorted(duplicates))}")
        return value


class Exercise:
    """A loaded exercise folder. Paths are derived from the folder, never stored twice."""

    def __init__(self, folder: Path, spec: ExerciseSpec | QuizSpec):
        self.folder = folder
        self.spec = spec

    @property
    def is_quiz(self) -> bool:
        return self.spec.kind == "quiz"

    @property
    def questions_path(self) -> Path:
        return self.folder / QUESTIONS_FILE

    def __repr__(self) -> str:
        return f"Exercise({self.folder.name!r})"

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def slug(self) -> str:
        """The folder name, e.g. `ex03_cost_derivative`; the learner's file is `<slug>.py`."""
        return self.folder.name

    @property
    def learner_filename(self) -> str:
        return f"{self.slug}.py"

    @property
    def starter_path(self) -> Path:
        return self.folder / STUB_FILE

    @property
    def solution_path(self) -> Path:
        return self.folder / SOLUTION_FILE

    @property
    def misconceptions_path(self) -> Path:
        return self.folder / MISCONCEPTIONS_FILE

    @property
    def explain_path(self) -> Path:
        return self.folder / EXPLAIN_FILE

    @property
    def module_name(self) -> str:
        """What later steps import it as: `from ex15_layer_forward import layer_forward`."""
        return self.slug

    @property
    def instructions(self) -> str:
        return (self.folder / INSTRUCTIONS_FILE).read_text(encoding="utf-8")

    def load_module(self, module_name: str, field: str):
        """`file.py` in this folder (trusted code), or an importable module name."""
        import importlib
        import importlib.util

        try:
            if not module_name.endswith(".py"):
                return importlib.import_module(module_name)
            path = self.folder / module_name
            if not path.is_file():
                raise FileNotFoundError(f"no file {path.name} in the folder")
            unique = f"_exercise_{self.slug}_{path.stem}"
            spec = importlib.util.spec_from_file_location(unique, path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
        except (ImportError, FileNotFoundError, SyntaxError) as exc:
            raise ExerciseError(
                f"{self.folder / METADATA_FILE}: field '{field}': cannot load '{module_name}' "
                f"({exc})"
            ) from None

    def load_callable(self, target: str, field: str):
        """`module:function`, or `file.py:function` relative to this folder (trusted code)."""
        module_name, _, name = target.partition(":")
        module = self.load_module(module_name, field)
        try:
            function = getattr(module, name)
        except AttributeError as exc:
            raise ExerciseError(
                f"{self.folder / METADATA_FILE}: field '{field}': cannot load '{target}' ({exc})"
            ) from None
        if not callable(function):
            raise ExerciseError(f"{self.folder / METADATA_FILE}: field '{field}': "
                                f"'{target}' is not a function")
        return function

    @cached_property
    def content_hash(self) -> str:
        """sha256 over every file of the folder, so an attempt names the exact version graded."""
        digest = hashlib.sha256()
        for path in sorted(p for p in self.folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(self.folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
        return digest.hexdigest()


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = len(error.errors()) - 1
    tail = f" (and {more} more problem{'s' * (more > 1)})" if more else ""
    return f"field '{field}': {first['msg']}{tail}"


def load_exercise(folder: Path) -> Exercise:
    """Read and validate one exercise folder; errors name the file and the field."""
    metadata = folder / METADATA_FILE
    try:
        raw = tomllib.loads(metadata.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExerciseError(f"{metadata}: missing (every exercise folder needs one)") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ExerciseError(f"{metadata}: not valid TOML: {exc}") from None
    model = QuizSpec if isinstance(raw, dict) and raw.get("kind") == "quiz" else ExerciseSpec
    try:
        spec = model.model_validate(raw)
    except ValidationError as exc:
        raise ExerciseError(f"{metadata}: {_describe(exc)}") from None
    required_files = (QUESTIONS_FILE,) if spec.kind == "quiz" else (STUB_FILE,)
    for required in (*required_files, INSTRUCTIONS_FILE):
        if not (folder / required).is_file():
            raise ExerciseError(f"{folder}: missing {required}")
    if spec.kind == "code" and spec.misconceptions and not (folder / MISCONCEPTIONS_FILE).is_file():
        raise ExerciseError(f"{folder}: declares misconceptions but has no {MISCONCEPTIONS_FILE}")
    return Exercise(folder, spec)


def default_exercises_dir() -> Path:
    override = os.environ.get("LEARN_EXERCISES")
    if override:
        return Path(override).expanduser()
    import exercises

    return Path(exercises.__file__).parent


def is_exercise_folder(path: Path) -> bool:
    return path.is_dir() and (path / METADATA_FILE).is_file()


class Course:
    """Every exercise of a folder, in ladder order."""

    def __init__(self, exercises: list[Exercise]):
        self.exercises = sorted(exercises, key=lambda e: (e.spec.order, e.id))
        self._by_id = {e.id: e for e in self.exercises}
        self.problems: list[str] = []

    @classmethod
    def load(cls, root: Path | None = None, strict: bool = True) -> Course:
        """Every exercise folder under `root`. Strict (for authors) raises on the first broken
        folder; otherwise broken folders are skipped and listed in `problems`, so one bad
        folder in a course does not stop a class."""
        root = root or default_exercises_dir()
        if not root.is_dir():
            raise ExerciseError(f"{root}: no such exercises folder")
        problems: list[str] = []

        def fail(message: str) -> None:
            if strict:
                raise ExerciseError(message)
            problems.append(message)

        loaded: list[Exercise] = []
        seen: dict[str, Path] = {}
        orders: dict[int, str] = {}
        for folder in sorted(p for p in root.iterdir() if is_exercise_folder(p)):
            try:
                exercise = load_exercise(folder)
            except ExerciseError as exc:
                fail(str(exc))
                continue
            if exercise.id in seen:
                fail(f"{exercise.folder}: id '{exercise.id}' is also used by {seen[exercise.id]}")
                continue
            if exercise.spec.order in orders:
                fail(f"{exercise.folder / METADATA_FILE}: field 'order': {exercise.spec.order} "
                     f"is also used by {orders[exercise.spec.order]}")
                continue
            seen[exercise.id] = exercise.folder
            orders[exercise.spec.order] = exercise.id
            loaded.append(exercise)
        course = cls(loaded)
        course.problems = problems
        for exercise in course.exercises:
            for prerequisite in exercise.spec.prerequisites:
                if prerequisite not in course._by_id:
                    fail(f"{exercise.folder / METADATA_FILE}: field 'prerequisites': "
                         f"unknown exercise '{prerequisite}'")
        return course

    def __iter__(self):
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def resolve(self, name: str) -> Exercise:
        """Accept `ex03`, `3`, `03` or the folder name `ex03_cost_derivative`."""
        text = name.strip().lower()
        if text in self._by_id:
            return self._by_id[text]
        prefix = text.rstrip("0123456789")
        for exercise in self.exercises:
            if exercise.slug == text or exercise.slug == text.removesuffix(".py"):
                return exercise
            same_prefix = exercise.id.rstrip("0123456789") == prefix
            if (text.isdigit() or same_prefix) and _number(text) == _number(exercise.id):
                return exercise  # `3`, `ex3` and `ex03` all name ex03
        raise UnknownExercise(name, self.suggestions(text))

    def provided_modules(self, exercise: Exercise, learner_files=None) -> dict[str, Path]:
        """Module name -> source for every earlier step `exercise` uses, transitively: their
        reference solutions, or (capstone) the learner's own files via `learner_files(ex)`."""
        found: dict[str, Path] = {}
        pending = list(getattr(exercise.spec, "uses", []))
        while pending:
            used = self.resolve(pending.pop())
            if used.module_name in found:
                continue
            found[used.module_name] = (learner_files(used) if learner_files
                                       else used.solution_path)
            pending += used.spec.uses
        return found

    def suggestions(self, text: str) -> list[str]:
        import difflib

        names = [e.id for e in self.exercises] + [e.slug for e in self.exercises]
        close = difflib.get_close_matches(text, names, n=3, cutoff=0.5)
        ids = []
        for candidate in close:
            found = next(e.id for e in self.exercises if candidate in (e.id, e.slug))
            if found not in ids:
                ids.append(found)
        return ids


def _number(exercise_id: str) -> int | None:
    digits = "".join(ch for ch in exercise_id if ch.isdigit())
    return int(digits) if digits else None


class UnknownExercise(ExerciseError):
    def __init__(self, name: str, suggestions: list[str]):
        hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no exercise called '{name}'.{hint} (`learn list` shows them all)")
        self.suggestions = suggestions
