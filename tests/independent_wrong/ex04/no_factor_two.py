# Drops the factor 2, giving x(a - y), the gradient of the 1/2-scaled cost used in Nielsen's book and Ng's course.
def weight_gradient(w, x, y):
    """Return dC/dw for a = w * x and C = (a - y)^2."""
    a = w * x
    return x * (a - y)
