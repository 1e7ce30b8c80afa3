# Returns ∂C/∂a = (a − y)/(a(1 − a)) and forgets to multiply by σ′(z), stopping one link short of the chain.
"""Step ex33: the output error δ^L under the cross-entropy cost.

Edit this file, then run `learn check ex33`.
"""

import numpy as np


def output_error_cross_entropy(Z, A, Y):
    """Return δ^L = ∂C/∂z^L for a sigmoid output layer and the cross-entropy cost."""
    return (A - Y) / (A * (1 - A))
