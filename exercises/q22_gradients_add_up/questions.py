"""q22 · Gradients add up: a value used twice collects both shares.

Every number shown is drawn from rng. The right answers come from the reference engine: the
expression is laid out as a small linear network whose first weight is the value a (input 1),
whose middle layer copies a into each of its uses, and whose last layer combines the uses;
reference.layers.backprop then gives ∂c/∂a as that weight's gradient (the cost ½(c − t)² with
t = c − 1 has ∂C/∂c = 1). BP2 sums over the uses: that sum is the autograd's +=. The slip `=`
keeps one use only, the same network with the other uses cut."""

from __future__ import annotations

import numpy as np

from grader.course.worked import draw, factor, show
from grader.grading.quiz import Choice, Option, numeric
from reference import layers, network


def gradient_through(a: float, uses: list[float], combine: list[float]) -> float:
    """∂c/∂a for c = Σ_i combine[i] · (uses[i] · a), by backprop on the linear network
    1 ──(a)──▶ a ──(uses)──▶ copies ──(combine)──▶ c."""
    weights = [np.array([[a]]), np.array([[u] for u in uses]), np.array([combine])]
    activations = ["identity"] * 3
    X = np.array([[1.0]])
    net = layers.as_network(weights, None, activations)
    c = float(network.forward(net, X).activations[-1][0, 0])
    _, grad_w, _ = layers.backprop(weights, None, activations, X, np.array([[c - 1.0]]))
    return float(grad_w[0][0, 0])


def used_twice(rng):
    a = draw(rng, -2.0, 2.0, avoid=(0.0,))
    t = draw(rng, 0.5, 3.0, avoid=(1.0,))
    answer = gradient_through(a, [1.0, 1.0], [t, t])
    overwritten = gradient_through(a, [1.0, 1.0], [t, 0.0])
    return numeric(
        f"In a tiny autograd: a = Value({show(a)}), b = a + a, c = b · {factor(t)}, then "
        f"c.backward(). What is a.grad?",
        f"c.grad = 1; b.grad = {show(t)} · 1 = {show(t)}. The + rule passes b.grad to each of "
        f"its two children, and both are a: a.grad += {show(t)}, then a.grad += {show(t)}, "
        f"so a.grad = {show(answer)}. Check: c = {show(t)} · 2a, whose slope in a is "
        f"{show(answer)}.",
        answer,
        [("assign_instead_of_accumulate", "That keeps one of a's two uses: with a.grad = ... "
          "instead of +=, the second use overwrites the first. b = a + a = 2a changes twice as "
          "fast as a, and the rule must add both shares.", overwritten),
         ("upstream_gradient_left_out", f"That counts a's two uses and leaves out b.grad: the + "
          f"rule passes b.grad = {show(t)}, not 1, to each child, because c = {factor(t)} · b "
          f"moves {show(t)} times as fast as b. a.grad = {show(t)} + {factor(t)}.",
          gradient_through(a, [1.0, 1.0], [1.0, 1.0]))],
    )


def two_paths(rng):
    a = draw(rng, -2.0, 2.0, avoid=(0.0,))
    x = draw(rng, -2.0, 2.0, avoid=(0.0,))
    y = draw(rng, -2.0, 2.0, avoid=(0.0, x, -x))
    answer = gradient_through(a, [x, y], [1.0, 1.0])
    return numeric(
        f"In a tiny autograd: a = Value({show(a)}), p = a · {factor(x)}, q = a · {factor(y)}, "
        f"c = p + q, then c.backward(). What is a.grad?",
        f"p.grad = q.grad = 1. The · rule of p adds {show(x)} · 1 into a.grad, the · rule of q "
        f"adds {show(y)} · 1: a.grad = {show(x)} + {factor(y)} = {show(answer)}, the sum over "
        f"the two paths from a to c.",
        answer,
        [("assign_instead_of_accumulate", "That keeps one path only: with = instead of +=, the "
          "rule that runs last overwrites the other. a reaches c through p AND through q: add "
          "both shares.", gradient_through(a, [x, y], [0.0, 1.0])),
         ("assign_instead_of_accumulate", "That keeps one path only: with = instead of +=, the "
          "rule that runs last overwrites the other. a reaches c through p AND through q: add "
          "both shares.", gradient_through(a, [x, y], [1.0, 0.0]))],
    )


def why_accumulate(rng):
    a = draw(rng, -2.0, 2.0, avoid=(0.0,))
    twice = gradient_through(a, [1.0, 1.0], [1.0, 1.0])
    once = gradient_through(a, [1.0, 1.0], [1.0, 0.0])
    return Choice(
        prompt=f"The rule of out = x + y in a tiny autograd is x.grad += out.grad and "
               f"y.grad += out.grad. For b = a + a with a = {show(a)}, why += rather than =?",
        explanation=f"b = a + a = 2a: nudging a by ε moves b by 2ε, one ε through each use. "
                    f"The two rule lines are those two uses, and += adds them: a.grad = "
                    f"{show(twice)} per unit of b.grad. With =, the second line overwrites the "
                    f"first and a.grad = {show(once)}.",
        options=[
            Option("a is used twice; each use passes back its own share, and the shares add up "
                   f"to ∂b/∂a = {show(twice)}", True),
            Option(f"= would give the same: both lines write the same number, so a.grad = "
                   f"{show(once)} either way", False, "assign_instead_of_accumulate",
                   f"Both lines write {show(once)}, and that is the point: each is one use's "
                   f"share, and b = 2a needs both. With = the answer stays {show(once)}, not "
                   f"{show(twice)}."),
            Option("+= is only there so that several calls of backward() add up over a "
                   "mini-batch", False, "backward_twice",
                   "Calling backward() twice without zeroing the grads is a bug (PyTorch's "
                   "zero_grad() exists for it). += is there for ONE backward: a value used in "
                   "several places collects every use's share."),
            Option("It makes no difference, since a has no children", False,
                   "assign_instead_of_accumulate",
                   "It is a's parents that matter: b uses a twice, so two shares come back."),
        ],
    )


def same_sum_in_backprop(rng):
    n_next = int(rng.integers(2, 6))
    return Choice(
        prompt=f"A hidden unit feeds {n_next} units of the next layer. Where does backprop, in "
               f"Nielsen's four equations, add up one share per use, like the autograd's +=?",
        explanation=f"BP2: δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ σ′(z^l). Row k of (W^(l+1))ᵀ δ^(l+1) is "
                    f"Σ_j w_jk δ_j, a sum over the {n_next} units the hidden unit k feeds: one "
                    f"share per use of its output, exactly the autograd's +=.",
        options=[
            Option("BP2: (Wᵀ δ)_k = Σ_j w_jk δ_j sums over every unit that unit k feeds", True),
            Option("BP1: δ^L = (a^L − y) ⊙ σ′(z^L)", False),
            Option("BP3: ∂C/∂b = δ", False),
            Option("Nowhere: a unit's output goes to one place only", False,
                   "assign_instead_of_accumulate",
                   f"A unit's output goes to every unit of the next layer ({n_next} here), and "
                   f"its error collects a share from each: that is BP2's Wᵀ δ."),
        ],
    )
