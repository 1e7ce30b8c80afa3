"""One SGD step on a small network, by the reference engine: gradients, step, cost before/after."""

import numpy as np

from grader.course.worked import matrix
from reference.layers import backprop, network_cost, sgd_step


def explain(rng: np.random.Generator) -> str:
    weights = [np.round(rng.uniform(-1, 1, (2, 2)), 1),
               np.round(rng.uniform(-1.5, 1.5, (1, 2)), 1)]
    biases = [np.round(rng.uniform(-0.5, 0.5, (2, 1)), 1),
              np.round(rng.uniform(-0.5, 0.5, (1, 1)), 1)]
    activations = ["sigmoid", "sigmoid"]
    X = np.round(rng.uniform(-2, 2, (2, 3)), 1)
    Y = np.round(rng.uniform(0.1, 0.9, (1, 3)), 1)
    rate = float(rng.choice([0.5, 1.0, 3.0]))
    _, grad_w, grad_b = backprop(weights, biases, activations, X, Y)
    new_w, new_b = sgd_step(weights, biases, activations, X, Y, rate)
    lines = [f"Network [2, 2, 1], sigmoid, a mini-batch of m = 3 samples, η = {rate:g}.",
             f"  X = {matrix(X)}   Y = {matrix(Y)}",
             f"  cost before: {network_cost(weights, biases, activations, X, Y):.6f}"]
    for layer in range(2):
        lines += [
            f"Layer {layer + 1}:",
            f"  W{layer + 1} = {matrix(weights[layer])}"
            f"   ∂C/∂W{layer + 1} = {matrix(grad_w[layer])}",
            f"  W{layer + 1} − {rate:g}·∂C/∂W{layer + 1} = {matrix(new_w[layer])}",
            f"  b{layer + 1} = {matrix(biases[layer])}"
            f"   ∂C/∂b{layer + 1} = {matrix(grad_b[layer])}",
            f"  b{layer + 1} − {rate:g}·∂C/∂b{layer + 1} = {matrix(new_b[layer])}",
        ]
    lines.append(f"  cost after:  {network_cost(new_w, new_b, activations, X, Y):.6f}")
    return "\n".join(lines)
