"""A worked backprop on a [2, 2, 1] sigmoid network with m = 2, by the reference engine."""

import numpy as np

from reference.activations import sigmoid_prime
from reference.layers import backprop, layer_forward


def _m(value) -> str:
    return np.array2string(np.round(value, 4), separator=", ").replace("\n", "")


def explain(rng: np.random.Generator) -> str:
    W1 = np.round(rng.uniform(-1, 1, (2, 2)), 1)
    b1 = np.round(rng.uniform(-0.5, 0.5, (2, 1)), 1)
    W2 = np.round(rng.uniform(-1.5, 1.5, (1, 2)), 1)
    b2 = np.round(rng.uniform(-0.5, 0.5, (1, 1)), 1)
    X = np.round(rng.uniform(-2, 2, (2, 2)), 1)
    Y = np.round(rng.uniform(0.1, 0.9, (1, 2)), 1)
    Z1, A1 = layer_forward(W1, b1, X, "sigmoid")
    Z2, A2 = layer_forward(W2, b2, A1, "sigmoid")
    deltas, grad_w, grad_b = backprop([W1, W2], [b1, b2], ["sigmoid", "sigmoid"], X, Y)
    return "\n".join([
        "Network [2, 2, 1], sigmoid layers, C = ½‖y − a‖² averaged over m = 2 samples.",
        f"  W1 = {_m(W1)}  b1 = {_m(b1)}",
        f"  W2 = {_m(W2)}  b2 = {_m(b2)}",
        f"  X  = {_m(X)}  Y = {_m(Y)}",
        "Forward (keep every Z and A):",
        f"  Z1 = W1 X + b1  = {_m(Z1)}",
        f"  A1 = σ(Z1)      = {_m(A1)}",
        f"  Z2 = W2 A1 + b2 = {_m(Z2)}",
        f"  A2 = σ(Z2)      = {_m(A2)}",
        "BP1, the output layer:",
        f"  A2 − Y   = {_m(A2 - Y)}",
        f"  σ′(Z2)   = {_m(sigmoid_prime(Z2))}",
        f"  δ2 = (A2 − Y) ⊙ σ′(Z2) = {_m(deltas[1])}",
        "BP2, one layer down:",
        f"  W2ᵀ δ2   = {_m(W2.T @ deltas[1])}",
        f"  σ′(Z1)   = {_m(sigmoid_prime(Z1))}",
        f"  δ1 = (W2ᵀ δ2) ⊙ σ′(Z1) = {_m(deltas[0])}",
        "BP4 and BP3, averaged over the m = 2 columns:",
        f"  ∂C/∂W2 = δ2 A1ᵀ / 2 = {_m(grad_w[1])}    ∂C/∂b2 = mean(δ2) = {_m(grad_b[1])}",
        f"  ∂C/∂W1 = δ1 Xᵀ / 2  = {_m(grad_w[0])}    ∂C/∂b1 = mean(δ1) = {_m(grad_b[0])}",
    ])
