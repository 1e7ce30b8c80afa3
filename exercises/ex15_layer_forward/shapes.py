"""ex15's shapes: a layer's forward pass, Z = W · A_prev + b, as blocks drawn to scale. A result
of the wrong shape is drawn beside the expected one (`shape_picture` in exercise.toml)."""

from grader.pictures.shapes import flat_slip, mismatch_note, shapes


def forward(n_out: int, n_in: int, m: int, *, bias: bool = True,
            yours: tuple[int, ...] | None = None, note: str = "", value: str = "Z") -> dict:
    """Z (or A = activation(Z), the same shape) of a layer of n_out units fed by n_in, for a
    batch of m columns: (n_out × n_in) · (n_in × m) + (n_out × 1) = (n_out × m)."""
    title = (f"Z = W · A_prev{' + b' if bias else ''}   (n_out = {n_out}, n_in = {n_in}, "
             f"m = {m})" + ("; A = activation(Z), entry by entry" if value == "A" else ""))
    factors = [("W", (n_out, n_in)), ("A_prev", (n_in, m))]
    operators = ["·"]
    if bias:
        factors.append(("b", (n_out, 1)))
        operators.append("+")
    return shapes(title, factors, (value, (n_out, m)), operators, yours=yours, note=note)


def slip(expected: tuple[int, ...], got: tuple[int, ...]) -> str:
    """What a wrong shape of Z or A most likely means."""
    if got == expected[::-1]:
        why = "a transpose? W · A_prev, not A_prev.T · W.T"
    elif len(got) == 2 and got[0] == expected[0] and got[1] == expected[0]:
        why = "b added as a row? b is (n_out, 1) and broadcasts across the columns"
    else:
        why = flat_slip(expected, got)
    return mismatch_note("the product gives", expected, got, why)


def mismatch(case: dict, value: str, index: int | None, expected: tuple[int, ...],
             got: tuple[int, ...]) -> dict:
    """The forward pass with the case's sizes, the learner's Z or A beside it."""
    n_out, n_in = case["W"].shape
    m = case["A_prev"].shape[1]
    return forward(n_out, n_in, m, bias=case["b"] is not None, yours=got,
                   note=slip(expected, got), value=value)
