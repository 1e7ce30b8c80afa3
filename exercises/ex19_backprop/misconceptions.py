"""Wrong variants of backprop(weights, biases, activations, X, Y), each one slip in an otherwise
right backprop."""


from reference.activations import ACTIVATIONS


def _backprop(weights, biases, activations, X, Y, *, transpose=True, prime_at="z",
              average=True, cost_factor=1.0, output_prime=True, loop="reversed",
              prime_layer=0, slope="prime", pass_back="delta",
              delta_average=False, input_layer=0, flat_db=False, sigmoid_only=False,
              db_average=True, fed_by="a"):
    A, As, Zs = X, [X], []
    for layer, W in enumerate(weights):
        Z = W @ A + (0 if biases is None else biases[layer])
        A = ACTIVATIONS[activations[layer]].fn(Z)
        Zs.append(Z)
        As.append(A)

    def prime(layer):
        if slope == "value":  # the activation itself where its derivative belongs
            return As[layer + 1]
        at = Zs[layer] if prime_at == "z" else As[layer + 1]
        name = "sigmoid" if sigmoid_only else activations[layer]
        return ACTIVATIONS[name].prime(at)

    m = X.shape[1]
    L = len(weights)
    error = cost_factor * (As[-1] - Y)
    deltas = [None] * L
    deltas[-1] = error * (prime(L - 1) if output_prime else 1.0)
    if delta_average:
        deltas[-1] = deltas[-1] / m
    hidden = range(L - 1) if loop == "forward" else range(L - 2, -1, -1)
    for layer in hidden:  # loop="forward" reads a None placeholder in a deep network: TypeError
        W_next = weights[layer + 1].T if transpose else weights[layer + 1]
        if pass_back == "error":  # a − y passed back, never the δ of the layer above
            error = W_next @ error
            back = error
        else:
            back = W_next @ deltas[layer + 1]
        deltas[layer] = back * (prime(layer) if prime_layer == 0 else
                                ACTIVATIONS[activations[layer + 1]].prime(Zs[layer]))
    scale = m if average else 1
    fed = As if fed_by == "a" else [X, *Zs[:-1]]  # "z": the layer below's Z, not its A
    grad_w = [d @ fed[layer + input_layer].T / scale for layer, d in enumerate(deltas)]
    b_scale = scale if db_average else 1
    if biases is None:
        grad_b = None
    elif flat_db:
        grad_b = [d.sum(axis=1) / b_scale for d in deltas]
    else:
        grad_b = [d.sum(axis=1, keepdims=True) / b_scale for d in deltas]
    return deltas, grad_w, grad_b


def no_transpose(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, transpose=False)


def prime_of_a(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, prime_at="a")


def no_batch_average(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, average=False)


def squared_cost(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, cost_factor=2.0)


def output_prime_missing(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, output_prime=False)


def layers_not_reversed(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, loop="forward")


def activation_index_off_by_one(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, input_layer=1)


def prime_of_wrong_layer(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, prime_layer=1)


def sigmoid_instead_of_prime(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, slope="value")


def passed_back_output_error(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, pass_back="error")


def averaged_twice(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, delta_average=True)


def flat_bias_gradient(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, flat_db=True)


def sigmoid_prime_everywhere(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, sigmoid_only=True)


def bias_gradient_summed(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, db_average=False)


def bp4_uses_z_not_a(weights, biases, activations, X, Y):
    return _backprop(weights, biases, activations, X, Y, fed_by="z")
