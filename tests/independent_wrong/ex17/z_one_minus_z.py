# Uses Z*(1-Z) as the sigmoid slope of the hidden layer (the activation-only formula on z).
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hidden_error(W_next, delta_next, Z):
    return (W_next.T @ delta_next) * Z * (1 - Z)
