"""Step ex01: the forward pass of one neuron with one weight and no bias.

Edit this file, then run `learn check ex01`.
"""


def forward(w, x):
    """Return the neuron's output a for weight w and input x.

    w and x are both floats, or both numpy arrays of the same shape (then work entry by entry).
    Example: forward(0.8, 1.5) is 1.2.
    """
    raise NotImplementedError("write the forward pass here")
