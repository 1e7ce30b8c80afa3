# Types `**` for `*`, so the weight is raised to the power x instead of multiplied by it, a typo that still runs (the kind of slip seen in beginners' Stack Overflow questions).
"""Step ex01: the forward pass of one neuron with one weight and no bias.

Edit this file, then run `learn check ex01`.
"""


def forward(w, x):
    """Return the neuron's output a for weight w and input x."""
    a = w ** x
    return a
