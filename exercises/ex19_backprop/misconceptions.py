"""Wrong variants of backprop(weights, biases, activations, X, Y), each one slip in an otherwise
right backprop."""


from reference.activations import ACTIVATIONS


def _backprop(weights, biases, activations, X, Y, *, transpose=True, prime_at="z",
              average=True, cost_factor=1.0, output_prime=True):
    A, As, Zs = X, [X], []
    for layer, W in enumerate(weights):
        Z = W @ A + (0 if biases is None else biases[layer])
        A = ACTIVATIONS[activations[layer]].fn(Z)
        Zs.append(Z)
        As.append(A)

    def prime(layer):
        at = Zs[layer] if prime_at == "z" else As[layer + 1]
        return ACTIVATIONS[activations[layer]].prime(at)

    delta = cost_factor * (As[-1] - Y) * (prime(len(weights) - 1) if output_prime else 1.0)
    deltas = [delta]
    for layer in range(len(weights) - 2, -1, -1):
        W_next = weights[layer + 1].T if transpose else weights[layer + 1]
        delta = (W_next @ delta) * prime(layer)
        deltas.insert(0, delta)
    m = X.shape[1] if average else 1
    grad_w = [d @ a.T / m for d, a in zip(deltas, As[:-1], strict=True)]
    grad_b = None if biases is None else [d.sum(axis=1, keepdims=True) / m for d in deltas]
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
