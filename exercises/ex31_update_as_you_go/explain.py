"""One backward loop on a [2, 3, 2, 1] sigmoid network: each layer's turn, with the error passed
back through the old W and, for comparison, through the new one, by the reference engine."""

import numpy as np

from grader.course.worked import matrix
from reference.activations import sigmoid_prime
from reference.layers import backprop, layer_forward
from reference.update_as_you_go import backward_update


def explain(rng: np.random.Generator) -> str:
    sizes = [2, 3, 2, 1]
    weights = [np.round(rng.uniform(-1.5, 1.5, (n_out, n_in)), 1)
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [np.round(rng.uniform(-0.5, 0.5, (n_out, 1)), 1) for n_out in sizes[1:]]
    activations = ["sigmoid"] * 3
    X = np.round(rng.uniform(-2, 2, (2, 4)), 1)
    Y = np.round(rng.uniform(0.1, 0.9, (1, 4)), 1)
    rate = float(rng.choice([2.0, 3.0, 4.0]))
    deltas, grad_w, _ = backprop(weights, biases, activations, X, Y)
    new_w, new_b = backward_update(weights, biases, activations, X, Y, rate)
    Zs, A = [], X
    for W, b in zip(weights, biases, strict=True):
        Z, A = layer_forward(W, b, A, "sigmoid")
        Zs.append(Z)
    lines = [f"Network {sizes}, sigmoid, a mini-batch of m = 4, η = {rate:g}. "
             "From the output down, layer by layer:"]
    for layer in reversed(range(3)):
        lines += [
            f"Layer {layer + 1}'s turn:",
            f"  δ{layer + 1} = {matrix(deltas[layer])}",
            f"  ∂C/∂W{layer + 1} = δ{layer + 1} A{layer}ᵀ / 4 = {matrix(grad_w[layer])}",
        ]
        if layer > 0:
            moved = weights[layer] - rate * grad_w[layer]
            wrong = (moved.T @ deltas[layer]) * sigmoid_prime(Zs[layer - 1])
            gap = np.abs(wrong - deltas[layer - 1]).max()
            lines += [
                f"  pass back with the OLD W{layer + 1}: "
                f"δ{layer} = (W{layer + 1}ᵀ δ{layer + 1}) ⊙ σ′(Z{layer}) = "
                f"{matrix(deltas[layer - 1])}",
                f"  (through the new W{layer + 1} it would be {matrix(wrong)}, off by up to "
                f"{gap:.2g})",
            ]
        lines.append(f"  only now: W{layer + 1} ← W{layer + 1} − {rate:g}·∂C/∂W{layer + 1} = "
                     f"{matrix(new_w[layer])},  b{layer + 1} ← {matrix(new_b[layer])}")
    lines.append("The new lists, first layer first, are exactly ex20's sgd_step.")
    return "\n".join(lines)
