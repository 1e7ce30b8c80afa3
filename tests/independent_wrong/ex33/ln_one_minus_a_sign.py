# Differentiates ln(1 - a) without the inner minus sign, so dC/da = -y/a - (1 - y)/(1 - a), then multiplies by a(1 - a).
import numpy as np


def output_error_cross_entropy(Z, A, Y):
    dC_dA = -Y / A - (1 - Y) / (1 - A)
    return dC_dA * A * (1 - A)
