# Right: rng.normal(0, 1/sqrt(n_in), shape), which draws the same numbers times the scale, with an index loop.
import numpy as np


def init_network(sizes, seed):
    gen = np.random.default_rng(seed)
    ws, bs = [], []
    for l in range(1, len(sizes)):
        fan_in, units = sizes[l - 1], sizes[l]
        ws.append(gen.normal(0.0, 1.0 / np.sqrt(fan_in), (units, fan_in)))
        bs.append(np.zeros((units, 1)))
    return ws, bs
