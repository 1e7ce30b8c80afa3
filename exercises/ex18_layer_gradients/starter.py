"""Step ex18: a layer's gradients ∂C/∂W and ∂C/∂b from its error δ (Nielsen's BP4 and BP3),
averaged over the batch.

Edit this file, then run `learn check ex18`.
"""

import numpy as np  # noqa: F401 - you will want numpy here


def layer_gradients(delta, A_prev):
    """Return (dW, db) for one layer, for the cost averaged over the batch.

    delta:  δ^l, this layer's error, shape (n_l, m): one column per sample (not divided by m)
    A_prev: a^(l−1), the activations that came into the layer, shape (n_(l−1), m)

    dW has the shape of W^l, (n_l, n_(l−1)); db has the shape of b^l, (n_l, 1).
    Example (m = 2): delta = [[-0.126, 0.1241], [0.1038, -0.0651]] and
    A_prev = [[1.0, 0.5], [2.0, -1.0], [0.0, 3.0]] give about
    dW = [[-0.032, -0.188, 0.186], [0.036, 0.136, -0.098]] and db = [[-0.001], [0.019]].
    """
    raise NotImplementedError("write the layer's gradients here")
