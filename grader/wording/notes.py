"""The notes under a verdict, beside its pass or fail: the code printed a lot, it is right on
single numbers but not on arrays, it is right but far slower than the vectorized form, and, in
a per-layer step, which layer is the first wrong one. (The capstone's notes on which earlier
function to suspect are worded in grader/learner/api.py's `Session.suspects`.)"""

from __future__ import annotations

PRINTED_A_LOT = "Your code printed a lot; only the beginning is shown."

SCALARS_NOT_ARRAYS = (
    "Your function is right on single numbers but not on numpy arrays: use operators such as "
    "* and ** (or numpy functions), not `math` functions or `float()`, so that it works entry "
    "by entry.")


def slower(times: float, yours_ms: float, reference_ms: float) -> str:
    return (f"Right, and {times:.0f}× slower than the vectorized form on the larger cases "
            f"({yours_ms:.1f} ms a call against {reference_ms:.2f} ms): a Python loop over the "
            "samples? One matrix product handles every column at once.")


def first_wrong_layer(from_end: int, layer: int, count: int, names: list[str]) -> str:
    """`from_end`: 0 for the output layer; `layer`: the list's index; `count`: layers in all."""
    where = ("the output layer" if from_end == 0 else
             "the second-to-last layer" if from_end == 1 else
             f"the layer {from_end + 1} from the end")
    nielsen = layer + 2  # the input is layer 1 in Nielsen's numbering
    later = (" The layers after it are right, so look at how the error is passed back into "
             "this layer." if from_end else "")
    return (f"The first wrong layer, counting from the output backwards, is {where} (layer "
            f"{nielsen} of {count + 1} in Nielsen's numbering, where the input is layer 1): "
            f"{' and '.join(f'{n}[{layer}]' for n in names)} "
            f"{'is' if len(names) == 1 else 'are'} wrong there.{later}")
