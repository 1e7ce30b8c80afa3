"""The capstone's data, its fixed split and its reference answer (reference/digits.py), and the
scorer that grades a learner's trained network (exercises/ex23_digits/score.py)."""

import importlib.util
import time
from pathlib import Path

import numpy as np
import pytest

from grader.grading.compare import as_outputs
from reference import digits

SCORE_FILE = Path(__file__).parents[1] / "exercises" / "ex23_digits" / "score.py"


def test_data_loads_scaled_with_samples_as_columns():
    X, labels = digits.load_digits()
    assert X.shape == (64, 1797) and X.dtype == np.float64
    assert X.min() == 0.0 and X.max() == 1.0
    assert labels.shape == (1797,) and set(labels.tolist()) == set(range(10))
    counts = np.bincount(labels)
    assert counts.min() >= 170 and counts.max() <= 190  # about 180 of each digit
    # The first image of the file is a 0; pixel (row 0, column 3) is 13 out of 16.
    assert labels[0] == 0 and X[3, 0] == pytest.approx(13 / 16)


def test_load_digits_returns_fresh_arrays():
    X, labels = digits.load_digits()
    X[:] = -1.0
    labels[:] = -1
    X, labels = digits.load_digits()
    assert X.min() == 0.0 and labels.min() == 0


def test_one_hot():
    Y = digits.one_hot([3, 0, 9])
    assert Y.shape == (10, 3)
    np.testing.assert_array_equal(Y.argmax(axis=0), [3, 0, 9])
    np.testing.assert_array_equal(Y.sum(axis=0), [1.0, 1.0, 1.0])


def test_split_is_fixed_disjoint_and_complete():
    train_idx, test_idx = digits.split()
    assert len(train_idx) == 1347 and len(test_idx) == 450
    assert not set(train_idx.tolist()) & set(test_idx.tolist())
    assert sorted(np.concatenate([train_idx, test_idx]).tolist()) == list(range(1797))
    again_train, again_test = digits.split()
    np.testing.assert_array_equal(train_idx, again_train)
    np.testing.assert_array_equal(test_idx, again_test)
    # Pinned: a changed split would let old attempts and new ones be graded on other images.
    assert test_idx[:5].tolist() == PINNED_TEST_START
    # Every digit is in the test set, in about its share.
    _, labels = digits.load_digits()
    assert np.bincount(labels[test_idx], minlength=10).min() >= 30


PINNED_TEST_START = [4, 6, 9, 11, 15]


def test_train_data_is_the_train_split():
    X_train, Y_train = digits.train_data()
    X, labels = digits.load_digits()
    train_idx, _ = digits.split()
    assert X_train.shape == (64, 1347) and Y_train.shape == (10, 1347)
    np.testing.assert_array_equal(X_train, X[:, train_idx])
    np.testing.assert_array_equal(Y_train.argmax(axis=0), labels[train_idx])


@pytest.mark.parametrize("seed", [0, 12345])
def test_reference_training_reaches_95_percent(seed):
    X_train, Y_train = digits.train_data()
    started = time.perf_counter()
    weights, biases = digits.train_digits(X_train, Y_train, seed)
    seconds = time.perf_counter() - started
    assert [W.shape for W in weights] == [(30, 64), (10, 30)]
    assert [b.shape for b in biases] == [(30, 1), (10, 1)]
    accuracy = digits.test_accuracy(weights, biases)
    print(f"seed {seed}: test accuracy {accuracy:.1%} after {seconds:.2f} s of training")
    assert accuracy >= digits.PASS_ACCURACY  # its speed: benchmarks/run.py


def test_training_is_reproducible_and_leaves_the_data_alone():
    X_train, Y_train = digits.train_data()
    before = X_train.copy(), Y_train.copy()
    first = digits.train_digits(X_train, Y_train, 7, epochs=2)
    second = digits.train_digits(X_train, Y_train, 7, epochs=2)
    for a, b in zip(first[0] + first[1], second[0] + second[1], strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(X_train, before[0])
    np.testing.assert_array_equal(Y_train, before[1])


def test_an_untrained_network_is_at_chance():
    net = digits.initial_network(0)
    assert digits.test_accuracy(net.weights, net.biases) < 0.25


# --- the capstone's scorer -----------------------------------------------------------------

@pytest.fixture(scope="module")
def score():
    spec = importlib.util.spec_from_file_location("_ex23_score", SCORE_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


@pytest.fixture(scope="module")
def case():
    X_train, Y_train = digits.train_data()
    return {"X_train": X_train, "Y_train": Y_train, "seed": 3}


@pytest.fixture(scope="module")
def trained(case):
    return digits.train_digits(case["X_train"], case["Y_train"], 3, epochs=15)


def test_scorer_passes_a_trained_network_and_gives_its_accuracy(score, case, trained):
    passed, value, message = score(case, as_outputs(trained, 2))
    assert passed
    assert value == pytest.approx(digits.test_accuracy(*trained))
    assert f"{value:.1%}" in message


def test_scorer_fails_an_untrained_network(score, case):
    net = digits.initial_network(3)
    passed, value, message, *_ = score(case, as_outputs((net.weights, net.biases), 2))
    assert not passed and value < 0.25
    assert "below the 95% needed" in message and "chance" in message


@pytest.mark.parametrize("broken,expected", [
    (lambda w, b: ([W.T for W in w], b), "weights[0] has shape (64, 30)"),
    (lambda w, b: (w, [x.ravel() for x in b]), "biases[0] has shape (30,)"),
    (lambda w, b: (w, None), "biases is not a list"),
    (lambda w, b: (w[0], b), "weights is not a list"),
    (lambda w, b: (w, b + b), "biases has 4"),
    (lambda w, b: ([w[0] * np.nan, w[1]], b), "NaN"),
    (lambda w, b: (w[:1], b[:1]), "the last layer has 30 units"),
])
def test_scorer_explains_a_malformed_answer(score, case, trained, broken, expected):
    passed, value, message = score(case, as_outputs(broken(*trained), 2))
    assert not passed and value == 0.0
    assert expected in message
