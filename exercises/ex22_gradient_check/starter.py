"""Step ex22: the gradient check, every ∂C/∂W and ∂C/∂b estimated by central differences.

Edit this file, then run `learn check ex22`.
"""

import numpy as np  # noqa: F401 - np.ndindex walks every entry of an array

# Your ex15, for the forward pass (the grader gives it a reference copy of ex15):
from ex15_layer_forward import layer_forward  # noqa: F401


def numerical_gradients(weights, biases, activations, X, Y, h):
    """Return (grad_w, grad_b): each gradient of the batch cost estimated by nudges of size h.

    weights:     list of L matrices, weights[l] of shape (n_(l+1), n_l)
    biases:      list of L arrays of shape (n_(l+1), 1), or None (a network without biases)
    activations: list of L names ("identity", "sigmoid", "tanh"), one per layer
    X, Y:        inputs (n_0, m) and targets (n_L, m), one column per sample
    h:           the nudge, about 1e-5

    The cost is C = the mean over the m samples of ½‖y − a‖² (a: the network's output).
    Each entry p of each weight and bias gets (C(p + h) − C(p − h)) / (2h).
    grad_w[l] has the shape of weights[l]; grad_b[l] the shape of biases[l], or grad_b is None
    when biases is None. Put every nudged entry back exactly as it was.
    Example: the one-layer network of the instructions gives grad_w[0] equal to ex18's dW,
    [[-0.032, -0.188, 0.1861], [0.0356, 0.1363, -0.0976]], to 10 digits.
    """
    raise NotImplementedError("write the gradient check here")
