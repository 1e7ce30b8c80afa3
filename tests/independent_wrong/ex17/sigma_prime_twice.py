# Computes A = sigmoid(Z) and then calls a sigmoid_prime helper on A, so the slope is sigma'(sigma(z)) (using a instead of z).
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def hidden_error(W_next, delta_next, Z):
    A = sigmoid(Z)
    return (W_next.T @ delta_next) * sigmoid_prime(A)
