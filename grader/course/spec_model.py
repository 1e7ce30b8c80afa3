"""The pydantic models of `exercise.toml`, built from grader.course.spec's dataclasses: their
fields, defaults, and the rules (`Field(...)`) and markers in their annotations. The fields
are listed once, there; this module only turns them into validation.

Imported only to validate a folder whose metadata changed (and by `learn validate`); `learn
check` reads the validated cache instead, which keeps pydantic's ~0.1-0.2 s import off the
common path."""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from grader.course import spec


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _model(name: str, typed: type, kind: str | None = None,
           validators: dict | None = None) -> type[BaseModel]:
    """The model of dataclass `typed` for one kind of step: every step's fields and that kind's,
    in their order (the first problem is reported first); the other kind's are unknown fields."""
    # the nested dataclasses' names in the annotations stand for their models here
    hints = get_type_hints(typed, localns={**_PARTS, "Field": Field}, include_extras=True)
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(typed):
        annotation, markers = _split(hints[field.name])
        if kind not in markers and {spec.CODE_STEP, spec.QUIZ} & markers:
            continue
        no_default = field.default is field.default_factory is dataclasses.MISSING
        if field.name == "kind":
            fields["kind"] = (Literal[kind], kind)
        elif spec.REQUIRED in markers or no_default:
            fields[field.name] = (_not_none(annotation), ...)
        elif field.default_factory is not dataclasses.MISSING:
            fields[field.name] = (annotation, Field(default_factory=field.default_factory))
        elif dataclasses.is_dataclass(field.default):  # Tolerance(): the model's own default
            model = _PARTS[type(field.default).__name__]
            fields[field.name] = (annotation, model(**dataclasses.asdict(field.default)))
        else:
            fields[field.name] = (annotation, field.default)
    return create_model(name, __base__=Strict, __doc__=typed.__doc__,
                        __validators__=validators, **fields)


def _split(hint: Any) -> tuple[Any, set[str]]:
    """`Annotated[str, CODE_STEP, Field(...)]` -> (`Annotated[str, Field(...)]`, {CODE_STEP})."""
    if get_origin(hint) is not Annotated:
        return hint, set()
    markers = {m for m in hint.__metadata__ if isinstance(m, str)}
    rules = tuple(m for m in hint.__metadata__ if not isinstance(m, str))
    return (Annotated[(hint.__origin__, *rules)] if rules else hint.__origin__), markers


def _not_none(annotation: Any) -> Any:
    """A required field's type without its `| None`, which stands for "not this kind of step"."""
    if isinstance(annotation, types.UnionType):
        return functools.reduce(operator.or_, [part for part in get_args(annotation)
                                               if part is not types.NoneType])
    return annotation


def _repeats(names: list[str]) -> list[str]:
    return sorted({n for n in names if names.count(n) > 1})


@field_validator("questions")
@classmethod
def _distinct_questions(cls, value: list[str]) -> list[str]:
    if _repeats(value):
        raise ValueError("question names repeat")
    return value


@field_validator("misconceptions")
@classmethod
def _distinct_misconceptions(cls, value: list) -> list:
    duplicates = _repeats([m.name for m in value])
    if duplicates:
        raise ValueError(f"misconception names repeat: {', '.join(duplicates)}")
    return value


# Named as pydantic's messages name them: "a valid dictionary or instance of Cases".
_PARTS: dict[str, type[BaseModel]] = {}
_PARTS["CasesSpec"] = Cases = _model("Cases", spec.CasesSpec)
_PARTS["Tolerance"] = Tolerance = _model("Tolerance", spec.Tolerance)
_PARTS["Misconception"] = Misconception = _model("Misconception", spec.Misconception)
QuizSpec = _model("QuizSpec", spec.Spec, "quiz", {"_distinct": _distinct_questions})
ExerciseSpec = _model("ExerciseSpec", spec.Spec, "code", {"_unique": _distinct_misconceptions})


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
