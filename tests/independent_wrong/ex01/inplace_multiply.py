# Multiplies in place with w *= x, which overwrites the caller's weight array when w is a numpy array (the in-place aliasing bug often reported with numpy).
def forward(w, x):
    """Return the neuron's output a for weight w and input x."""
    w *= x
    return w
