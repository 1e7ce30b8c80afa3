# Leaves the sigmoid's slope out of the chain, using dC/da as if it were dC/dz (the slip the README warns makes the gradient ~6x too big).
import numpy as np


def sigmoid_neuron_gradients(w, b, x, y):
    """Return (dC_dw, dC_db)."""
    a = 1 / (1 + np.exp(-(w * x + b)))
    delta = 2 * (a - y)
    return delta * x, delta
