"""The built-in slips: the name and the message of each misconception grader/grading/diagnose.py
finds
in any step, from the learner's outputs (a constant factor, a transpose, float32, arguments or
results in another order, an approximation) or from an error (inputs changed in place, math on
arrays, ^ for a power, None not handled, shapes that do not fit). A step's own slips are named
and worded in its exercise.toml; a scored step's in its score.py."""

from __future__ import annotations

MESSAGES = {
    # a constant factor between got and expected (grader.grading.diagnose.FACTORS)
    "extra_factor_2":
        "Every value is exactly 2× the expected one: there is an extra factor of 2 somewhere.",
    "missing_factor_2":
        "Every value is exactly half the expected one: a factor of 2 is missing somewhere.",
    "flipped_sign":
        "Every value has the right size but the opposite sign: check the order of a "
        "subtraction (a − y, not y − a) or the direction of a step.",
    "flipped_sign_extra_factor_2":
        "Every value is −2× the expected one: an extra factor of 2 and a flipped sign.",
    "flipped_sign_missing_factor_2":
        "Every value is −½× the expected one: a missing factor of 2 and a flipped sign.",
    "float32":
        "Your answers agree with the expected ones to about 6 or 7 digits and no further: that "
        "is float32 arithmetic (np.float32, astype(np.float32), or a float32 array somewhere in "
        "the computation). The steps compute in float64, numpy's default: drop the float32 and "
        "the same code passes.",
    "transpose":
        "Your result is the transpose of the expected one: check which side of the product "
        "each matrix goes on, and the shapes (rows are output units, columns are samples).",
    "results_in_another_order":
        "Every value you return is right, in the wrong place: the results come back in another "
        "order than the one asked for. Return them in the order the step's docstring gives.",
    # from an error
    "changed_its_input":
        "Your function changed an array it was given: an in-place operation (w -= ..., "
        "w *= x, A[i] = ..., or a list of the caller's arrays updated entry by entry) writes "
        "into the caller's data. Compute new arrays instead (w = w - ..., or work on a "
        ".copy()), so that what the caller passed in stays as it was.",
    "math_on_arrays":
        "A function for single numbers got an array: math.exp, math.sqrt, math.log and "
        "float() take one number. Use numpy's, which work entry by entry: np.exp, np.sqrt, "
        "np.log.",
    "caret_for_power":
        "In Python ^ is not a power: it is the bitwise exclusive or, defined for whole "
        "numbers only. Write x ** 2 for x squared.",
    "product_of_shapes_that_do_not_fit":
        "A matrix product got two arrays whose shapes do not fit (columns of the first ≠ "
        "rows of the second). Either the product should be entry by entry (* multiplies "
        "matching entries; np.dot and @ are matrix products), or one matrix needs a "
        "transpose: write the shapes next to the formula and check each product.",
}


def argument_order(used: list[str], arguments: list[str]) -> str:
    return (f"Your answers are what the right formula gives with the arguments in the order "
            f"({', '.join(used)}) instead of ({', '.join(arguments)}): check which value is "
            "which.")


def close_not_exact(worst: float) -> str:
    """`worst`: the largest error, relative to the size of the values."""
    return (f"Your answers are close to the right ones (within {worst:.2g} of their size) but "
            "not equal to them: an approximation where the step wants the exact value. Typical "
            "causes: a finite difference (f(x + h) − f(x)) / h in place of the derivative's "
            "formula, a value clipped or rounded on the way (np.clip, round), or a constant "
            "typed with too few digits.")


def none_not_handled(names: list[str]) -> str:
    return (f"Your code does not handle {' or '.join(names)} = None: some cases pass None (a "
            "network without biases has biases=None), and adding, indexing or looping over "
            "None raises. Check for it: `if biases is not None:` before using them, and return "
            "None where the step says so.")
