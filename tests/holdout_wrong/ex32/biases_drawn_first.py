# Draws the biases before the weights, in the order of Nielsen's network.py (self.biases first, then self.weights), so the start is not the recipe's W1, b1, W2, b2.
"""Step ex32: teach a 2-2-1 sigmoid network XOR, on any seed.

Edit this file, then run `learn check ex32`.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train_xor(X, Y, seed, epochs):
    """Train a 2-2-1 network, sigmoid on both layers, on XOR and return (weights, biases)."""
    rng = np.random.default_rng(seed)
    b1 = rng.uniform(-0.5, 0.5, (2, 1))
    b2 = rng.uniform(-0.5, 0.5, (1, 1))
    W1 = rng.uniform(-0.5, 0.5, (2, 2))
    W2 = rng.uniform(-0.5, 0.5, (1, 2))
    eta = 8.0
    m = X.shape[1]
    for _ in range(epochs):
        A1 = sigmoid(W1 @ X + b1)
        A2 = sigmoid(W2 @ A1 + b2)
        delta2 = (A2 - Y) * A2 * (1 - A2)
        delta1 = (W2.T @ delta2) * A1 * (1 - A1)
        W2 = W2 - eta * delta2 @ A1.T / m
        b2 = b2 - eta * delta2.mean(axis=1, keepdims=True)
        W1 = W1 - eta * delta1 @ X.T / m
        b1 = b1 - eta * delta1.mean(axis=1, keepdims=True)
    return [W1, W2], [b1, b2]
