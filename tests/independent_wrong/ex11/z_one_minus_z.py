# Computes sigma'(z) as z*(1-z) on the weighted input, the "derivative of sigmoid is x(1-x)" formula applied to the wrong variable.
import numpy as np


def sigmoid_neuron_gradients(w, b, x, y):
    """Return (dC_dw, dC_db)."""
    z = w * x + b
    a = 1 / (1 + np.exp(-z))
    delta = 2 * (a - y) * z * (1 - z)
    return delta * x, delta
