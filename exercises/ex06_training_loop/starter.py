"""Step ex06: the training loop, the ex05 update repeated.

Edit this file, then run `learn check ex06`.
"""


def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs).

    The neuron is a = w · x (ex01), the cost C = (a − y)² (ex02), one step is the update of ex05.
    costs is a list of `steps` floats: costs[k] is the cost at the weight BEFORE update k.
    w_final is the weight after the last update.

    All arguments are floats, except steps, an int (1 or more).
    Example: train(0.8, 1.5, 0.5, 0.1, 2) is (0.4745, [0.49, 0.148225]), up to rounding.
    """
    raise NotImplementedError("write the training loop here")
