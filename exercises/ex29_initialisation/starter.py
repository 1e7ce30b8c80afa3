"""Step ex29: the first weights of a network.

Edit this file, then run `learn check ex29`.
"""

import numpy as np


def init_network(sizes, seed):
    """Return (weights, biases), the start of a network with these layer sizes.

    sizes: a list of ints, e.g. [64, 30, 10]: 64 inputs, a hidden layer of 30, 10 outputs
    seed:  an int. The grader replays your draws, so use it exactly this way: make ONE
           generator, rng = np.random.default_rng(seed), and for each layer, in order, draw
           rng.standard_normal((n_out, n_in)) once.

    weights[l]: shape (n_out, n_in), those draws scaled so that z = W a stays of size about 1
    biases[l]:  shape (n_out, 1), zeros
    """
    raise NotImplementedError("start the network here")
