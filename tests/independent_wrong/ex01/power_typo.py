# Typed ** instead of *, so the weight is raised to the power of the input instead of multiplying it (a classic one-character typo).
def forward(w, x):
    """Return the neuron's output a for weight w and input x."""
    return w ** x
