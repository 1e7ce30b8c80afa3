"""Wrong variants of backward_update(weights, biases, activations, X, Y, learning_rate), each
one slip in an otherwise right loop."""

from reference.activations import ACTIVATIONS


def _loop(weights, biases, activations, X, Y, rate, *, through="old", order="forward",
          scale="mean", move_biases=True, sign=-1.0, inputs="below", slope="below"):
    A, As, Zs = X, [X], []
    for layer, W in enumerate(weights):
        Z = W @ A + (0 if biases is None else biases[layer])
        A = ACTIVATIONS[activations[layer]].fn(Z)
        Zs.append(Z)
        As.append(A)
    m = X.shape[1] if scale in ("mean", "rate_over_m") else 1
    rate = rate / X.shape[1] if scale == "rate_over_m" else rate
    new_w, new_b = [], None if biases is None else []
    delta = (As[-1] - Y) * ACTIVATIONS[activations[-1]].prime(Zs[-1])
    for layer in reversed(range(len(weights))):
        A_in = As[layer] if inputs == "below" else As[layer + 1]
        W = weights[layer] + sign * rate * (delta @ A_in.T) / m
        new_w.append(W)
        if biases is not None:
            b = biases[layer].copy()
            if move_biases:
                b = b + sign * rate * delta.sum(axis=1, keepdims=True) / m
            new_b.append(b)
        if layer > 0:
            back = W if through == "new" else weights[layer]
            z_of, f_of = {"below": (layer - 1, layer - 1), "own": (layer, layer),
                          "activation_above": (layer - 1, layer)}[slope]
            delta = (back.T @ delta) * ACTIVATIONS[activations[f_of]].prime(Zs[z_of])
    if order == "forward":
        new_w.reverse()
        if new_b is not None:
            new_b.reverse()
    return new_w, new_b


def error_through_updated_weights(weights, biases, activations, X, Y, learning_rate):
    return _loop(weights, biases, activations, X, Y, learning_rate, through="new")


def lists_in_backward_order(weights, biases, activations, X, Y, learning_rate):
    return _loop(weights, biases, activations, X, Y, learning_rate, order="backward")


def summed_over_batch(weights, biases, activations, X, Y, learning_rate):
    return _loop(weights, biases, activations, X, Y, learning_rate, scale="sum")


def biases_not_updated(weights, biases, activations, X, Y, learning_rate):
    return _loop(weights, biases, activations, X, Y, learning_rate, move_biases=False)


def gradient_ascent(weights, biases, activations, X, Y, learning_rate):
    return _loop(weights, biases, activations, X, Y, learning_rate, sign=1.0)


def own_output_for_input(weights, biases, activations, X, Y, learning_rate):
    """∂C/∂W^l = δ^l (a^l)ᵀ: the layer's own output where its input a^(l−1) belongs."""
    return _loop(weights, biases, activations, X, Y, learning_rate, inputs="own")


def slope_of_own_layer(weights, biases, activations, X, Y, learning_rate):
    """BP2 with f′(z^l), the slope of the layer the error comes from, not of the layer below."""
    return _loop(weights, biases, activations, X, Y, learning_rate, slope="own")


def activation_of_layer_above(weights, biases, activations, X, Y, learning_rate):
    """BP2 with f′ of layer l's activation at z^(l−1): the right z, another layer's f."""
    return _loop(weights, biases, activations, X, Y, learning_rate, slope="activation_above")


def divided_by_batch_again(weights, biases, activations, X, Y, learning_rate):
    """η / m, as in Nielsen's update_mini_batch, on gradients already averaged."""
    return _loop(weights, biases, activations, X, Y, learning_rate, scale="rate_over_m")
