# Right: parameters kept in lists and a generic two-layer loop, with the recipe's draw order.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train_xor(X, Y, seed, epochs):
    rng = np.random.default_rng(seed)
    Ws, bs = [], []
    for n_in, n_out in ((2, 2), (2, 1)):
        Ws.append(rng.uniform(-0.5, 0.5, (n_out, n_in)))
        bs.append(rng.uniform(-0.5, 0.5, (n_out, 1)))
    m = X.shape[1]
    for _ in range(epochs):
        acts = [X]
        for W, b in zip(Ws, bs):
            acts.append(sigmoid(W @ acts[-1] + b))
        delta = (acts[-1] - Y) * acts[-1] * (1 - acts[-1])
        grads = []
        for l in (1, 0):
            grads.append((l, delta @ acts[l].T / m, delta.mean(axis=1, keepdims=True)))
            if l > 0:
                delta = (Ws[l].T @ delta) * acts[l] * (1 - acts[l])
        for l, gW, gb in grads:
            Ws[l] = Ws[l] - 8.0 * gW
            bs[l] = bs[l] - 8.0 * gb
    return Ws, bs
