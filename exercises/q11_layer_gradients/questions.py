"""q11 · BP3 and BP4 averaged over the batch: ∂C/∂W = δ Aᵀ / m, ∂C/∂b = mean of δ.

Every number shown is drawn from rng; right answers come from reference.layers (backprop,
layer_gradients); the slips are the same values put through the wrong formula."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, listed, show
from grader.grading.quiz import Shape, Slip, numeric
from reference import layers
from reference.network import Network


def _gradients(rng):
    """Sizes (distinct), batch size m (not one of them), a layer l and its engine gradients."""
    sizes = [int(n) for n in rng.choice(np.arange(2, 9), size=3, replace=False)]
    m = int(rng.choice([n for n in range(3, 11) if n not in sizes]))
    layer = int(rng.integers(1, 3))
    net = Network.from_sizes(sizes, "sigmoid", rng)
    X, Y = rng.standard_normal((sizes[0], m)), rng.random((sizes[-1], m))
    _, grad_w, grad_b = layers.backprop(net.weights, net.biases, net.activations, X, Y)
    return sizes, m, layer, grad_w[layer - 1], grad_b[layer - 1]


def weight_gradient_shape(rng):
    sizes, m, layer, grad_w, _ = _gradients(rng)
    n_l, n_prev, prev = sizes[layer], sizes[layer - 1], layer - 1
    answer = grad_w.shape
    return Shape(
        prompt=f"Layer sizes {sizes} (layer 0 is the input), a mini-batch of m = {m} samples as "
               f"columns. What is the shape of ∂C/∂W^{layer}?",
        explanation=f"A gradient has the shape of its parameter: W^{layer} is ({n_l}, "
                    f"{n_prev}). In δ^{layer} (a^{prev})ᵀ / m, δ^{layer} is ({n_l}, {m}) and "
                    f"(a^{prev})ᵀ is ({m}, {n_prev}): the product sums over the {m} "
                    f"samples, leaving ({n_l}, {n_prev}).",
        answer=answer,
        slips=[Slip("transposed_product", f"That is the shape of a^{prev} δᵀ, the transpose. "
                    f"∂C/∂W^{layer} must match W^{layer}: ({n_l}, {n_prev}), a row per unit "
                    f"fed, so δ (a^{prev})ᵀ.", answer[::-1]),
               Slip("gradient_per_sample", f"That is the shape of δ^{layer}, one column per "
                    f"sample. The product δ aᵀ sums the samples away (and /m makes it a mean): one "
                    f"gradient per weight, ({n_l}, {n_prev}).", (n_l, m))],
    )


def bias_gradient_shape(rng):
    sizes, m, layer, _, grad_b = _gradients(rng)
    n_l = sizes[layer]
    answer = grad_b.shape
    return Shape(
        prompt=f"Layer sizes {sizes} (layer 0 is the input), a mini-batch of m = {m} samples as "
               f"columns. What is the shape of ∂C/∂b^{layer}?",
        explanation=f"Like b^{layer}: one bias per unit, kept a column, ({n_l}, 1). It is the "
                    f"mean of δ^{layer} ({n_l}, {m}) over its columns, with keepdims=True.",
        answer=answer,
        slips=[Slip("db_flat", f"Right numbers, but a flat ({n_l},): keep it a column like "
                    f"b^{layer}, ({n_l}, 1) (mean with keepdims=True). A flat one broadcasts "
                    f"b − η·db into a ({n_l}, {n_l}) matrix.", (n_l,)),
               Slip("gradient_per_sample", f"That is the shape of δ^{layer}, one column per "
                    f"sample. The bias gradient is the mean over the samples: ({n_l}, 1).",
                    (n_l, m))],
    )


def _batch(rng):
    """One unit's δ over m samples and one input's activations; mean(δ·a) ≠ mean δ · mean a."""
    m = int(rng.integers(2, 4))
    while True:
        delta = np.array([[draw(rng, -0.5, 0.5, digits=2, avoid=(0.0,)) for _ in range(m)]])
        a = np.array([[draw(rng, -1.0, 2.0, avoid=(0.0,)) for _ in range(m)]])
        if (abs(float(np.mean(delta * a)) - float(np.mean(delta) * np.mean(a))) > 0.01
                and abs(float(np.mean(delta))) > 0.01 and abs(float(np.mean(delta * a))) > 0.01):
            return m, delta, a


def one_weight_over_a_batch(rng):
    m, delta, a = _batch(rng)
    j, k = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    grad_w, _ = layers.layer_gradients(delta, a)
    answer = float(grad_w[0, 0])
    products = " + ".join(f"{show(d)}·{factor(x)}" for d, x in zip(delta[0], a[0], strict=True))
    return numeric(
        f"A mini-batch of m = {m} samples. Unit {j} of layer l has the errors δ_{j} = "
        f"{listed(delta, brackets='()')}, one per sample, and unit {k} of layer l − 1 had the "
        f"activations a_{k} = {listed(a, brackets='()')}. What is ∂C/∂w_{j}{k} (BP4, averaged "
        f"over the batch)?",
        f"Per sample ∂C/∂w_jk = a_k δ_j; the batch gradient is their mean: ({products}) / {m} = "
        f"{show(answer)}.",
        answer,
        [("no_batch_average", f"That is the SUM over the samples, {m} times too big. The cost "
          f"is the mean over the batch, so its gradient is the mean: divide by m = {m}.",
          m * answer),
         ("product_of_means", "That is mean(δ) · mean(a). Multiply sample by sample first, "
          "then average: each sample's gradient is its own a_k δ_j.",
          float(np.mean(delta) * np.mean(a)))],
    )


def one_bias_over_a_batch(rng):
    m, delta, a = _batch(rng)
    j = int(rng.integers(1, 4))
    _, grad_b = layers.layer_gradients(delta, a)
    answer = float(grad_b[0, 0])
    return numeric(
        f"A mini-batch of m = {m} samples. Unit {j} of layer l has the errors δ_{j} = "
        f"{listed(delta, brackets='()')}, one per sample; its inputs from layer l − 1 include "
        f"a_1 = {listed(a, brackets='()')}. What is ∂C/∂b_{j} (BP3, averaged over the batch)?",
        f"Per sample ∂C/∂b_j = δ_j (the bias is added to z_j: no input factor); the batch "
        f"gradient is the mean: ({' + '.join(show(d) for d in delta[0])}) / {m} = "
        f"{show(answer)}.",
        answer,
        [("db_summed", f"That is the SUM of δ over the samples, {m} times too big. Average it: "
          f"divide by m = {m}.", m * answer),
         ("db_times_x", "You multiplied by an input, as for a weight. The bias is added to z, "
          "so ∂C/∂b_j = δ_j, averaged over the batch.", float(np.mean(delta * a)))],
    )
