"""Step ex11: the gradients of a sigmoid neuron, a = σ(w · x + b).

Edit this file, then run `learn check ex11`.
"""

import numpy as np  # noqa: F401 - you will want np.exp


def sigmoid_neuron_gradients(w, b, x, y):
    """Return (dC_dw, dC_db) for the cost C = (a − y)², where a = σ(w · x + b).

    σ(z) = 1 / (1 + e^(−z)). w, b, x and y are all floats, or all numpy arrays of the same shape
    (then work entry by entry and return two arrays). y is between 0 and 1.
    Example: sigmoid_neuron_gradients(0.8, 0.1, 1.5, 0.5) is about (0.144317, 0.0962111).
    """
    raise NotImplementedError("write the two gradients here")
