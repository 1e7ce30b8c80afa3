"""ex17's shapes: BP2, δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ), as blocks drawn to scale. `learn explain
ex17` draws its example's; a result of the wrong shape is drawn beside the expected one
(`shape_picture` in exercise.toml). ex19 draws its hidden layers' δ with `bp2` too."""

from grader.pictures.shapes import flat_slip, layer_mark, layer_size, mismatch_note, shapes


def bp2(n: int, m: int, n_next: int, *, layer: int | None = None,
        yours: tuple[int, ...] | None = None, note: str = "") -> dict:
    """δ of a hidden layer of n units under one of n_next, for a batch of m columns:
    (n × n_next) · (n_next × m) ⊙ (n × m) = (n × m). `layer`: its number (the input is
    layer 1); None writes l."""
    here, up = layer_mark(layer), layer_mark(layer, 1)
    title = (f"BP2: δ{here} = ((W{up})ᵀ δ{up}) ⊙ σ′(z{here})   ({layer_size(layer)} = {n}, "
             f"{layer_size(layer, 1)} = {n_next}, m = {m})")
    factors = [(f"(W{up})ᵀ", (n, n_next)), (f"δ{up}", (n_next, m)), (f"σ′(z{here})", (n, m))]
    return shapes(title, factors, (f"δ{here}", (n, m)), ["·", "⊙"], yours=yours, note=note)


def bp2_slip(n_next: int, m: int, expected: tuple[int, ...], got: tuple[int, ...]) -> str:
    """What a wrong shape of δˡ most likely means."""
    if got == expected[::-1]:
        slip = "a transpose? (Wᵀ δ, then ⊙ with σ′(z), both n_l × m)"
    elif got == (n_next, m):
        slip = "that is δ of the layer above: send it back through (W_next)ᵀ"
    else:
        slip = flat_slip(expected, got)
    return mismatch_note("the product gives", expected, got, slip)


def mismatch(case: dict, value: str, index: int | None, expected: tuple[int, ...],
             got: tuple[int, ...]) -> dict:
    """BP2 with the case's sizes (W_next is n_next × n, delta_next n_next × m), the learner's
    δ beside it."""
    (n_next, n), (_, m) = case["W_next"].shape, case["delta_next"].shape
    return bp2(n, m, n_next, yours=got, note=bp2_slip(n_next, m, expected, got))
