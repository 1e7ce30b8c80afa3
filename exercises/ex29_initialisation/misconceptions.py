"""Wrong variants of init_network(sizes, seed), one slip each; the names match exercise.toml."""

import numpy as np


def _layers(sizes):
    return list(zip(sizes[:-1], sizes[1:], strict=True))


def _zero_biases(sizes):
    return [np.zeros((n_out, 1)) for n_out in sizes[1:]]


def _scaled(sizes, seed, scale):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_out, n_in)) * scale(n_in, n_out)
               for n_in, n_out in _layers(sizes)]
    return weights, _zero_biases(sizes)


def zero_start(sizes, seed):
    return [np.zeros((n_out, n_in)) for n_in, n_out in _layers(sizes)], _zero_biases(sizes)


def constant_start(sizes, seed):
    return [np.ones((n_out, n_in)) for n_in, n_out in _layers(sizes)], _zero_biases(sizes)


def not_scaled(sizes, seed):
    return _scaled(sizes, seed, lambda n_in, n_out: 1.0)


def scaled_by_one_over_n_in(sizes, seed):
    return _scaled(sizes, seed, lambda n_in, n_out: 1 / n_in)


def scaled_by_n_in(sizes, seed):
    return _scaled(sizes, seed, lambda n_in, n_out: n_in)


def scaled_by_fan_out(sizes, seed):
    return _scaled(sizes, seed, lambda n_in, n_out: 1 / np.sqrt(n_out))


def weights_transposed(sizes, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)
               for n_in, n_out in _layers(sizes)]
    return weights, _zero_biases(sizes)


def legacy_global_rng(sizes, seed):
    # np.random.seed(seed) then np.random.randn draws exactly these numbers; a RandomState of
    # our own leaves the grader's global generator alone.
    legacy = np.random.RandomState(seed)
    weights = [legacy.randn(n_out, n_in) / np.sqrt(n_in) for n_in, n_out in _layers(sizes)]
    return weights, _zero_biases(sizes)


def random_biases(sizes, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in _layers(sizes)]
    return weights, [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]


def reseeded_every_layer(sizes, seed):
    weights = [np.random.default_rng(seed).standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in _layers(sizes)]
    return weights, _zero_biases(sizes)


def he_scaled(sizes, seed):
    return _scaled(sizes, seed, lambda n_in, n_out: np.sqrt(2.0 / n_in))


def xavier_scaled(sizes, seed):
    return _scaled(sizes, seed, lambda n_in, n_out: np.sqrt(2.0 / (n_in + n_out)))


def biases_drawn_first(sizes, seed):
    rng = np.random.default_rng(seed)
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in _layers(sizes)]
    return weights, biases


def drawn_transposed(sizes, seed):
    rng = np.random.default_rng(seed)
    weights = [(rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)).T
               for n_in, n_out in _layers(sizes)]
    return weights, _zero_biases(sizes)
