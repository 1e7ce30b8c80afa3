# Clips the logits to [-500, 500] to stop the overflow instead of shifting them, which changes the differences between logits and so the probabilities.
import numpy as np


def softmax(Z):
    E = np.exp(np.clip(Z, -500, 500))
    return E / E.sum(axis=0, keepdims=True)
