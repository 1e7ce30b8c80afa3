"""Exercise folders: the one model of `exercise.toml` (`Spec`) and loading a course from disk.

An exercise folder is the single source of truth: `exercise.toml` (metadata), `README.md`
(instructions), `starter.py` (the stub the learner edits), `solution.py` (a correct learner-style
file, graded like any submission), `explain.py` (`explain(rng) -> str`, or `example(rng) ->
(lines, pictures)`: a worked example computed by the reference engine, see
grader.course.worked.worked_example) and, for code steps with declared slips, `misconceptions.py`.
A folder
may also hold its own case generator (`generator = "cases.py:generate"`) and reference
(`reference = "reference_x.py:fn"`).

`Spec` and its parts are plain dataclasses, the only list of the fields: each annotation also
carries the field's rules (pydantic's `Field(...)`, and which kind of step has it), which
only grader/course/spec_model.py evaluates, to build the pydantic models that validate a
changed file. Every other reader gets a `Spec`, built from validated data or from the cache,
without pydantic.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import importlib.util
import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from grader.errors import ExerciseError

if TYPE_CHECKING:  # only in annotations, which grader/course/spec_model.py alone evaluates
    from pydantic import Field

METADATA_FILE = "exercise.toml"
STUB_FILE = "starter.py"
SOLUTION_FILE = "solution.py"
MISCONCEPTIONS_FILE = "misconceptions.py"
EXPLAIN_FILE = "explain.py"
QUESTIONS_FILE = "questions.py"
INSTRUCTIONS_FILE = "README.md"


# Markers in a field's annotation, read by grader/course/spec_model.py: a field only one kind
# of step has (the other kind may not give it, and keeps the default here), and one that kind
# must give.
CODE_STEP, QUIZ, REQUIRED = "code", "quiz", "required"  # the first two: values of `kind`


@dataclass(frozen=True, kw_only=True)
class CasesSpec:
    """How the grader draws the randomized cases of an attempt."""

    generator: Annotated[str, Field(
        description="a name in grader.grading.cases.GENERATORS, or file.py:function")]
    count: Annotated[int, Field(ge=1, le=10_000)] = 20
    shrink: Annotated[str | None, Field(
        description="file.py:function giving smaller instances of a failing case")] = None
    params: dict[str, list[float] | float | int | str | bool] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Tolerance:
    rtol: Annotated[float, Field(ge=0)] = 1e-6
    atol: Annotated[float, Field(ge=0)] = 1e-9


@dataclass(frozen=True, kw_only=True)
class Misconception:
    """A named wrong variant: a function of the same name in misconceptions.py."""

    name: Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")]
    message: Annotated[str, Field(min_length=1)]
    hint: Annotated[str | None, Field(min_length=1, description="what `learn hint` shows first "
                    "after a check named this slip: a nudge, not the answer")] = None


@dataclass(frozen=True, kw_only=True)
class Spec:
    """A step's exercise.toml, validated. A quiz leaves the code step's fields at their defaults,
    and the other way round. The order of the fields is the order validation checks them in:
    `learn validate` names the first problem found."""

    # every step
    format_version: Literal[1] = 1
    id: Annotated[str, Field(pattern=r"^[a-z]+[0-9]+[a-z]?$", description="the folder name's "
                             "prefix (ex03 for ex03_cost_derivative)")]
    title: Annotated[str, Field(min_length=1)]
    order: Annotated[int, Field(description="position along the ladder; unique across the course")]
    stage: str = ""
    kind: Literal["code", "quiz"] = "code"
    # quizzes: the questions are functions of questions.py, each `name(rng) -> Question`
    questions: Annotated[list[str], QUIZ, REQUIRED, Field(min_length=1)] = field(
        default_factory=list)
    pass_threshold: Annotated[float, QUIZ, Field(
        gt=0, le=1, description="share of right answers")] = 0.75
    # code steps: the learner writes `function`, graded against `reference`
    function: Annotated[str, CODE_STEP, REQUIRED, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")] = ""
    arguments: Annotated[list[str], CODE_STEP, REQUIRED, Field(min_length=1)] = field(
        default_factory=list)
    returns: Annotated[list[str], CODE_STEP, Field(
        description="names of the returned values; more than one means a tuple",
    )] = field(default_factory=lambda: ["result"])
    reference: Annotated[str, CODE_STEP, REQUIRED, Field(
        description="module:function computing the right answer")] = ""
    scorer: Annotated[str | None, CODE_STEP, Field(
        description="file.py:function grading the outputs directly, for steps with no "
        "single right answer (the capstone's trained network): scorer(case, outputs) -> "
        "(passed, score, message[, picture[, slip]]); a slip is one of the step's "
        "misconceptions by name, or (name, message), so a scored step names slips too",
    )] = None
    picture: Annotated[str | None, CODE_STEP, Field(
        description="file.py:function(case, expected, got) -> a picture of a failing "
        "case (grader.pictures), drawn in the terminal and in a notebook",
    )] = None
    shape_picture: Annotated[str | None, CODE_STEP, Field(
        description="file.py:function(case, value, index, expected, got) -> the "
        "equation of a returned value whose shape is wrong, the learner's shape beside it "
        "(grader.pictures.shapes.shape_mismatch), or None; `value` is one of `returns`, "
        "`index` the entry of a per-layer list",
    )] = None
    cases: Annotated[CasesSpec | None, CODE_STEP, REQUIRED] = None
    tolerance: Annotated[Tolerance, CODE_STEP] = Tolerance()
    time_limit: Annotated[float, CODE_STEP, Field(
        gt=0, le=600, description="seconds, wall clock")] = 5.0
    memory_mb: Annotated[int, CODE_STEP, Field(ge=128, le=16384)] = 1024
    uses: Annotated[list[str], CODE_STEP, Field(
        description="earlier steps the learner's file imports (`from ex15_layer_forward import "
        "layer_forward`); graded with their reference solutions, so one old bug does not fail "
        "every later step",
    )] = field(default_factory=list)
    uses_learner_code: Annotated[bool, CODE_STEP, Field(
        description="the capstone: `uses` resolves to the learner's own files instead")] = False
    per_layer: Annotated[bool, CODE_STEP, Field(
        description="each returned value is a list with one entry per layer; a wrong "
        "answer is located layer by layer from the output backwards",
    )] = False
    hints: Annotated[list[str], CODE_STEP] = field(default_factory=list)
    notice: Annotated[str, CODE_STEP, Field(
        description="what to notice in the solution (learn solution)")] = ""
    misconceptions: Annotated[list[Misconception], CODE_STEP] = field(default_factory=list)
    vectorized: Annotated[bool, CODE_STEP, Field(
        description="the step teaches the vectorized form: a pass says so when the "
        "learner's function is 20x or more slower than the reference's on the larger cases "
        "(a Python loop over the samples)",
    )] = False
    review: Annotated[dict[str, list[Annotated[str, Field(
        pattern=r"^[a-z]+[0-9]+[a-z]?(:[1-9][0-9]*)?$")]]], CODE_STEP, Field(
        description="`learn review`: what else asks about a slip of this step, beside its own "
        "check: `q01:4` (question 4 of q01, which names the slip) or `ex29` (a short step's "
        "check, which has the slip among its misconceptions); see grader.course.review_map",
    )] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> Spec:
        """From validated plain data: pydantic's output, or the cache's."""
        values = dict(data)
        if values.get("cases") is not None:
            values["cases"] = CasesSpec(**values["cases"])
        if values.get("tolerance") is not None:
            values["tolerance"] = Tolerance(**values["tolerance"])
        values["misconceptions"] = [Misconception(**m) for m in values.get("misconceptions", [])]
        return cls(**values)


class Exercise:
    """A loaded exercise folder. Paths are derived from the folder, never stored twice."""

    def __init__(self, folder: Path, spec: Spec):
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


def load_exercise(folder: Path) -> Exercise:
    """Read and validate one exercise folder; errors name the file and the field."""
    metadata = folder / METADATA_FILE
    try:
        raw = tomllib.loads(metadata.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExerciseError(f"{metadata}: missing (every exercise folder needs one)") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ExerciseError(f"{metadata}: not valid TOML: {exc}") from None
    # pydantic (~0.1-0.2 s) only when an exercise.toml changed: a load from the cache has none
    from grader.course.spec_model import validate_metadata

    if isinstance(raw, dict):
        if "id" in raw:
            raise ExerciseError(f"{metadata}: field 'id': the id comes from the folder's name "
                                f"({folder_id(folder)}); remove the field")
        raw = {**raw, "id": folder_id(folder)}
    data, problem = validate_metadata(raw)
    if problem is not None:
        raise ExerciseError(f"{metadata}: {problem}")
    return _checked(folder, Spec.from_data(data))


def folder_id(folder: Path) -> str:
    """A step's id is its folder name's prefix: ex03 for ex03_cost_derivative."""
    return folder.name.split("_", 1)[0]


# -- the validated-metadata cache: pydantic only when an exercise.toml changed ---------------

def _cache_file(root: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "learn-backprop"
    # a new model (its fields here, its validation in spec_model.py) starts a new cache
    here = Path(__file__).parent
    model = b"".join((here / name).read_bytes() for name in ("spec.py", "spec_model.py"))
    key = hashlib.sha256(str(root.resolve()).encode() + b"\0" + model).hexdigest()[:20]
    return base / f"course-{key}.json"


def _read_cache(path: Path) -> dict:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}


def _write_cache(path: Path, entries: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only home: every load validates, which is only slower


def _load_cached(folder: Path, cache: dict, fresh: dict) -> Exercise:
    try:
        stamp = hashlib.sha256((folder / METADATA_FILE).read_bytes()).hexdigest()
    except OSError as exc:
        raise ExerciseError(f"{folder / METADATA_FILE}: cannot be read ({exc.strerror})") from None
    entry = cache.get(folder.name)
    if isinstance(entry, dict) and entry.get("stamp") == stamp and "spec" in entry:
        exercise = _checked(folder, Spec.from_data(entry["spec"]))
    else:
        exercise = load_exercise(folder)
        entry = {"stamp": stamp, "spec": asdict(exercise.spec)}
    fresh[folder.name] = entry
    return exercise


def _checked(folder: Path, spec: Spec) -> Exercise:
    """The files a step of this kind needs are there."""
    required_files = (QUESTIONS_FILE,) if spec.kind == "quiz" else (STUB_FILE,)
    for required in (*required_files, INSTRUCTIONS_FILE):
        if not (folder / required).is_file():
            raise ExerciseError(f"{folder}: missing {required}")
    needs_slips = spec.kind == "code" and spec.misconceptions
    if needs_slips and not (folder / MISCONCEPTIONS_FILE).is_file():
        raise ExerciseError(f"{folder}: declares misconceptions but has no {MISCONCEPTIONS_FILE}")
    return Exercise(folder, spec)


def default_exercises_dir() -> Path:
    override = os.environ.get("LEARN_EXERCISES")
    if override:
        return Path(override).expanduser()
    import exercises  # here: with LEARN_EXERCISES set, the built-in course need not be importable

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

        cache_file = _cache_file(root)
        cache, fresh = _read_cache(cache_file), {}
        loaded: list[Exercise] = []
        seen: dict[str, Path] = {}
        orders: dict[int, str] = {}
        for folder in sorted(p for p in root.iterdir() if is_exercise_folder(p)):
            try:
                exercise = _load_cached(folder, cache, fresh)
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
        if fresh != cache:
            _write_cache(cache_file, fresh)
        course = cls(loaded)
        course.problems = problems
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
            if (text.isdigit() or same_prefix) and step_number(text) == step_number(exercise.id):
                return exercise  # `3`, `ex3` and `ex03` all name ex03
        raise UnknownExercise(name, self.suggestions(text))

    def provided_modules(self, exercise: Exercise, learner_file=None,
                         solutions: bool = True) -> dict[str, Path]:
        """Module name -> file for every earlier step `exercise` imports, transitively. The one
        place that decides whose code that is: the learner's own files (`learner_file(step)`)
        where a step grades their code together (the capstone) or where no solutions ship
        (`solutions=False`: Gradescope); else each step's reference solution, so one old bug
        does not fail every later step. Any other earlier step the learner's file imports
        (`from ex03_cost_derivative import cost_derivative` in ex04) is their own file, where
        it exists."""
        own = learner_file is not None and (exercise.spec.uses_learner_code or not solutions)
        found: dict[str, Path] = {}
        pending = list(exercise.spec.uses)
        while pending:
            used = self.resolve(pending.pop())
            if used.module_name in found:
                continue
            found[used.module_name] = learner_file(used) if own else used.solution_path
            pending += used.spec.uses
        if learner_file is not None:
            for earlier in self.exercises:
                if earlier is exercise or earlier.spec.order >= exercise.spec.order:
                    break
                if earlier.is_quiz or earlier.module_name in found:
                    continue
                path = learner_file(earlier)
                if path is not None and path.is_file():
                    found[earlier.module_name] = path
        return found

    def suggestions(self, text: str) -> list[str]:
        names = [e.id for e in self.exercises] + [e.slug for e in self.exercises]
        close = difflib.get_close_matches(text, names, n=3, cutoff=0.5)
        ids = []
        for candidate in close:
            found = next(e.id for e in self.exercises if candidate in (e.id, e.slug))
            if found not in ids:
                ids.append(found)
        return ids


def load_for_a_class(root: Path | None, warn: Callable[[str], None] | None) -> Course:
    """The course a class works from (learners and instructor alike): broken folders skipped,
    `warn` told of each."""
    course = Course.load(root, strict=False)
    for problem in course.problems if warn else ():
        warn(f"skipped a broken exercise: {problem}")
    return course


def step_number(exercise_id: str) -> int | None:
    """The number in an id or a typed name: ex03 -> 3, q12 -> 12, `3` -> 3."""
    digits = "".join(ch for ch in exercise_id if ch.isdigit())
    return int(digits) if digits else None


class UnknownExercise(ExerciseError):
    def __init__(self, name: str, suggestions: list[str]):
        hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no exercise called '{name}'.{hint} (`learn list` shows them all)")
        self.suggestions = suggestions
