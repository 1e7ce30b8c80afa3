"""q19 · Vanishing gradients: σ′ ≤ 1/4 at every layer BP2 passes; and layers without a
nonlinearity, which compose into one: W²(W¹x + b¹) + b² = Mx + c.

Every number shown is drawn from rng; right answers come from reference.vanishing (slope_bound,
chain_error_ratio, collapse); the slips are the same values put through the wrong formula."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, listed, show
from grader.grading.quiz import Choice, Option, numeric
from reference import vanishing
from reference.activations import sigmoid, sigmoid_prime


def _matrix(M) -> str:
    return "[" + ", ".join(listed(row) for row in np.atleast_2d(M)) + "]"


def _integers(rng, shape):
    """Small nonzero integers, so a product of two matrices can be worked by hand."""
    values = rng.integers(-3, 4, size=shape).astype(float)
    return np.where(values == 0, 1.0, values)


def slope_bound(rng):
    layers = int(rng.integers(3, 10))
    back = layers - 1
    answer = vanishing.slope_bound(back)
    return numeric(
        f"A network has L = {layers} sigmoid layers. BP1 gives the output layer's error "
        f"δ^{layers}; going down to δ^1, BP2 multiplies the error by σ′(z^l) once at each layer "
        f"below the output. Whatever the weights, what is the largest the product of those σ′ "
        f"factors can be? (4 significant digits, or a power such as 0.25^3)",
        f"σ′(z) = σ(z)(1 − σ(z)) is largest at z = 0: σ′(0) = 0.5 × 0.5 = 1/4. From δ^{layers} "
        f"down to δ^1 there are L − 1 = {back} such factors (BP1 already used σ′(z^{layers})), "
        f"so at most (1/4)^{back} = {show(answer, 4)}. Weights larger than 4 could make up for "
        f"it, but a large weight pushes z away from 0, where σ′ is smaller still.",
        answer,
        [("counted_the_output_slope", f"That is {layers} factors of 1/4. σ′(z^{layers}) belongs "
          f"to BP1, which made δ^{layers}; going down from there BP2 adds one σ′ per layer "
          f"below the output: {back} of them.", vanishing.slope_bound(layers)),
         ("missed_a_layer", f"That is {back - 1} factors. The error reaches δ^1 after passing "
          f"{back} layers, and each of them, layer 1 too, multiplies it by its own σ′(z^l).",
          vanishing.slope_bound(back - 1)),
         ("slope_at_most_one", "σ′ is at most 1/4, not 1: σ′(z) = σ(z)(1 − σ(z)), and of two "
          "numbers that add up to 1 the product is largest when both are 0.5.", 1.0),
         ("sigma_instead_of_slope", "0.5 is σ(0), the sigmoid's value where it is steepest. Its "
          "slope there is σ′(0) = σ(0)(1 − σ(0)) = 0.25.", float(sigmoid(0.0)) ** back),
         ("added_not_multiplied", "The factors multiply, they do not add: BP2 multiplies the "
          f"error by σ′(z^l) at every layer, so {back} factors give (1/4)^{back}.",
          vanishing.SIGMOID_SLOPE_MAX * back)],
        atol=1e-15,
    )


def chain_ratio(rng):
    weights = [draw(rng, 0.5, 2.5) * float(rng.choice([-1, 1])) for _ in range(3)]
    zs = [draw(rng, -3.0, 3.0, avoid=(0.0,)) for _ in range(3)]
    answer = vanishing.chain_error_ratio(weights, zs)
    slopes = [float(sigmoid_prime(z)) for z in zs]
    terms = " × ".join(f"{factor(w)} · {show(s, 4)}" for w, s in zip(weights[::-1], slopes[::-1],
                                                                     strict=True))
    return numeric(
        f"A chain of 4 sigmoid units, one per layer. The forward pass gave z^1 = {show(zs[0])}, "
        f"z^2 = {show(zs[1])}, z^3 = {show(zs[2])}; the weights into layers 2, 3 and 4 are "
        f"w^2 = {show(weights[0])}, w^3 = {show(weights[1])}, w^4 = {show(weights[2])}. By BP2, "
        f"δ^1 is δ^4 times what number? (4 significant digits)",
        f"Each layer down multiplies by the weight the error goes back through and by the slope "
        f"of the layer it arrives at: δ^3 = w^4 δ^4 σ′(z^3), δ^2 = w^3 δ^3 σ′(z^2), δ^1 = "
        f"w^2 δ^2 σ′(z^1). So δ^1/δ^4 = {terms} = {show(answer, 4)}.",
        answer,
        [("weights_left_out", "That is the product of the three σ′ alone. BP2 passes the error "
          "back through the weights too: δ^l = w^(l+1) δ^(l+1) σ′(z^l) in a chain.",
          float(np.prod(slopes))),
         ("sigma_instead_of_slope", "You multiplied by σ(z), the activations, where the slopes "
          "σ′(z) = σ(z)(1 − σ(z)) belong.",
          float(np.prod(weights) * np.prod([float(sigmoid(z)) for z in zs]))),
         ("flipped_sign", "Right size, wrong sign: every factor keeps its sign, the weights' "
          "included; σ′ is always positive.", -answer)],
    )


def collapsed_entry(rng):
    i, j = int(rng.integers(2)), int(rng.integers(2))
    while True:  # an entry that is not 0, and an order of the product that matters
        W1, W2 = _integers(rng, (2, 2)), _integers(rng, (2, 2))
        M, _ = vanishing.collapse([W1, W2])
        if M[i, j] != 0 and (W1 @ W2)[i, j] != M[i, j]:
            break
    return numeric(
        f"Two layers with no activation (f(z) = z) and no biases: a = W^2 (W^1 x), with "
        f"W^1 = {_matrix(W1)} (the first layer) and W^2 = {_matrix(W2)}, each written row by row. "
        f"The same map is one matrix M: a = M x. What is M's entry in row {i + 1}, "
        f"column {j + 1}?",
        f"W^2 (W^1 x) = (W^2 W^1) x, so M = W^2 W^1 = {_matrix(M)}: row {i + 1} of W^2 "
        f"({listed(W2[i])}) times column {j + 1} of W^1 ({listed(W1[:, j])}) gives "
        f"{show(M[i, j])}. Without a nonlinearity two layers are one: depth adds nothing.",
        float(M[i, j]),
        [("wrong_order", "That is W^1 W^2, the product the other way round. x meets W^1 "
          "first, so M = W^2 W^1: the last layer's matrix on the left.",
          float((W1 @ W2)[i, j])),
         ("entrywise_product", "Matrices compose by the matrix product, not entry by entry: "
          f"M's entry is row {i + 1} of W^2 times column {j + 1} of W^1.",
          float(W2[i, j] * W1[i, j])),
         ("added_layers", "Layers compose by the matrix product, not the sum: a = W^2 (W^1 x) "
          "= (W^2 W^1) x.", float((W1 + W2)[i, j])),
         ("transposed", f"That is the entry in row {j + 1}, column {i + 1}: the transpose of M.",
          float(M[j, i]))],
    )


def collapsed_bias(rng):
    W1, W2 = _integers(rng, (2, 2)), _integers(rng, (1, 2))
    b1 = np.array([[draw(rng, -2.0, 2.0, avoid=(0.0,))] for _ in range(2)])
    b2 = np.array([[draw(rng, -2.0, 2.0, avoid=(0.0,))]])
    _, c = vanishing.collapse([W1, W2], [b1, b2])
    inner = float((W2 @ b1)[0, 0])
    return numeric(
        f"Two layers with no activation: a = W^2 (W^1 x + b^1) + b^2, with W^1 = {_matrix(W1)}, "
        f"b^1 = {listed(b1)} (a column), W^2 = {_matrix(W2)} and b^2 = {show(b2[0, 0])}. It is "
        f"one layer a = M x + c. What is c?",
        f"Multiply out: W^2 W^1 x + W^2 b^1 + b^2, so M = W^2 W^1 and c = W^2 b^1 + b^2 = "
        f"{show(inner)} + {factor(b2[0, 0])} = {show(c[0, 0])} (c is the output for x = 0).",
        float(c[0, 0]),
        [("biases_added", "The first bias is not simply added: it goes through the second "
          "layer's weights like everything the first layer hands on. c = W^2 b^1 + b^2.",
          float(b1.sum() + b2[0, 0])),
         ("last_bias_left_out", "That is W^2 b^1 alone: the second layer adds its own bias "
          "after the product. c = W^2 b^1 + b^2.", inner),
         ("first_bias_lost", "That is b^2 alone: b^1 is still there, passed through W^2. "
          "c = W^2 b^1 + b^2.", float(b2[0, 0]))],
    )


def linear_stack(rng):
    depth = int(rng.integers(3, 7))
    sizes = [int(rng.integers(2, 5))] + [int(rng.integers(5, 33)) for _ in range(depth - 1)]
    sizes.append(int(rng.integers(1, 4)))
    weights = [rng.standard_normal((n_out, n_in))
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    M, _ = vanishing.collapse(weights)
    widest = max(sizes[1:-1])
    return Choice(
        prompt=f"A network of {depth} layers, sizes {sizes}, with weights and biases but no "
               f"activation function on any layer (each layer computes z = W a + b and hands z "
               f"on). What can it compute, whatever its weights?",
        explanation=f"Each layer is a matrix product plus a bias, and such maps compose into one: "
                    f"W^2 (W^1 x + b^1) + b^2 = (W^2 W^1) x + (W^2 b^1 + b^2). All {depth} "
                    f"layers together are one M x + c with M of shape {M.shape}. That is a "
                    f"straight-line function of x, and XOR is not one. The nonlinearity between "
                    f"the layers is what makes depth worth having.",
        options=[
            Option(f"Only what one layer without an activation can: a = M x + c, with one "
                   f"matrix M of shape {M.shape} and one bias c", True),
            Option(f"More than one layer can: each of the {depth} layers adds weights, so the "
                   f"function can bend at each of them", False, "depth_adds_power",
                   "Without an activation nothing bends: each layer is a matrix product plus a "
                   "bias, and those compose into a single one, M x + c."),
            Option(f"With hidden layers as wide as {widest} units, any function of its "
                   f"{sizes[0]} inputs, XOR included", False, "width_adds_power",
                   "Width does not help either: however many units, a matrix product of matrix "
                   "products is one matrix, and M x + c cannot compute XOR."),
            Option("Nothing useful: without an activation, gradient descent cannot train it",
                   False, "linear_cannot_train",
                   "It trains fine (every f′ is 1, so BP2 is just (W^(l+1))ᵀ δ^(l+1)); it is "
                   "only as expressive as a single linear layer."),
        ],
    )
