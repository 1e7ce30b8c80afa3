# Right: shuffles an index array in place with rng.shuffle and cuts it with np.array_split into batches of about 10.
import numpy as np

from ex15_layer_forward import layer_forward  # noqa: F401
from ex20_sgd_step import sgd_step

SIZES = [64, 30, 10]
ACTS = ["sigmoid", "sigmoid"]


def train_digits(X_train, Y_train, seed):
    rng = np.random.default_rng(seed)
    ws, bs = [], []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        ws.append(rng.standard_normal((fan_out, fan_in)) / np.sqrt(fan_in))
    for fan_out in SIZES[1:]:
        bs.append(rng.standard_normal((fan_out, 1)))
    n = X_train.shape[1]
    idx = np.arange(n)
    for _ in range(30):
        rng.shuffle(idx)
        for chunk in np.array_split(idx, int(np.ceil(n / 10))):
            ws, bs = sgd_step(ws, bs, ACTS, X_train[:, chunk], Y_train[:, chunk], 3.0)
    return ws, bs
