"""q09 · A layer in Nielsen's notation: W^l is (n_l, n_(l−1)), samples are columns,
Z = W A_prev + b.

Every number shown is drawn from rng; right answers come from the reference engine
(reference.network.Network.from_sizes, reference.layers.layer_forward); the slips are the same
values put through the wrong convention."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, show
from grader.grading.quiz import Choice, Option, Shape, Slip, numeric
from reference import layers
from reference.network import Network


def _sizes(rng, count=3):
    """Distinct layer sizes, so that a transposed shape can be told from the right one."""
    return [int(n) for n in rng.choice(np.arange(2, 9), size=count, replace=False)]


def which_weight(rng):
    sizes = _sizes(rng, 4)
    layer = int(rng.integers(1, 3))
    prev = layer - 1
    top = min(sizes[layer - 1 : layer + 2])  # units j and k exist in layers l − 1, l and l + 1
    j, k = (int(n) for n in rng.choice(np.arange(1, top + 1), size=2, replace=False))
    return Choice(
        prompt=f"A network with layer sizes {sizes} (layer 0 is the input). In Nielsen's "
               f"notation, which connection has the weight w^{layer}_{j}{k}?",
        explanation=f"w^l_jk: the upper index l is the layer the weight feeds INTO, the first "
                    f"lower index j the unit it feeds, the second k the unit of layer l − 1 it "
                    f"comes from. So w^{layer}_{j}{k} goes from unit {k} of layer {prev} to "
                    f"unit {j} of layer {layer}: entry ({j}, {k}) of W^{layer}, row {j} holding "
                    f"everything that feeds unit {j}.",
        options=[
            Option(f"From unit {k} of layer {prev} into unit {j} of layer {layer}", True),
            Option(f"From unit {j} of layer {prev} into unit {k} of layer {layer}", False,
                   "transposed_weights",
                   "The order j, k reads backwards along the arrow: j is the unit fed (in "
                   "layer l), k the unit it comes from (in layer l − 1). That way row j of W^l "
                   "holds everything that feeds unit j, and z = W a works."),
            Option(f"From unit {j} of layer {layer} into unit {k} of layer {layer + 1}", False,
                   "layer_index_off_by_one",
                   f"The upper index names the layer the weight feeds INTO: w^{layer} sits between "
                   f"layers {prev} and {layer}."),
            Option(f"From unit {k} of layer {layer} into unit {j} of layer {layer + 1}", False,
                   "layer_index_off_by_one",
                   f"The upper index names the layer the weight feeds INTO: w^{layer} sits between "
                   f"layers {prev} and {layer}."),
        ],
    )


def weight_shape(rng):
    sizes = _sizes(rng)
    layer = int(rng.integers(1, 3))
    n_l, n_prev, prev = sizes[layer], sizes[layer - 1], layer - 1
    net = Network.from_sizes(sizes, "sigmoid", rng)
    answer = net.weights[layer - 1].shape
    return Shape(
        prompt=f"A network with layer sizes {sizes} (layer 0 is the input). What is the shape "
               f"of W^{layer}, the weights into layer {layer}?",
        explanation=f"W^l is (n_l, n_(l−1)): one row per unit of layer {layer} ({n_l}), one "
                    f"column per unit of layer {prev} ({n_prev}), so that "
                    f"z^{layer} = W^{layer} a^{prev} works: ({n_l}, {n_prev}) times a "
                    f"column of {n_prev} gives a column of {n_l}.",
        answer=answer,
        slips=[Slip("transposed_weights", "Rows and columns swapped: W^l has one ROW per unit "
                    "it feeds (layer l) and one column per input (layer l − 1), so that "
                    "z = W a gives one entry per unit of layer l.", answer[::-1])],
    )


def batch_shape(rng):
    sizes = _sizes(rng)
    m = int(rng.integers(9, 65))
    layer = int(rng.integers(1, 3))
    n_l, n_prev, prev = sizes[layer], sizes[layer - 1], layer - 1
    net = Network.from_sizes(sizes, "sigmoid", rng)
    X = rng.standard_normal((sizes[0], m))
    A = X
    for index in range(layer):
        Z, A = layers.layer_forward(net.weights[index], net.biases[index], A, "sigmoid")
    answer = Z.shape
    return Shape(
        prompt=f"Layer sizes {sizes}; a batch of m = {m} samples goes through at once, one "
               f"sample per column (X is ({sizes[0]}, {m})). What is the shape of "
               f"Z^{layer} = W^{layer} A^{prev} + b^{layer}?",
        explanation=f"W^{layer} is ({n_l}, {n_prev}) and A^{prev} is "
                    f"({n_prev}, {m}), so the product is ({n_l}, {m}): one row per "
                    f"unit of layer {layer}, one column per sample. b^{layer} ({n_l}, 1) is added "
                    f"to every column.",
        answer=answer,
        slips=[Slip("samples_as_rows", "Samples are COLUMNS here: Z^l has one row per unit and "
                    f"one column per sample, ({n_l}, {m}).", answer[::-1]),
               Slip("shape_of_w", f"That is the shape of W^{layer}. Z^{layer} holds one "
                    f"weighted input per unit and per sample: ({n_l}, {m}).", (n_l, n_prev))],
    )


def weighted_input(rng):
    while True:
        W = np.array([[draw(rng, -1.0, 1.0, avoid=(0.0,)) for _ in range(2)] for _ in range(2)])
        if abs(W[0, 1] - W[1, 0]) > 0.15:
            break
    a = np.array([[draw(rng, -1.0, 2.0, avoid=(0.0,))] for _ in range(2)])
    b = np.array([[draw(rng, -0.5, 0.5, avoid=(0.0,))] for _ in range(2)])
    j = int(rng.integers(2))
    Z, _ = layers.layer_forward(W, b, a, "sigmoid")
    Zt, _ = layers.layer_forward(W.T, b, a, "sigmoid")
    Znb, _ = layers.layer_forward(W, None, a, "sigmoid")
    answer = float(Z[j, 0])
    rows = ", ".join(f"[{show(W[r, 0])}, {show(W[r, 1])}]" for r in range(2))
    terms = " + ".join(f"{show(W[j, k])}·{factor(a[k, 0])}" for k in range(2))
    return numeric(
        f"A layer of 2 units with W = [{rows}] (rows are units), b = ({show(b[0, 0])}, "
        f"{show(b[1, 0])}), and the activations coming in a = ({show(a[0, 0])}, "
        f"{show(a[1, 0])}). What is z_{j + 1}, the weighted input of unit {j + 1}?",
        f"z_j = Σ_k w_jk a_k + b_j uses row {j + 1} of W: z_{j + 1} = {terms} + "
        f"{show(b[j, 0])} = {show(answer)}.",
        answer,
        [("transposed_weights", f"You used column {j + 1} of W, the weights LEAVING input "
          f"{j + 1}. Unit {j + 1} collects along row {j + 1}: w_{j + 1}1 and w_{j + 1}2.",
          float(Zt[j, 0])),
         ("bias_ignored", f"The bias is missing: z_{j + 1} = Σ_k w_{j + 1}k a_k + b_{j + 1}.",
          float(Znb[j, 0]))],
    )
