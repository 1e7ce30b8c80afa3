# Right: the back-propagated sum written with np.einsum over the units of layer l+1.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    back = np.einsum("jk,ji->ki", W_next, delta_next)
    a = sigmoid(Z)
    return back * a * (1.0 - a)
