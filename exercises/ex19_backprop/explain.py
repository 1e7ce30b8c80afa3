"""A worked backprop on a [2, 2, 1] sigmoid network with m = 2, by the reference engine."""

import numpy as np

from exercises.ex19_backprop.shapes import diagrams
from grader.course.worked import matrix
from reference.activations import sigmoid_prime
from reference.layers import backprop, layer_forward


def example(rng: np.random.Generator) -> tuple[list[str], list[dict]]:
    W1 = np.round(rng.uniform(-1, 1, (2, 2)), 1)
    b1 = np.round(rng.uniform(-0.5, 0.5, (2, 1)), 1)
    W2 = np.round(rng.uniform(-1.5, 1.5, (1, 2)), 1)
    b2 = np.round(rng.uniform(-0.5, 0.5, (1, 1)), 1)
    X = np.round(rng.uniform(-2, 2, (2, 2)), 1)
    Y = np.round(rng.uniform(0.1, 0.9, (1, 2)), 1)
    Z1, A1 = layer_forward(W1, b1, X, "sigmoid")
    Z2, A2 = layer_forward(W2, b2, A1, "sigmoid")
    deltas, grad_w, grad_b = backprop([W1, W2], [b1, b2], ["sigmoid", "sigmoid"], X, Y)
    return [
        "Network [2, 2, 1], sigmoid layers, C = ½‖y − a‖² averaged over m = 2 samples.",
        f"  W1 = {matrix(W1)}  b1 = {matrix(b1)}",
        f"  W2 = {matrix(W2)}  b2 = {matrix(b2)}",
        f"  X  = {matrix(X)}  Y = {matrix(Y)}",
        "Forward (keep every Z and A):",
        f"  Z1 = W1 X + b1  = {matrix(Z1)}",
        f"  A1 = σ(Z1)      = {matrix(A1)}",
        f"  Z2 = W2 A1 + b2 = {matrix(Z2)}",
        f"  A2 = σ(Z2)      = {matrix(A2)}",
        "BP1, the output layer:",
        f"  A2 − Y   = {matrix(A2 - Y)}",
        f"  σ′(Z2)   = {matrix(sigmoid_prime(Z2))}",
        f"  δ2 = (A2 − Y) ⊙ σ′(Z2) = {matrix(deltas[1])}",
        "BP2, one layer down:",
        f"  W2ᵀ δ2   = {matrix(W2.T @ deltas[1])}",
        f"  σ′(Z1)   = {matrix(sigmoid_prime(Z1))}",
        f"  δ1 = (W2ᵀ δ2) ⊙ σ′(Z1) = {matrix(deltas[0])}",
        "BP4 and BP3, averaged over the m = 2 columns:",
        f"  ∂C/∂W2 = δ2 A1ᵀ / 2 = {matrix(grad_w[1])}    ∂C/∂b2 = mean(δ2) = {matrix(grad_b[1])}",
        f"  ∂C/∂W1 = δ1 Xᵀ / 2  = {matrix(grad_w[0])}    ∂C/∂b1 = mean(δ1) = {matrix(grad_b[0])}",
        "",
        "The shapes (X = A0): BP2 into layer 1, then BP4 and BP3 at the output, layer 2.",
    ], diagrams([W1, W2], X, first=1)
