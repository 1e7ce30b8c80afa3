"""A correct ex17, written the way a learner would."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    back = W_next.T @ delta_next          # ∂C/∂a^l: the errors above, sent back through W
    s = sigmoid(Z)
    return back * (s * (1 - s))           # BP2: ⊙ σ′(z^l), entry by entry
