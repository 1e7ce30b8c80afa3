"""Wrong variants of `layer_gradients(delta, A_prev)` that learners write; each name matches
exercise.toml."""


def transposed_product(delta, A_prev):
    m = delta.shape[1]
    return A_prev @ delta.T / m, delta.mean(axis=1, keepdims=True)


def no_batch_average(delta, A_prev):
    return delta @ A_prev.T, delta.sum(axis=1, keepdims=True)


def db_summed(delta, A_prev):
    m = delta.shape[1]
    return delta @ A_prev.T / m, delta.sum(axis=1, keepdims=True)


def dw_not_averaged(delta, A_prev):
    return delta @ A_prev.T, delta.mean(axis=1, keepdims=True)


def db_flat(delta, A_prev):
    m = delta.shape[1]
    return delta @ A_prev.T / m, delta.mean(axis=1)


def divided_by_units(delta, A_prev):
    n = len(delta)
    return delta @ A_prev.T / n, delta.sum(axis=1, keepdims=True) / n


def divided_by_inputs(delta, A_prev):
    n = len(A_prev)
    return delta @ A_prev.T / n, delta.sum(axis=1, keepdims=True) / n


def db_averaged_twice(delta, A_prev):
    m = delta.shape[1]
    return delta @ A_prev.T / m, delta.mean(axis=1, keepdims=True) / m


def floor_division(delta, A_prev):
    m = delta.shape[1]
    return delta @ A_prev.T // m, delta.sum(axis=1, keepdims=True) // m
