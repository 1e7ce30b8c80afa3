"""q06 · A sigmoid neuron: a = σ(w·x + b), C = (a − y)².

Every number shown is drawn from rng; right answers come from reference.neuron (neuron_trace,
sigmoid_neuron_gradients) and reference.activations; the slips are the same values put through
the wrong formula."""

from __future__ import annotations

from grader.course.worked import draw, factor, show
from grader.grading.quiz import Choice, Option, numeric
from reference import neuron
from reference.activations import sigmoid_prime


def _neuron(rng):
    """w, b, x, y with x ∉ {1, 2}, y ∉ {0, 1} and a clearly off the target."""
    x = draw(rng, 0.5, 2.5, avoid=(1.0, 2.0))
    y = draw(rng, 0.1, 0.9)
    while True:
        w = draw(rng, -1.5, 1.5, avoid=(0.0,))
        b = draw(rng, -1.0, 1.0, avoid=(0.0,))
        t = neuron.neuron_trace(w, b, x, y, "sigmoid")
        if abs(float(t.a) - y) > 0.1:
            return w, b, x, y, t


def _worked(w, b, x, y, t) -> str:
    z, a = float(t.z), float(t.a)
    return (f"z = {show(w)} · {factor(x)} + {factor(b)} = {show(z)}, a = σ(z) = {show(a)}, "
            f"dC/da = 2(a − y) = {show(float(t.dC_da))}, σ′(z) = a(1 − a) = "
            f"{show(float(t.da_dz))}, so dC/dz = {show(float(t.dC_dz))}")


def _slips(w, b, x, y, t, input_factor, answer):
    """The shared slips, one link of the chain wrong; `input_factor`: x for dC/dw, 1 for b."""
    z, a, d = float(t.z), float(t.a), float(t.dC_da)
    return [
        ("missing_sigmoid_prime", "The sigmoid's slope is missing: between the cost and z sits "
         "a = σ(z), which adds the factor σ′(z) = a(1 − a).", d * input_factor),
        ("prime_of_a", "Your slope factor is σ′(a) = σ(a)(1 − σ(a)): a went through the sigmoid "
         "again. The slope is taken at z: σ′(z) = a(1 − a).",
         d * float(sigmoid_prime(a)) * input_factor),
        ("z_times_one_minus_z", "Your slope factor is z(1 − z): z put where σ(z) belongs. "
         "σ′(z) = σ(z)(1 − σ(z)) = a(1 − a).", d * z * (1 - z) * input_factor),
        ("half_cost", "That is half the answer: the ½-cost's. With C = (a − y)² the chain starts "
         "from 2(a − y).", answer / 2),
        ("flipped_sign", "Right size, wrong sign: keep the cost's order, 2(a − y).", -answer),
    ]


def weight_gradient(rng):
    w, b, x, y, t = _neuron(rng)
    answer = float(t.dC_dw)
    return numeric(
        f"a = σ(z), z = w·x + b, C = (a − y)². For w = {show(w)}, b = {show(b)}, x = {show(x)} "
        f"and y = {show(y)}: what is dC/dw? (4 significant digits)",
        f"{_worked(w, b, x, y, t)}; z grows by x when w grows by 1: dC/dw = "
        f"{show(float(t.dC_dz))} · {factor(x)} = {show(answer)}.",
        answer,
        _slips(w, b, x, y, t, x, answer),
    )


def bias_gradient(rng):
    w, b, x, y, t = _neuron(rng)
    answer = float(t.dC_db)
    return numeric(
        f"a = σ(z), z = w·x + b, C = (a − y)². For w = {show(w)}, b = {show(b)}, x = {show(x)} "
        f"and y = {show(y)}: what is dC/db? (4 significant digits)",
        f"{_worked(w, b, x, y, t)}; z grows by exactly 1 when b grows by 1: dC/db = dC/dz = "
        f"{show(answer)}.",
        answer,
        [("db_times_x", "You multiplied by x, as for dC/dw. The bias is added to z, so "
          "dz/db = 1: dC/db = 2(a − y) · a(1 − a).", float(t.dC_dw)),
         *_slips(w, b, x, y, t, 1.0, answer)],
    )


def saturated_neuron(rng):
    x = draw(rng, 1.0, 2.0)
    w = draw(rng, 2.5, 4.0)
    b = draw(rng, 1.0, 3.0)
    y = 0.0
    t = neuron.neuron_trace(w, b, x, y, "sigmoid")
    z, a, prime = float(t.z), float(t.a), float(t.da_dz)
    return Choice(
        prompt=f"A sigmoid neuron a = σ(w·x + b) with w = {show(w)}, b = {show(b)}, x = "
               f"{show(x)} gives a = {show(a, 5)}, but the target is y = 0, and C = (a − y)². "
               f"Gradient descent barely changes w for many steps. Why?",
        explanation=f"z = {show(z)}: the sigmoid is flat out there, σ′(z) = a(1 − a) = "
                    f"{show(prime, 3)}. dC/dw = 2(a − y) · σ′(z) · x = "
                    f"{show(float(t.dC_da), 4)} · {factor(prime, 3)} · {factor(x)} = "
                    f"{show(float(t.dC_dw), 3)}: tiny, though "
                    f"the error is nearly as large as it can be. The neuron is saturated.",
        options=[
            Option(f"σ′(z) = a(1 − a) ≈ {show(prime, 2)} is tiny at z = {show(z)}, and every "
                   f"gradient of this neuron carries that factor.", True),
            Option(f"The neuron is nearly right: a − y = {show(a, 5)} is small.", False,
                   "saturated_means_right",
                   f"a − y = {show(a, 5)} is nearly the largest error a sigmoid can make (its "
                   f"output lies between 0 and 1). The gradient is small because σ′(z) is, not "
                   f"because the error is."),
            Option("The cost (a − y)² is near its minimum, where every slope is 0.", False,
                   "saturated_means_right",
                   f"The cost is {show(float(t.C), 4)}, near its largest value for a sigmoid, not "
                   f"its minimum 0. The flat part is the sigmoid's, not the cost's."),
            Option("dC/dw does not depend on x when z is large.", False, "missing_x",
                   "dC/dw = 2(a − y) · σ′(z) · x still carries x; it is σ′(z) that is tiny."),
        ],
    )
