"""Wrong versions of train_xor(X, Y, seed, epochs), each the README's recipe with one slip,
written the way a learner would. The grade of ex32 is by score (score.py), not by comparison, so
these are not declared in exercise.toml: score.py replays the ones it can recognise exactly
(REPLAYED there) from the recipe's start, and the tests grade every one of them as a learner's
file."""

import numpy as np

ETA = 8.0


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _start(seed):
    rng = np.random.default_rng(seed)
    W1 = rng.uniform(-0.5, 0.5, (2, 2))
    b1 = rng.uniform(-0.5, 0.5, (2, 1))
    W2 = rng.uniform(-0.5, 0.5, (1, 2))
    b2 = rng.uniform(-0.5, 0.5, (1, 1))
    return W1, b1, W2, b2


def _train(X, Y, start, epochs, eta=ETA, back="delta", hidden=True, keep=True):
    W1, b1, W2, b2 = start
    m = X.shape[1]
    for _ in range(epochs):
        A1 = sigmoid(W1 @ X + b1)
        A2 = sigmoid(W2 @ A1 + b2)
        d2 = (A2 - Y) * A2 * (1 - A2)
        d1 = (W2.T @ (A2 if back == "activation" else d2)) * A1 * (1 - A1)
        new = (W1 - eta * d1 @ X.T / m, b1 - eta * d1.mean(axis=1, keepdims=True),
               W2 - eta * d2 @ A1.T / m, b2 - eta * d2.mean(axis=1, keepdims=True))
        if not keep:
            continue  # the new values are computed and dropped
        if hidden:
            W1, b1 = new[0], new[1]
        W2, b2 = new[2], new[3]
    return [W1, W2], [b1, b2]


def zero_start(X, Y, seed, epochs):
    return _train(X, Y, (np.zeros((2, 2)), np.zeros((2, 1)), np.zeros((1, 2)),
                         np.zeros((1, 1))), epochs)


def hidden_error_from_activations(X, Y, seed, epochs):
    """δ¹ = (W2ᵀ a²) ⊙ σ′(z¹): the next layer's activation where its δ belongs."""
    return _train(X, Y, _start(seed), epochs, back="activation")


def hidden_layer_not_updated(X, Y, seed, epochs):
    return _train(X, Y, _start(seed), epochs, hidden=False)


def weights_never_moved(X, Y, seed, epochs):
    return _train(X, Y, _start(seed), epochs, keep=False)


def learning_rate_too_small(X, Y, seed, epochs):
    return _train(X, Y, _start(seed), epochs, eta=0.1)

