"""The pydantic models of `exercise.toml`: imported only to validate a folder whose metadata
changed (and by `learn validate`); `learn check` reads the validated cache instead, which keeps
pydantic's ~0.1-0.2 s import off the common path."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

FORMAT_VERSION = 1


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cases(Strict):
    """How the grader draws the randomized cases of an attempt."""

    generator: str = Field(
        description="a name in grader.grading.cases.GENERATORS, or file.py:function")
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
    hint: str | None = Field(None, min_length=1, description="what `learn hint` shows first "
                             "after a check named this slip: a nudge, not the answer")


class StepSpec(Strict):
    """What every step of the ladder has, code step or quiz."""

    format_version: Literal[1] = FORMAT_VERSION
    id: str = Field(pattern=r"^[a-z]+[0-9]+[a-z]?$",
                    description="the folder name's prefix (ex03 for ex03_cost_derivative)")
    title: str = Field(min_length=1)
    order: int = Field(description="position along the ladder; unique across the course")
    stage: str = ""


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
        "(passed, score, message[, picture[, slip]]); a slip is one of the step's "
        "misconceptions by name, or (name, message), so a scored step names slips too",
    )
    picture: str | None = Field(
        None, description="file.py:function(case, expected, got) -> a picture of a failing "
        "case (grader.pictures), drawn in the terminal and in a notebook",
    )
    shape_picture: str | None = Field(
        None, description="file.py:function(case, value, index, expected, got) -> the "
        "equation of a returned value whose shape is wrong, the learner's shape beside it "
        "(grader.pictures.shapes.shape_mismatch), or None; `value` is one of `returns`, "
        "`index` the entry of a per-layer list",
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
    vectorized: bool = Field(
        False, description="the step teaches the vectorized form: a pass says so when the "
        "learner's function is 20x or more slower than the reference's on the larger cases "
        "(a Python loop over the samples)",
    )

    @field_validator("misconceptions")
    @classmethod
    def _unique_names(cls, value: list[Misconception]) -> list[Misconception]:
        names = [m.name for m in value]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise ValueError(f"misconception names repeat: {', '.join(sorted(duplicates))}")
        return value


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = len(error.errors()) - 1
    tail = f" (and {more} more problem{'s' * (more > 1)})" if more else ""
    return f"field '{field}': {first['msg']}{tail}"


def validate_metadata(raw: object) -> tuple[dict | None, str | None]:
    """(the validated spec as plain data, None) or (None, what is wrong, naming the field)."""
    model = QuizSpec if isinstance(raw, dict) and raw.get("kind") == "quiz" else ExerciseSpec
    try:
        return model.model_validate(raw).model_dump(), None
    except ValidationError as exc:
        return None, _describe(exc)
