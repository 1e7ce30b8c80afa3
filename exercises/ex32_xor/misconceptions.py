"""Wrong versions of train_xor(X, Y, seed, epochs), each the README's recipe with one slip,
written the way a learner would. The grade of ex32 is by score (score.py), not by comparison, so
these are not declared in exercise.toml: score.py replays them from the case's seed (REPLAYED
there) and names the one the learner's network matches; the tests also grade each one as a
learner's file."""

import numpy as np

ETA = 8.0
SHAPES = {"W1": (2, 2), "b1": (2, 1), "W2": (1, 2), "b2": (1, 1)}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _start(seed, order=("W1", "b1", "W2", "b2")):
    rng = np.random.default_rng(seed)
    drawn = {name: rng.uniform(-0.5, 0.5, SHAPES[name]) for name in order}
    return drawn["W1"], drawn["b1"], drawn["W2"], drawn["b2"]


def _train(X, Y, start, epochs, eta=ETA, back="delta", hidden=True, keep=True,
           output_slope=True, slope="a", order="old_W2", scale="mean", move_biases=True):
    W1, b1, W2, b2 = start
    m = X.shape[1] if scale == "mean" else 1
    for _ in range(epochs):
        Z1 = W1 @ X + b1
        A1 = sigmoid(Z1)
        Z2 = W2 @ A1 + b2
        A2 = sigmoid(Z2)
        slope1, slope2 = (A1 * (1 - A1), A2 * (1 - A2)) if slope == "a" else \
            (Z1 * (1 - Z1), Z2 * (1 - Z2))
        d2 = (A2 - Y) * (slope2 if output_slope else 1.0)
        new_W2 = W2 - eta * d2 @ A1.T / m
        through = new_W2 if order == "new_W2" else W2
        d1 = (through.T @ (A2 if back == "activation" else d2)) * slope1
        new = (W1 - eta * d1 @ X.T / m, b1 - eta * d1.sum(axis=1, keepdims=True) / m,
               new_W2, b2 - eta * d2.sum(axis=1, keepdims=True) / m)
        if not keep:
            continue  # the new values are computed and dropped
        if hidden:
            W1 = new[0]
            b1 = new[1] if move_biases else b1
        W2 = new[2]
        b2 = new[3] if move_biases else b2
    return [W1, W2], [b1, b2]


def zero_start(X, Y, seed, epochs):
    return _train(X, Y, (np.zeros((2, 2)), np.zeros((2, 1)), np.zeros((1, 2)),
                         np.zeros((1, 1))), epochs)


def start_drawn_in_another_order(X, Y, seed, epochs):
    """Nielsen's network.py draws every bias first, then every weight."""
    return _train(X, Y, _start(seed, ("b1", "b2", "W1", "W2")), epochs)


def weights_drawn_first(X, Y, seed, epochs):
    """Every weight first, then every bias (named start_drawn_in_another_order too)."""
    return _train(X, Y, _start(seed, ("W1", "W2", "b1", "b2")), epochs)


def bias_drawn_before_weights(X, Y, seed, epochs):
    """Layer by layer, each bias before its weights (named start_drawn_in_another_order too)."""
    return _train(X, Y, _start(seed, ("b1", "W1", "b2", "W2")), epochs)


def hidden_error_from_activations(X, Y, seed, epochs):
    """δ¹ = (W2ᵀ a²) ⊙ σ′(z¹): the next layer's activation where its δ belongs."""
    return _train(X, Y, _start(seed), epochs, back="activation")


def output_updated_before_hidden_error(X, Y, seed, epochs):
    """W2 moves first, then δ¹ is passed back through the new W2 (the slip of ex31)."""
    return _train(X, Y, _start(seed), epochs, order="new_W2")


def output_error_without_slope(X, Y, seed, epochs):
    """δ² = a² − y: the output's σ′ left out (the cross-entropy's δ, with the quadratic cost)."""
    return _train(X, Y, _start(seed), epochs, output_slope=False)


def slope_of_z(X, Y, seed, epochs):
    """σ′(z) written as z(1 − z), the form that is right only on a = σ(z)."""
    return _train(X, Y, _start(seed), epochs, slope="z")


def hidden_layer_not_updated(X, Y, seed, epochs):
    return _train(X, Y, _start(seed), epochs, hidden=False)


def biases_never_updated(X, Y, seed, epochs):
    return _train(X, Y, _start(seed), epochs, move_biases=False)


def weights_never_moved(X, Y, seed, epochs):
    return _train(X, Y, _start(seed), epochs, keep=False)


def gradient_ascent(X, Y, seed, epochs):
    return _train(X, Y, _start(seed), epochs, eta=-ETA)


def gradients_summed(X, Y, seed, epochs):
    """The gradients summed over the four samples, not averaged: every step 4 times too large."""
    return _train(X, Y, _start(seed), epochs, scale="sum")


def factor_of_two(X, Y, seed, epochs):
    """∂C/∂a = 2(a − y), from C = (a − y)², where the recipe's C = ½(a − y)² gives a − y."""
    return _train(X, Y, _start(seed), epochs, eta=2 * ETA)


def learning_rate_too_small(X, Y, seed, epochs):
    return _train(X, Y, _start(seed), epochs, eta=0.1)
