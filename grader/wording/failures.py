"""Why a learner's file failed, in the words the learner reads: why it gave nothing to compare
(the file, a time-out, a crash, an exception, a syntax error, a missing function, an unreadable
result, or the grader's own fault), and why a case's answer is wrong (structure, shape, NaN,
values, or inputs changed in place). grader/grading/compare.py and grader/grading/grade.py decide
which applies; the sentences are stored with the attempt as its error or its failing case's
problem (so an attempt keeps the wording it was graded with)."""

from __future__ import annotations

# -- the file ----------------------------------------------------------------------------------


def is_a_folder(path) -> str:
    return f"{path} is a folder, not a Python file"


def does_not_exist(path) -> str:
    return f"{path} does not exist"


def cannot_read(path, why: str) -> str:
    return f"{path} cannot be read ({why})"


def too_large(size: int, cap: int) -> str:
    return (f"the file is {size / 1024:,.0f} KB; a step's file may hold at most "
            f"{cap // 1024} KB (it was not graded)")


def not_graded(why: str) -> str:
    """The grader could not finish: never the learner's fail."""
    return why if why.startswith("not graded") else f"not graded: {why}"


# -- runs that gave nothing to compare ---------------------------------------------------------


def timed_out(seconds: float) -> str:
    return f"stopped after {seconds:g} s (the time limit): look for a loop that never ends"


CPU_TIME = "stopped: used more CPU time than allowed"


def unreadable_results(why: str) -> str:
    return f"the results could not be read back: {why}"


def crashed(signal: str) -> str:
    return f"the Python process crashed ({signal})"


def killed(signal: str) -> str:
    return f"the Python process was killed ({signal})"


def out_of_memory(limit_mb: int) -> str:
    return f"ran out of memory (the limit is {limit_mb} MB)"


def exited(code: int, function: str) -> str:
    return f"the code exited (exit code {code}) before {function} returned its answers"


def syntax_error(message: str) -> str:
    return f"syntax error: {message}"


def missing_function(function: str, defined: list[str]) -> str:
    found = f" (it defines: {', '.join(defined)})" if defined else ""
    return f"your file has no function named `{function}`{found}"


UNREADABLE_OUTPUT = "could not read the results"
NOTHING_USABLE = "returned nothing usable"

# Where an exception happened: in the step's function, or while the file was imported.
WHILE_IMPORTING = "your file, while importing it,"


def not_implemented(function: str) -> str:
    return f"{function} is not written yet: replace the `raise NotImplementedError` with your code"


def called_exit(where: str, name: str, message: str) -> str:
    code = f": {message}" if message else ""
    return f"{where} called exit ({name}{code}); return a value instead"


def ran_out_of_memory(where: str) -> str:
    return f"{where} ran out of memory (MemoryError)"


def raised(where: str, name: str, message: str) -> str:
    return f"{where} raised {name}" + (f": {message}" if message else "")


# -- cases that do not count: inputs changed -----------------------------------------------------


def _by(size) -> str:
    return f" (by up to {size:.3g})" if isinstance(size, float) else ""


def changed_input_case(names: str, size) -> str:
    """Shown beside the failing case."""
    return f"changed its input {names} in place{_by(size)}"


def changed_input(function: str, names: str, size) -> str:
    return (f"{function} left its argument {names} changed{_by(size)} after returning: compute "
            "new values instead of writing into the inputs, or, if you nudge an entry on "
            "purpose, save the old value and put exactly that value back")


RETURNED_INPUT_CASE = "returned one of its input arrays itself"


def returned_input(function: str) -> str:
    return (f"{function} returned one of its input arrays itself (the same object, or a view "
            "of it): return a new array, so the caller's data stays its own")


# -- answers that do not match -----------------------------------------------------------------


def describe_shape(shape: tuple[int, ...]) -> str:
    return "a single number" if shape == () else f"an array of shape {shape}"


def wrong_structure(expected: str, got: str, returns: list[str]) -> str:
    """`expected` and `got`: "one value" or "3 values"."""
    if len(returns) > 1:
        return (f"expected {len(returns)} values returned together ({', '.join(returns)}), "
                f"got {got}")
    return f"expected {expected}, got {got}"


def wrong_shape(name: str, got: tuple[int, ...], expected: tuple[int, ...]) -> str:
    return f"{name} is {describe_shape(got)}, expected {describe_shape(expected)}"


def not_finite(name: str, what: str) -> str:
    """`what`: "NaN" or "inf"."""
    return f"{name} contains {what} where a number is expected"


def wrong_values(name: str, wrong: int | None = None, size: int | None = None) -> str:
    count = f" ({wrong} of {size} entries)" if wrong is not None else ""
    return f"{name} has wrong values{count}"


THE_RESULT = "the result"  # a result's name when the step returns one value


def in_layer(number: int) -> str:
    """After a per-layer result's name: Nielsen's number of its layer (the input is layer 1)."""
    return f" (layer {number})"


NO_ANSWER = "(no answer)"
NOTHING = "(nothing)"
