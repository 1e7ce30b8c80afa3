"""XOR learned by a 2-2-1 sigmoid network with full-batch gradient descent (ex32).

Conventions as in layers.py: samples are columns, C = ½‖y − a‖² averaged over the batch (all
four samples at once here), sigmoid on both layers. The recipe is the start, η and the epoch
budget the step's README gives: with it, about 9 starts in 10 learn XOR within the budget; most
of the others land in a local minimum, where two inputs are right and the other two sit at 0.5
for good.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from reference import layers
from reference.activations import Array, sigmoid

X_XOR = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
Y_XOR = np.array([[0.0, 1.0, 1.0, 0.0]])
SIZES = [2, 2, 1]
START_RANGE = 0.5  # every weight and bias starts uniform in [−0.5, 0.5]
LEARNING_RATE = 8.0
EPOCHS = 2000
RIGHT = 0.25  # an output is right within 0.25 of its target: below 0.25 for 0, above 0.75 for 1


def recipe_start(seed: int) -> tuple[list[Array], list[Array]]:
    """The README's start: rng = default_rng(seed), then W1, b1, W2, b2 in this order, each
    uniform in [−0.5, 0.5]."""
    rng = np.random.default_rng(seed)
    W1 = rng.uniform(-START_RANGE, START_RANGE, (2, 2))
    b1 = rng.uniform(-START_RANGE, START_RANGE, (2, 1))
    W2 = rng.uniform(-START_RANGE, START_RANGE, (1, 2))
    b2 = rng.uniform(-START_RANGE, START_RANGE, (1, 1))
    return [W1, W2], [b1, b2]


def train(weights: list[ArrayLike], biases: list[ArrayLike], X: ArrayLike, Y: ArrayLike,
          epochs: int, learning_rate: float = LEARNING_RATE) -> tuple[list[Array], list[Array]]:
    """`epochs` full-batch gradient-descent steps from the given start: forward, BP1, BP2,
    BP3/BP4 (averaged over the four samples), then every parameter steps by −η times its
    gradient."""
    (W1, W2), (b1, b2) = ([np.array(W, dtype=np.float64) for W in weights],
                          [np.array(b, dtype=np.float64) for b in biases])
    X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    for _ in range(int(epochs)):
        Z1, A1 = layers.layer_forward(W1, b1, X, "sigmoid")
        Z2, A2 = layers.layer_forward(W2, b2, A1, "sigmoid")
        delta2 = layers.output_error(Z2, A2, Y)  # BP1
        delta1 = layers.hidden_error(W2, delta2, Z1)  # BP2, through the weights W2 still has
        gW2, gb2 = layers.layer_gradients(delta2, A1)
        gW1, gb1 = layers.layer_gradients(delta1, X)
        W1, b1 = W1 - learning_rate * gW1, b1 - learning_rate * gb1
        W2, b2 = W2 - learning_rate * gW2, b2 - learning_rate * gb2
    return [W1, W2], [b1, b2]


def train_xor(X: ArrayLike, Y: ArrayLike, seed: int,
              epochs: int = EPOCHS) -> tuple[list[Array], list[Array]]:
    """ex32's answer: the recipe's start, trained for `epochs` epochs with η = 8."""
    return train(*recipe_start(seed), X, Y, epochs)


def outputs(weights: list[ArrayLike], biases: list[ArrayLike], X: ArrayLike) -> Array:
    """The network's output a for each column of X, shape (1, m)."""
    A = np.asarray(X, dtype=np.float64)
    for W, b in zip(weights, biases, strict=True):
        A = sigmoid(np.asarray(W, dtype=np.float64) @ A + np.asarray(b, dtype=np.float64))
    return A


def right(A: ArrayLike, Y: ArrayLike, within: float = RIGHT) -> Array:
    """One boolean per output: within `within` of its target."""
    return np.abs(np.asarray(A) - np.asarray(Y)) < within


def learns(seed: int, X: ArrayLike = X_XOR, Y: ArrayLike = Y_XOR, epochs: int = EPOCHS,
           within: float = RIGHT) -> bool:
    """Whether the recipe, from this seed's start, gets every output within `within`."""
    return bool(right(outputs(*train_xor(X, Y, seed, epochs), X), Y, within).all())
