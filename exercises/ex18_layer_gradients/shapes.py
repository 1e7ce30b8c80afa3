"""ex18's shapes: BP4, ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ / m, and BP3, ∂C/∂bˡ = the mean of δˡ over the m
columns, as blocks drawn to scale. `learn explain ex18` draws its example's; a result of the
wrong shape is drawn beside the expected one (`shape_picture` in exercise.toml). ex19 draws
its gradients with `bp4` and `bp3` too."""

from grader.pictures.shapes import flat_slip, layer_mark, layer_size, mismatch_note, shapes


def bp4(n: int, m: int, n_prev: int, *, layer: int | None = None,
        yours: tuple[int, ...] | None = None, note: str = "") -> dict:
    """The weights' gradient of a layer of n units fed by n_prev, averaged over m columns:
    (n × m) · (m × n_prev) / m = (n × n_prev). `layer`: its number (the input is layer 1);
    None writes l."""
    here, down = layer_mark(layer), layer_mark(layer, -1)
    title = (f"BP4: ∂C/∂W{here} = δ{here} (a{down})ᵀ / m   ({layer_size(layer)} = {n}, "
             f"{layer_size(layer, -1)} = {n_prev}, m = {m})")
    factors = [(f"δ{here}", (n, m)), (f"(a{down})ᵀ", (m, n_prev)), ("m", ())]
    return shapes(title, factors, (f"∂C/∂W{here}", (n, n_prev)), ["·", "/"], yours=yours,
                  note=note)


def bp3(n: int, m: int, *, layer: int | None = None, yours: tuple[int, ...] | None = None,
        note: str = "") -> dict:
    """The biases' gradient of a layer of n units, the mean over m columns: (n × m) → (n × 1).
    `layer`: its number (the input is layer 1); None writes l."""
    here = layer_mark(layer)
    title = (f"BP3: ∂C/∂b{here} = the mean of δ{here} over the m = {m} columns"
             f"   ({layer_size(layer)} = {n}, m = {m})")
    return shapes(title, [(f"δ{here}", (n, m))], (f"∂C/∂b{here}", (n, 1)), [],
                  equals="→ mean of each row →", yours=yours, note=note)


def bp4_slip(n: int, m: int, n_prev: int, expected: tuple[int, ...],
             got: tuple[int, ...]) -> str:
    """What a wrong shape of ∂C/∂W most likely means."""
    if got == expected[::-1]:
        slip = "a transpose? δ (a_prev)ᵀ, not a_prev δᵀ"
    elif got == (n, m):
        slip = "that is δ itself: the product with (a_prev)ᵀ is missing"
    elif got in ((n, n), (n_prev, n_prev)):
        slip = "one factor used twice? δ (a_prev)ᵀ has a row per unit, a column per input"
    else:
        slip = flat_slip(expected, got)
    return mismatch_note("the product gives", expected, got, slip)


def bp3_slip(n: int, m: int, expected: tuple[int, ...], got: tuple[int, ...]) -> str:
    """What a wrong shape of ∂C/∂b most likely means: the first guess that fits (when n = m,
    several do)."""
    slip = next((why for shape, why in [
        ((n,), "the mean lost its axis: keepdims=True keeps the column"),
        ((1, n), "a row, not a column: keepdims=True keeps the column"),
        ((n, m), "not averaged: the mean of δ over its m columns (axis=1)"),
        ((m,), "averaged over the rows (axis=0) instead of the columns (axis=1)"),
        ((1, m), "averaged over the rows (axis=0) instead of the columns (axis=1)"),
        ((n, n), f"({n},) met ({n}, 1) somewhere and broadcast to {n}×{n}"),
        ((), "everything averaged into one number: the mean runs along each row"),
    ] if got == shape), "")
    return mismatch_note("the mean over the columns gives", expected, got, slip)


def mismatch(case: dict, value: str, index: int | None, expected: tuple[int, ...],
             got: tuple[int, ...]) -> dict:
    """BP4 for dW, BP3 for db, with the case's sizes (delta is n × m, A_prev n_prev × m), the
    learner's result beside it."""
    (n, m), (n_prev, _) = case["delta"].shape, case["A_prev"].shape
    if value == "dW":
        return bp4(n, m, n_prev, yours=got, note=bp4_slip(n, m, n_prev, expected, got))
    return bp3(n, m, yours=got, note=bp3_slip(n, m, expected, got))
