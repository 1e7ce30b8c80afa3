"""A few training digits as 8x8 pictures, and what the 64-30-10 sigmoid network computes for
one of them before and after a few epochs, all by the reference engine."""

import numpy as np

from reference.digits import BATCH_SIZE, LEARNING_RATE, initial_network, train_data
from reference.layers import layer_forward
from reference.network import Network, accuracy, train

SHADES = " .:-=+*#%@"  # pixel 0 (white paper) ... 1 (black ink)
EPOCHS = 3


def picture(column: np.ndarray) -> list[str]:
    rows = column.reshape(8, 8)
    return ["".join(SHADES[min(int(v * len(SHADES)), len(SHADES) - 1)] * 2 for v in row)
            for row in rows]


def outputs(net: Network, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    Z1, A1 = layer_forward(net.weights[0], net.biases[0], x, "sigmoid")
    _, A2 = layer_forward(net.weights[1], net.biases[1], A1, "sigmoid")
    return Z1, A1, A2


def explain(rng: np.random.Generator) -> str:
    X, Y = train_data()
    labels = Y.argmax(axis=0)
    shown = rng.choice(X.shape[1], size=4, replace=False)
    pictures = [picture(X[:, i]) for i in shown]
    lines = ["Four training images (8x8 pixels, 0 = paper, 1 = ink; each column of X_train is",
             "one image, read row by row), with their labels:", ""]
    lines.append("   ".join(f"label {labels[i]}".ljust(16) for i in shown))
    lines += ["   ".join(p[row] for p in pictures) for row in range(8)]

    i = shown[0]
    x = X[:, [i]]
    seed = int(rng.integers(0, 2**31 - 1))
    before = initial_network(seed)
    Z1, A1, A2 = outputs(before, x)
    weighted = before.weights[0][0] @ x[:, 0]
    lines += [
        "",
        f"The first image (a {labels[i]}) as the input x, shape {x.shape}. A fresh network "
        f"(seed {seed}):",
        f"  W1 {before.weights[0].shape} @ x {x.shape} + b1 {before.biases[0].shape} "
        f"= Z1 {Z1.shape}: one weighted sum per hidden unit.",
        f"  hidden unit 1: Σ_k W1[0, k]·x[k] = {weighted:.4f}, plus b1[0] = "
        f"{before.biases[0][0, 0]:.4f}, gives z = {Z1[0, 0]:.4f} and a = σ(z) = {A1[0, 0]:.4f}",
        "  A1 = σ(Z1), first five units: " + ", ".join(f"{v:.3f}" for v in A1[:5, 0]),
        f"  W2 {before.weights[1].shape} @ A1 + b2 = Z2 (10, 1); A2 = σ(Z2), one output per digit:",
        "    " + "  ".join(f"{d}:{v:.2f}" for d, v in enumerate(A2[:, 0])),
        f"  The guess is the largest output: {A2.argmax()} (the label is {labels[i]}).",
    ]

    after = train(before, X, Y, epochs=EPOCHS, batch_size=BATCH_SIZE,
                  learning_rate=LEARNING_RATE, seed=seed).network
    _, _, A2 = outputs(after, x)
    right = accuracy(after, X, Y)
    lines += [
        "",
        f"After {EPOCHS} epochs of mini-batches of {BATCH_SIZE} with η = {LEARNING_RATE:g} "
        "(the same sgd_step as ex20):",
        "    " + "  ".join(f"{d}:{v:.2f}" for d, v in enumerate(A2[:, 0])),
        f"  The guess is now {A2.argmax()}; {right:.1%} of the 1347 training images are "
        "read right.",
    ]
    return "\n".join(lines)
