"""ex19's shapes: each returned value follows one of the four equations, drawn by the step
that teaches it (BP1 ex16, BP2 ex17, BP3 and BP4 ex18) with the sizes of its layer. `learn
explain ex19` draws its example's; a result of the wrong shape is drawn beside the expected
one (`shape_picture` in exercise.toml)."""

from collections.abc import Callable
from functools import partial

from exercises.ex16_output_error.shapes import bp1, bp1_slip
from exercises.ex17_hidden_error.shapes import bp2, bp2_slip
from exercises.ex18_layer_gradients.shapes import bp3, bp3_slip, bp4, bp4_slip


def _equation(case: dict, value: str, index: int | None,
              first: int) -> tuple[Callable[..., dict], Callable[..., str]] | None:
    """For entry `index` of `value` (deltas, grad_w, grad_b): (its equation's picture with the
    case's sizes, waiting for `yours` and `note`; the guess at a wrong shape's slip). Layers
    are numbered from `first`; None for an entry that is not there."""
    sizes = [case["X"].shape[0]] + [W.shape[0] for W in case["weights"]]
    m, count = case["X"].shape[1], len(case["weights"])
    if index is None or not 0 <= index < count:
        return None
    n, layer = sizes[index + 1], index + first
    if value == "deltas" and index == count - 1:  # the output layer
        return partial(bp1, n, m, layer=layer), bp1_slip
    if value == "deltas":
        n_next = sizes[index + 2]
        return partial(bp2, n, m, n_next, layer=layer), partial(bp2_slip, n_next, m)
    if value == "grad_w":
        n_prev = sizes[index]
        return partial(bp4, n, m, n_prev, layer=layer), partial(bp4_slip, n, m, n_prev)
    if value == "grad_b":
        return partial(bp3, n, m, layer=layer), partial(bp3_slip, n, m)
    return None


def mismatch(case: dict, value: str, index: int | None, expected: tuple[int, ...],
             got: tuple[int, ...]) -> dict | None:
    """The equation of the wrong entry with its layer's sizes (Nielsen's numbers: the input
    is layer 1), the learner's result beside it."""
    found = _equation(case, value, index, first=2)
    if found is None:
        return None
    picture, slip = found
    return picture(yours=got, note=slip(expected, got))


def diagrams(weights: list, X, first: int = 2) -> list[dict]:
    """The shapes of a network (only the shapes of `weights` and the batch `X` count): BP2
    into the last hidden layer (BP1 when there is none), then BP4 and BP3 at the output, its
    layers numbered from `first`."""
    case, last = {"weights": weights, "X": X}, len(weights) - 1
    wanted = [("deltas", max(last - 1, 0)), ("grad_w", last), ("grad_b", last)]
    return [_equation(case, value, index, first)[0]() for value, index in wanted]
