"""The outcome of grading one attempt: what the store records and the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.wording.headings import cases_right


@dataclass(frozen=True)
class Diagnosis:
    name: str
    message: str


@dataclass(frozen=True)
class ErrorInfo:
    """Why the learner's code produced no gradable answer. `kind` is one of: file, syntax,
    import, missing_function, not_implemented, exception, exit, timeout, memory, crash,
    output (not a number or an array), mutation (inputs changed, or one handed back)."""

    kind: str
    message: str
    details: str = ""


@dataclass(frozen=True)
class FailingCase:
    index: int
    inputs: dict[str, str]
    expected: str
    got: str
    problem: str
    kind: str  # "value", "shape", "structure", "nonfinite", "mutation" or "no_answer"
    error_map: str | None = None
    shrunk: bool = False  # shown on a smaller instance that still fails than case `index`
    picture: dict | None = None  # drawn by grader.pictures: cost curves, digits, layers
    # of the first failing case (grader.grading.cases.case_parameters)
    parameters: dict | None = None


@dataclass
class Verdict:
    exercise_id: str
    seed: int
    passed: bool
    score: float
    cases_total: int
    cases_passed: int
    diagnosis: Diagnosis | None = None
    error: ErrorInfo | None = None
    failing_case: FailingCase | None = None
    learner_output: str = ""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    location: str | None = None  # per-layer steps: the first wrong layer from the output
    failing_case_outputs: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def reason(self) -> str:
        """Why it failed, in one line ("" for a pass): the error, else the slip, else the count."""
        if self.passed:
            return ""
        if self.error is not None:
            return self.error.message
        if self.diagnosis is not None:
            return self.diagnosis.message
        return cases_right(self.cases_passed, self.cases_total)
