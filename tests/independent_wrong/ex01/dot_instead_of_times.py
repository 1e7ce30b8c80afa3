# Used np.dot for "w times x": right for single floats, but on arrays it sums the products into one number instead of working entry by entry (common numpy dot-vs-* confusion on Stack Overflow).
import numpy as np


def forward(w, x):
    """Return the neuron's output a for weight w and input x."""
    return np.dot(w, x)
