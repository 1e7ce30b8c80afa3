"""Step ex07: the learning rates that matter, for one neuron a = w · x and C = (a − y)².

Edit this file, then run `learn check ex07`.
"""


def learning_rate_limits(x):
    """Return (one_step_rate, divergence_rate) for the input x.

    one_step_rate: the learning rate at which one update lands exactly on the best weight.
    divergence_rate: above this learning rate, training moves further away at every step.

    x is a float (not 0), or a numpy array (then return two arrays, entry by entry).
    Example: learning_rate_limits(1.5) is (0.2222222222222222, 0.4444444444444444).
    """
    raise NotImplementedError("write the two learning rates here")
