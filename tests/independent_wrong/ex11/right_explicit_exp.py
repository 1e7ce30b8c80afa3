# Right: sigma'(z) from the exponential form, and the gradients named per link of the chain.
import numpy as np


def sigmoid_neuron_gradients(w, b, x, y):
    """Return (dC_dw, dC_db)."""
    z = x * w + b
    e = np.exp(-z)
    out = 1.0 / (1.0 + e)
    slope = e / (1.0 + e) ** 2
    dC_dz = 2.0 * (out - y) * slope
    dC_dw = x * dC_dz
    dC_db = 1.0 * dC_dz
    return dC_dw, dC_db
