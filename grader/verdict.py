"""The outcome of grading one attempt: what the store records and the CLI prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Diagnosis:
    name: str
    message: str


@dataclass(frozen=True)
class ErrorInfo:
    """Why the learner's code produced no gradable answer: kind is one of ERROR_KINDS."""

    kind: str
    message: str
    details: str = ""


ERROR_KINDS = {
    "file": "the file could not be read",
    "syntax": "syntax error",
    "import": "error while importing the file",
    "missing_function": "the function is missing",
    "not_implemented": "not implemented yet",
    "exception": "the function raised an exception",
    "exit": "the code exited",
    "timeout": "time limit exceeded",
    "memory": "memory limit exceeded",
    "crash": "the Python process crashed",
    "output": "the return value is not a number or an array",
    "mutation": "the function changed its inputs",
}


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

    def to_dict(self) -> dict:
        document = asdict(self)
        document.pop("failing_case_outputs")
        return document
