"""A correct ex32, written the way a learner would: the recipe's start, then full-batch gradient
descent with every equation written out for the 2-2-1 network."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train_xor(X, Y, seed, epochs):
    rng = np.random.default_rng(seed)
    W1 = rng.uniform(-0.5, 0.5, (2, 2))
    b1 = rng.uniform(-0.5, 0.5, (2, 1))
    W2 = rng.uniform(-0.5, 0.5, (1, 2))
    b2 = rng.uniform(-0.5, 0.5, (1, 1))
    eta = 8.0
    m = X.shape[1]
    for epoch in range(epochs):
        A1 = sigmoid(W1 @ X + b1)  # forward
        A2 = sigmoid(W2 @ A1 + b2)
        delta2 = (A2 - Y) * A2 * (1 - A2)  # BP1: σ′(z) = a(1 − a)
        delta1 = (W2.T @ delta2) * A1 * (1 - A1)  # BP2: the error of the layer above
        W2, b2 = W2 - eta * delta2 @ A1.T / m, b2 - eta * delta2.mean(axis=1, keepdims=True)
        W1, b1 = W1 - eta * delta1 @ X.T / m, b1 - eta * delta1.mean(axis=1, keepdims=True)
        if epoch % 1000 == 0:
            print(f"epoch {epoch}: cost {np.mean(0.5 * (A2 - Y) ** 2):.4f}")
    return [W1, W2], [b1, b2]
