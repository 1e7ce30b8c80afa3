"""Quiz questions: what a quiz folder's `questions.py` builds, and how an answer is graded.

Each question function takes a numpy Generator and returns a question whose numbers are drawn
from it and whose right answer is computed by the reference engine, so a replay with the same
seed shows exactly the same question, and every number shown is right by construction. Wrong
answers that learners typically give carry the misconception they reveal, under the same names
the code steps use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from grader.course.worked import tidy
from grader.errors import ExerciseError
from grader.grading.expr import MAX_LENGTH, ExpressionError, compile_expression

LETTERS = "ABCDEFGH"
MAX_ANSWER = MAX_LENGTH  # characters of a typed answer; longer ones are refused, never parsed


@dataclass(frozen=True)
class Slip:
    """A typical wrong answer: a number, a shape (tuple) or a formula (text in the syntax
    learners type, e.g. "4.5w - 0.5"). Multiple-choice slips are Options instead."""

    misconception: str
    message: str
    value: object = None


@dataclass
class Question:
    prompt: str
    explanation: str
    slips: list[Slip] = field(default_factory=list)

    kind = "question"

    def grade(self, text: str) -> Result:
        """The mark of a typed (or stored) answer; an over-long or non-text one is invalid
        before any parsing, so no answer costs more than MAX_ANSWER characters' work."""
        if not isinstance(text, str):
            return invalid("the answer is not text")
        if len(text) > MAX_ANSWER:
            return invalid(f"the answer is longer than {MAX_ANSWER} characters")
        return self._grade(text)

    def _grade(self, text: str) -> Result:
        raise NotImplementedError

    def right_answer(self) -> str:
        raise NotImplementedError

    def document(self) -> dict:
        return {"kind": self.kind, "prompt": self.prompt}


@dataclass(frozen=True)
class Result:
    valid: bool
    correct: bool
    message: str  # why it is invalid, or the slip's message when wrong
    misconception: str | None = None
    picture: dict | None = None  # a wrong number drawn beside the right one (grader.pictures)


def invalid(message: str) -> Result:
    return Result(False, False, message)


@dataclass
class Numeric(Question):
    answer: float = 0.0
    rtol: float = 1e-3
    atol: float = 1e-9
    # draw(answered, right) -> a picture (grader.pictures) for a wrong answer, e.g. training curves
    draw: Callable[[float, float], dict] | None = None

    kind = "numeric"

    def _grade(self, text: str) -> Result:
        if "," in text and "." not in text:
            return invalid("write decimals with a point: 0.12, not 0,12")
        try:
            value = compile_expression(text, [])()  # "1/3" and "2·0.7" are fine
        except ExpressionError as exc:
            return invalid(str(exc))
        if math.isclose(value, self.answer, rel_tol=self.rtol, abs_tol=self.atol):
            return Result(True, True, "")
        picture = self.draw(value, self.answer) if self.draw else None
        for slip in self.slips:
            if math.isclose(value, float(slip.value), rel_tol=self.rtol, abs_tol=self.atol):
                return Result(True, False, slip.message, slip.misconception, picture)
        typed = _significant_digits(text)
        # A whole number of one digit ("2" for 1.8) is an answer, often a slip, more than a
        # rounding: only decimals and longer numbers are asked again for more digits.
        rounded = typed and (typed > 1 or "." in text)
        if rounded and typed < self.digits and value == float(f"{self.answer:.{typed}g}"):
            # 0.79 for 0.7921: right as far as it goes, so asked again rather than marked wrong
            return invalid(f"{text.strip()} agrees with the answer to {typed} "
                           f"digit{'s' * (typed > 1)}; give {self.digits} significant digits")
        return Result(True, False, "", None, picture)

    @property
    def digits(self) -> int:
        """Significant digits an answer needs: rounding to them stays within `rtol`."""
        return max(1, math.ceil(-math.log10(self.rtol)) + 1)

    def right_answer(self) -> str:
        return f"{float(self.answer):.6g}".replace("-", "−")

    def document(self) -> dict:
        return {**super().document(), "digits": self.digits}


def _significant_digits(text: str) -> int | None:
    """How many significant digits a plain decimal number was typed with (None otherwise)."""
    match = re.fullmatch(r"\s*+[-−+]?+(\d*+)\.?+(\d*+)\s*+", text)  # possessive: linear
    if not match or not (match[1] or match[2]):
        return None
    digits = (match[1] + match[2]).lstrip("0")
    return len(digits) or None


def numeric(prompt: str, explanation: str, answer: float,
            slips: Iterable[tuple[str, str, float]] = (), **options) -> Numeric:
    """A Numeric question whose slips are (misconception, message, value) computed by the
    caller; the answer and the slip values lose their float noise (`tidy`)."""
    return Numeric(prompt=prompt, explanation=explanation, answer=tidy(answer),
                   slips=[Slip(name, message, tidy(value)) for name, message, value in slips],
                   **options)


@dataclass
class Expression(Question):
    """A formula in `variables`; graded by evaluating it and the reference at random points."""

    variables: list[str] = field(default_factory=list)
    answer: Callable[..., float] = lambda **_: 0.0
    answer_text: str = ""
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    points: int = 6
    rtol: float = 1e-6
    atol: float = 1e-9

    kind = "expression"

    def _points(self) -> list[dict[str, float]]:
        rng = np.random.default_rng(len(self.prompt))  # fixed per question: reproducible
        return [{v: float(rng.uniform(*self.ranges.get(v, (0.5, 2.0)))) for v in self.variables}
                for _ in range(self.points)]

    def _same(self, first: Callable[..., float], second: Callable[..., float]) -> bool:
        """Equal, within tolerance, at every sample point."""
        return all(math.isclose(float(first(**p)), float(second(**p)), rel_tol=self.rtol,
                                abs_tol=self.atol) for p in self._points())

    def _grade(self, text: str) -> Result:
        try:
            function = compile_expression(text, self.variables)
            for point in self._points():
                function(**point)  # unreadable or uncomputable: asked again, not wrong
        except ExpressionError as exc:
            return invalid(str(exc))
        if self._same(function, self.answer):
            return Result(True, True, "")
        for slip in self.slips:
            if self._same(function, compile_expression(slip.value, self.variables)):
                return Result(True, False, slip.message, slip.misconception)
        return Result(True, False, "")

    def right_answer(self) -> str:
        return self.answer_text

    def document(self) -> dict:
        return {**super().document(), "variables": self.variables}


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    misconception: str | None = None
    message: str = ""


@dataclass
class Choice(Question):
    """One or several right options; the order shown is shuffled per seed by draw_questions."""

    options: list[Option] = field(default_factory=list)

    kind = "choice"

    @property
    def multiple(self) -> bool:
        return sum(o.correct for o in self.options) > 1

    def _grade(self, text: str) -> Result:
        letters = re.sub(r"[\s,;]+", "", text.strip().upper())
        if not letters:
            return invalid("the answer is empty: give a letter, or several as A,C")
        valid = LETTERS[: len(self.options)]
        unknown = [ch for ch in letters if ch not in valid]
        if unknown:
            return invalid(f"'{unknown[0]}' is not one of the options {', '.join(valid)}")
        chosen = {valid.index(ch) for ch in letters}
        right = {i for i, option in enumerate(self.options) if option.correct}
        if chosen == right:
            return Result(True, True, "")
        wrong = [self.options[i] for i in sorted(chosen - right)]
        messages = " ".join(f"{o.text}: {o.message}" if len(wrong) > 1 else o.message
                            for o in wrong if o.message)
        slip = next((o for o in wrong if o.misconception), None)
        missing = "" if right <= chosen or not self.multiple else \
            " Some right options are missing."
        return Result(True, False, (messages + missing).strip(),
                      slip.misconception if slip else None)

    def right_answer(self) -> str:
        return ",".join(LETTERS[i] for i, o in enumerate(self.options) if o.correct)

    def document(self) -> dict:
        return {**super().document(), "multiple": self.multiple,
                "options": {LETTERS[i]: o.text for i, o in enumerate(self.options)}}


# Possessive quantifiers: nothing is given back, so a long run of digits or spaces that does
# not fit is refused in one pass (the backtracking form took 13 s on 40 KB).
SHAPE = re.compile(r"\(?+\s*+(\d++)\s*+(?:(?:,|x|×|\*)\s*+(\d++)\s*+)?+,?+\s*+\)?+",
                   re.IGNORECASE)
MAX_DIMENSION_DIGITS = 9  # no shape asked about has a dimension this long: wrong, not parsed


@dataclass
class Shape(Question):
    answer: tuple[int, ...] = ()

    kind = "shape"

    def _grade(self, text: str) -> Result:
        match = SHAPE.fullmatch(text.strip())
        if not match:
            return invalid("write a shape like (2, 3), 2x3 or 2×3")
        if any(len(g) > MAX_DIMENSION_DIGITS for g in match.groups() if g is not None):
            return Result(True, False, "")  # int() of thousands of digits raises, or is slow
        shape = tuple(int(g) for g in match.groups() if g is not None)
        if shape == tuple(self.answer):
            return Result(True, True, "")
        for slip in self.slips:
            if shape == tuple(slip.value):
                return Result(True, False, slip.message, slip.misconception)
        return Result(True, False, "")

    def right_answer(self) -> str:
        return "(" + ", ".join(str(n) for n in self.answer) + ")"


def shuffled(question: Question, rng: np.random.Generator) -> Question:
    if isinstance(question, Choice):
        order = rng.permutation(len(question.options))
        question.options = [question.options[i] for i in order]
    return question


def distinct(question: Question) -> Question:
    """Drop every slip that, for the numbers drawn, gives the right answer or an earlier slip's
    answer: it could not be told apart, so it would name the wrong misconception. (A Choice's
    options are distinct texts already: it is left as it is.)"""
    if isinstance(question, Choice):
        return question
    kept: list[Slip] = []
    for slip in question.slips:
        question.slips = [*kept, slip]
        text, name = slip_answers(question)[-1]
        result = question.grade(text)
        if not result.correct and result.misconception == name:
            kept.append(slip)
    question.slips = kept
    return question


def draw_questions(exercise, seed: int) -> list[Question]:
    """The quiz's questions for this seed, in the fixed order of the metadata; question i draws
    from its own generator (seed, i), so a replay is exact. Slips that the drawn numbers cannot
    tell apart are dropped (`distinct`), so no questions.py has to."""
    module = exercise.load_module("questions.py", "questions")
    drawn = []
    for index, name in enumerate(exercise.spec.questions):
        build = getattr(module, name, None)
        if not callable(build):
            raise ExerciseError(f"{exercise.questions_path}: no function named {name}")
        rng = np.random.default_rng([seed, index])
        drawn.append(shuffled(distinct(build(rng)), rng))
    return drawn


def slip_answers(question: Question) -> list[tuple[str, str]]:
    """(answer text, misconception) for every declared slip: what validation feeds back in."""
    if isinstance(question, Choice):
        return [(LETTERS[i], o.misconception) for i, o in enumerate(question.options)
                if o.misconception and not o.correct]
    if isinstance(question, Shape):
        return [("(" + ", ".join(map(str, s.value)) + ")", s.misconception)
                for s in question.slips]
    if isinstance(question, Numeric):
        return [(repr(float(s.value)), s.misconception) for s in question.slips]
    return [(str(s.value), s.misconception) for s in question.slips]
