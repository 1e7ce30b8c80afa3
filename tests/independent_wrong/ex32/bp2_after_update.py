# Updates W2 first and then builds the hidden error from the new W2 (using the updated weight before computing the earlier layer's error).
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train_xor(X, Y, seed, epochs):
    rng = np.random.default_rng(seed)
    W1 = rng.uniform(-0.5, 0.5, (2, 2))
    b1 = rng.uniform(-0.5, 0.5, (2, 1))
    W2 = rng.uniform(-0.5, 0.5, (1, 2))
    b2 = rng.uniform(-0.5, 0.5, (1, 1))
    m = X.shape[1]
    eta = 8.0
    for _ in range(epochs):
        A1 = sigmoid(W1 @ X + b1)
        A2 = sigmoid(W2 @ A1 + b2)
        d2 = (A2 - Y) * A2 * (1 - A2)
        W2 = W2 - eta * d2 @ A1.T / m
        b2 = b2 - eta * d2.mean(axis=1, keepdims=True)
        d1 = (W2.T @ d2) * A1 * (1 - A1)
        W1 = W1 - eta * d1 @ X.T / m
        b1 = b1 - eta * d1.mean(axis=1, keepdims=True)
    return [W1, W2], [b1, b2]
