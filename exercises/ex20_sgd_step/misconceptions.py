"""Wrong variants of sgd_step(weights, biases, activations, X, Y, learning_rate)."""

from reference.activations import ACTIVATIONS
from reference.layers import backprop


def _step(weights, biases, activations, X, Y, rate, *, sign=-1.0, move_biases=True,
          flat_db=False):
    _, grad_w, grad_b = backprop(weights, biases, activations, X, Y)
    new_w = [W + sign * rate * g for W, g in zip(weights, grad_w, strict=True)]
    if biases is None:
        return new_w, None
    if not move_biases:
        return new_w, [b.copy() for b in biases]
    if flat_db:  # (n, 1) minus (n,) broadcasts to (n, n)
        grad_b = [g.ravel() for g in grad_b]
    return new_w, [b + sign * rate * g for b, g in zip(biases, grad_b, strict=True)]


def gradient_ascent(weights, biases, activations, X, Y, learning_rate):
    return _step(weights, biases, activations, X, Y, learning_rate, sign=1.0)


def divided_by_batch_again(weights, biases, activations, X, Y, learning_rate):
    return _step(weights, biases, activations, X, Y, learning_rate / X.shape[1])


def biases_not_updated(weights, biases, activations, X, Y, learning_rate):
    return _step(weights, biases, activations, X, Y, learning_rate, move_biases=False)


def flat_bias_gradient(weights, biases, activations, X, Y, learning_rate):
    return _step(weights, biases, activations, X, Y, learning_rate, flat_db=True)


def updated_during_backward(weights, biases, activations, X, Y, learning_rate):
    """Each layer steps as soon as its δ is known; BP2 then goes back through the new W."""
    A, As, Zs = X, [X], []
    for layer, W in enumerate(weights):
        Z = W @ A + (0 if biases is None else biases[layer])
        A = ACTIVATIONS[activations[layer]].fn(Z)
        Zs.append(Z)
        As.append(A)
    m = X.shape[1]
    new_w = list(weights)
    new_b = None if biases is None else list(biases)
    delta = (As[-1] - Y) * ACTIVATIONS[activations[-1]].prime(Zs[-1])
    for layer in range(len(weights) - 1, -1, -1):
        new_w[layer] = weights[layer] - learning_rate * (delta @ As[layer].T) / m
        if biases is not None:
            new_b[layer] = biases[layer] - learning_rate * delta.mean(axis=1, keepdims=True)
        if layer > 0:
            delta = (new_w[layer].T @ delta) * ACTIVATIONS[activations[layer - 1]].prime(
                Zs[layer - 1])
    return new_w, new_b


def layer_by_layer_steps(weights, biases, activations, X, Y, learning_rate):
    """One layer at a time from the output down, backprop run again after each step, so each
    layer's gradient is taken with the layers above it already moved."""
    new_w = [W.copy() for W in weights]
    new_b = None if biases is None else [b.copy() for b in biases]
    for layer in range(len(weights) - 1, -1, -1):
        _, grad_w, grad_b = backprop(new_w, new_b, activations, X, Y)
        new_w[layer] = new_w[layer] - learning_rate * grad_w[layer]
        if new_b is not None:
            new_b[layer] = new_b[layer] - learning_rate * grad_b[layer]
    return new_w, new_b
