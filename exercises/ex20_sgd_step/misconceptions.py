"""Wrong variants of sgd_step(weights, biases, activations, X, Y, learning_rate)."""

from reference.layers import backprop


def _step(weights, biases, activations, X, Y, rate, *, sign=-1.0, move_biases=True):
    _, grad_w, grad_b = backprop(weights, biases, activations, X, Y)
    new_w = [W + sign * rate * g for W, g in zip(weights, grad_w, strict=True)]
    if biases is None:
        return new_w, None
    if not move_biases:
        return new_w, [b.copy() for b in biases]
    return new_w, [b + sign * rate * g for b, g in zip(biases, grad_b, strict=True)]


def gradient_ascent(weights, biases, activations, X, Y, learning_rate):
    return _step(weights, biases, activations, X, Y, learning_rate, sign=1.0)


def divided_by_batch_again(weights, biases, activations, X, Y, learning_rate):
    return _step(weights, biases, activations, X, Y, learning_rate / X.shape[1])


def biases_not_updated(weights, biases, activations, X, Y, learning_rate):
    return _step(weights, biases, activations, X, Y, learning_rate, move_biases=False)
