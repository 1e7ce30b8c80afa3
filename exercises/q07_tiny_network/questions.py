"""q07 · The tiny network of ex12–ex13: h_j = σ(w_j·x + b_j), a = v1·h1 + v2·h2 + c,
C = (a − y)².

Every number shown is drawn from rng: the hidden outputs h_j are drawn (2 decimals) and the
biases b_j chosen so that σ(z_j) = h_j, so the prompt's stored values are exact. Right answers
come from reference.tiny (tiny_trace); the slips are the same values put through the wrong
formula."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, show
from grader.grading.quiz import numeric
from reference import tiny
from reference.activations import sigmoid_prime


def _network(rng):
    """Parameters whose forward pass gives the drawn h (exact) and an output a clearly off y."""
    x = np.array([draw(rng, -1.0, 2.0, avoid=(0.0, 1.0)) for _ in range(3)])
    W = np.array([[draw(rng, -1.0, 1.0) for _ in range(3)] for _ in range(2)])
    h = np.array([draw(rng, 0.15, 0.85, digits=2, avoid=(0.5,)) for _ in range(2)])
    b = np.log(h / (1 - h)) - W @ x  # so that σ(W x + b) = h
    y = draw(rng, -1.0, 1.5)
    while True:
        v = np.array([draw(rng, -1.5, 1.5, avoid=(0.0, 1.0, -1.0)) for _ in range(2)])
        c = draw(rng, -0.5, 0.5)
        t = tiny.tiny_trace(x, y, W, b, v, c)
        if abs(t.a - y) > 0.1:
            return x, y, W, b, v, c, t


def _stored(x, y, v, t) -> str:
    return (f"The forward pass of the tiny network (inputs x = ({', '.join(show(e) for e in x)}))"
            f" stored h1 = {show(t.h[0])}, h2 = {show(t.h[1])} and a = v1·h1 + v2·h2 + c = "
            f"{show(t.a)}, with v1 = {show(v[0])}, v2 = {show(v[1])}. The target is y = "
            f"{show(y)} and C = (a − y)².")


def output_weight_gradient(rng):
    x, y, W, b, v, c, t = _network(rng)
    j = int(rng.integers(2))
    answer = float(t.dv[j])
    return numeric(
        f"{_stored(x, y, v, t)} What is dC/dv{j + 1}? (4 significant digits)",
        f"dC/da = 2(a − y) = 2({show(t.a)} − {factor(y)}) = {show(t.dC_da)}. v{j + 1} multiplies "
        f"h{j + 1}, so da/dv{j + 1} = h{j + 1}: dC/dv{j + 1} = {show(t.dC_da)} · "
        f"{show(t.h[j])} = {show(answer)}.",
        answer,
        [("missing_x", f"That is 2(a − y) = dC/dc. v{j + 1} multiplies h{j + 1}, its input, so "
          f"the chain adds da/dv{j + 1} = h{j + 1}.", t.dC_da),
         ("half_cost_gradient", "That is half the answer: the ½-cost's. With C = (a − y)² every "
          "chain starts from 2(a − y).", answer / 2),
         ("flipped_sign", "Right size, wrong sign: keep the cost's order, 2(a − y).", -answer)],
    )


def _hidden_slips(t, v, j, input_factor, answer):
    """One link wrong in the chain 2(a − y) · v_j · h_j(1 − h_j) · input_factor (x_k or 1)."""
    d, vj, hj = t.dC_da, float(v[j]), float(t.h[j])
    n = j + 1
    return [
        ("missing_downstream_weight", f"v{n} is missing. A change of h{n} reaches a = "
         f"v1·h1 + v2·h2 + c only after being multiplied by v{n}, so da/dh{n} = v{n} is a link "
         f"of the chain.", d * hj * (1 - hj) * input_factor),
        ("missing_sigmoid_prime", f"The sigmoid's slope is missing: h{n} = σ(z{n}) adds the link "
         f"dh{n}/dz{n} = σ′(z{n}) = h{n}(1 − h{n}).", d * vj * input_factor),
        ("sigmoid_prime_of_h", f"Your slope is σ(h{n})(1 − σ(h{n})), taken at h{n}. h{n} is "
         f"already σ(z{n}), so the slope is h{n}(1 − h{n}).",
         d * vj * float(sigmoid_prime(hj)) * input_factor),
        ("half_cost_gradient", "That is half the answer: the ½-cost's. With C = (a − y)² every "
         "chain starts from 2(a − y).", answer / 2),
        ("flipped_sign", "Right size, wrong sign: keep the cost's order, 2(a − y).", -answer),
    ]


def hidden_weight_gradient(rng):
    x, y, W, b, v, c, t = _network(rng)
    j, k = int(rng.integers(2)), int(rng.integers(3))
    answer = float(t.dW[j, k])
    hj = float(t.h[j])
    return numeric(
        f"{_stored(x, y, v, t)} What is dC/dw{j + 1}{k + 1}, the gradient of the weight from "
        f"input x{k + 1} into hidden unit {j + 1}? (4 significant digits)",
        f"The chain: dC/da = 2(a − y) = {show(t.dC_da)}; da/dh{j + 1} = v{j + 1} = "
        f"{show(v[j])}; dh{j + 1}/dz{j + 1} = h{j + 1}(1 − h{j + 1}) = {show(hj)} · "
        f"{show(1 - hj)} = {show(t.sigma_prime[j])}; dz{j + 1}/dw{j + 1}{k + 1} = x{k + 1} = "
        f"{show(x[k])}. The product: {show(answer)}.",
        answer,
        _hidden_slips(t, v, j, float(x[k]), answer),
    )


def hidden_bias_gradient(rng):
    x, y, W, b, v, c, t = _network(rng)
    j = int(rng.integers(2))
    answer = float(t.db[j])
    hj = float(t.h[j])
    return numeric(
        f"{_stored(x, y, v, t)} What is dC/db{j + 1}, the gradient of hidden unit {j + 1}'s "
        f"bias? (4 significant digits)",
        f"2(a − y) = {show(t.dC_da)}, times v{j + 1} = {show(v[j])}, times h{j + 1}(1 − "
        f"h{j + 1}) = {show(hj)} · {factor(1 - hj)}, times dz{j + 1}/db{j + 1} = 1: "
        f"{show(answer)}. (The bias is added to z{j + 1}: no x in its chain.)",
        answer,
        _hidden_slips(t, v, j, 1.0, answer),
    )
