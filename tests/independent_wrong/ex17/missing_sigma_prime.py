# Forgets the layer's own slope sigma'(z^l): returns only W^T delta, as if the hidden layer were linear.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    return W_next.T @ delta_next
