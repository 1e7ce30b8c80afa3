# Right: the Frobenius norm written out with loops over the entries.
import math

from ex19_backprop import backprop


def gradient_norms(weights, biases, X, Y):
    _, grads, _ = backprop(weights, biases, ["sigmoid" for _ in weights], X, Y)
    out = []
    for G in grads:
        total = 0.0
        for row in G:
            for g in row:
                total += float(g) * float(g)
        out.append(math.sqrt(total))
    return out
