# Takes the batch size from delta.shape[0], the number of units, instead of shape[1], the number of samples (a wrong-axis slip).
"""Step ex18: a layer's gradients ∂C/∂W and ∂C/∂b from its error δ (Nielsen's BP4 and BP3),
averaged over the batch.

Edit this file, then run `learn check ex18`.
"""

import numpy as np


def layer_gradients(delta, A_prev):
    """Return (dW, db) for one layer, for the cost averaged over the batch."""
    m = delta.shape[0]
    dW = delta @ A_prev.T / m
    db = np.sum(delta, axis=1, keepdims=True) / m
    return dW, db
