"""A single layer with a random batch: widths never equal the batch size, some W square (so a
transpose is a wrong value, not only a wrong shape), every activation, with and without bias."""


ACTIVATION_NAMES = ["sigmoid", "tanh", "relu", "identity"]


def generate(rng, params, arguments, count):
    cases = []
    for index in range(count):
        n_in = int(rng.integers(2, 6))
        n_out = n_in if index % 3 == 0 else int(rng.choice([k for k in range(2, 7) if k != n_in]))
        m = int(rng.choice([k for k in range(3, 9) if k not in (n_in, n_out)]))
        W = rng.standard_normal((n_out, n_in))
        b = None if index % 4 == 1 else rng.standard_normal((n_out, 1))
        A_prev = rng.standard_normal((n_in, m)) * (4.0 if index % 5 == 0 else 1.0)
        activation = ACTIVATION_NAMES[index % len(ACTIVATION_NAMES)]
        cases.append({"W": W, "b": b, "A_prev": A_prev, "activation": activation})
    return cases
