# Right: builds the chain from small helper functions (forward and cost derivative) and multiplies the factors.
def _forward(w, x):
    return w * x


def _dC_da(a, y):
    return 2.0 * (a - y)


def weight_gradient(w, x, y):
    """Return dC/dw for a = w * x and C = (a - y)^2."""
    output = _forward(w, x)
    slope_wrt_output = _dC_da(output, y)
    slope_of_output_wrt_weight = x
    return slope_of_output_wrt_weight * slope_wrt_output
