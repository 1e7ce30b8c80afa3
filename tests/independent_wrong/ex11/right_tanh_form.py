# Right: writes the sigmoid via tanh, sigma(z) = (1 + tanh(z/2)) / 2.
import numpy as np


def sigmoid_neuron_gradients(w, b, x, y):
    """Return (dC_dw, dC_db)."""
    s = 0.5 * (1 + np.tanh(0.5 * (w * x + b)))
    g = 2 * (s - y) * (s - s * s)
    return g * x, g
