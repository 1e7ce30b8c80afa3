"""ex16's shapes: BP1, δᴸ = (aᴸ − y) ⊙ σ′(zᴸ), as blocks drawn to scale. `learn explain ex16`
draws its example's; a result of the wrong shape is drawn beside the expected one
(`shape_picture` in exercise.toml). ex19 draws its output layer's δ with `bp1` too."""

from grader.pictures.shapes import flat_slip, layer_mark, layer_size, mismatch_note, shapes


def bp1(n: int, m: int, *, layer: int | None = None, yours: tuple[int, ...] | None = None,
        note: str = "") -> dict:
    """δ of an output layer of n units for a batch of m columns: (n × m) ⊙ (n × m) = (n × m).
    `layer`: its number (the input is layer 1); None writes L."""
    here = layer_mark(layer, last=True)
    title = (f"BP1: δ{here} = (a{here} − y) ⊙ σ′(z{here})"
             f"   ({layer_size(layer, last=True)} = {n}, m = {m})")
    return shapes(title, [(f"a{here} − y", (n, m)), (f"σ′(z{here})", (n, m))],
                  (f"δ{here}", (n, m)), ["⊙"], yours=yours, note=note)


def bp1_slip(expected: tuple[int, ...], got: tuple[int, ...]) -> str:
    """What a wrong shape of δᴸ most likely means."""
    slip = "a transpose?" if got == expected[::-1] else flat_slip(expected, got)
    return mismatch_note("the entrywise product gives", expected, got, slip)


def mismatch(case: dict, value: str, index: int | None, expected: tuple[int, ...],
             got: tuple[int, ...]) -> dict:
    """BP1 with the case's sizes (Z is n × m), the learner's δ beside it."""
    n, m = case["Z"].shape
    return bp1(n, m, yours=got, note=bp1_slip(expected, got))
