"""Wrong variants of `forward(w, x)` that learners write; each name matches exercise.toml."""


def added(w, x):
    return w + x


def squared_weight(w, x):
    return w * w * x
