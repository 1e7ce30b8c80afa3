"""The words around a verdict, the same in the terminal, the notebook, `--json`, feedback pages
and Gradescope: the headline, the headings of its sections (the slip, the failing case, what the
code printed, notes), the replay and hint lines, and what comes after a pass. A front end only
lays them out (grader/presenting/); a notebook writes a command as its `%learn` magic."""

from __future__ import annotations


def cases_right(passed: int, total: int) -> str:
    return f"{passed} of {total} cases right"


def passed(step: str, right: int, total: int) -> str:
    return f"✓ {step} passed: {cases_right(right, total)}. Well done!"


def failed(step: str, why: str) -> str:
    return f"✗ {step} failed: {why}"


NOT_GRADED = "not graded"  # a headline's why when no case ran
PROBLEM = "Problem"  # what went wrong, when some cases passed before it
WHERE = "Where"
SLIP = "Looks like a known slip"


def failing_case(number: int, shrunk: bool) -> str:
    """`number` counts from 1."""
    if shrunk:
        return f"Smallest failing case (case #{number}, shrunk)"
    return f"First failing case (#{number})"


EXPECTED, GOT, ERROR_MAP = "expected", "got", "|got − expected|"
FILE = "File"
REPLAY = "Replay this exact check"
STUCK = "Stuck?"


def check_command(step: str, seed: int) -> str:
    return f"learn check {step} --seed {seed}"


def hint_command(step: str) -> str:
    return f"learn hint {step}"


PRINTED = "Your code printed"


def more_lines(count: int) -> str:
    return f"... ({count} more lines)"


NOTE = "Note"
NOT_RECORDED = "Warning: this attempt was NOT recorded"

# -- after a pass ------------------------------------------------------------------------------


def next_step(step: str, title: str, command: str = "learn next") -> str:
    return f"Next: {step} · {title} (run `{command}`)"


LAST_STEP = "That was the last step: you have built backprop."
EVERY_STEP_PASSED = "Every step is passed: you have built backprop."


def quiz_result(step: str, right: int, total: int, passed: bool, threshold: float) -> str:
    """A quiz's result: `learn quiz`, and a feedback page."""
    verdict = "passed" if passed else f"not passed (needs {threshold:.0%})"
    return f"{'✓' if passed else '✗'} {step}: {right} of {total} right, {verdict}."
