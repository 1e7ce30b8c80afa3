"""Step ex12: the forward pass of a tiny network, 3 inputs, 2 sigmoid hidden units, 1 output.

Edit this file, then run `learn check ex12`.
"""

import numpy as np  # noqa: F401 - you will want np.exp


def tiny_forward(x, W, b, v, c):
    """Return (h, a): the two hidden activations and the network's output.

    x: shape (3,), the inputs x1, x2, x3.
    W: shape (2, 3); row j holds the weights into hidden unit j, so W[0, 1] is w12.
    b: shape (2,), the hidden biases b1, b2.
    v: shape (2,), the output weights v1, v2.
    c: a float, the output bias.

    The hidden units use the sigmoid σ(z) = 1 / (1 + e^(−z)); the output is linear (no σ).
    Return h as a numpy array of shape (2,) and a as a single number.

    Example (the README's):
        tiny_forward(np.array([1.0, 0.5, -1.0]),
                     np.array([[0.2, -0.4, 0.1], [0.5, 0.3, -0.2]]),
                     np.array([0.4, -0.1]), np.array([0.7, -0.3]), 0.2)
        gives h ≈ [0.5744, 0.6792] and a ≈ 0.3984.
    """
    raise NotImplementedError("write the forward pass here")
