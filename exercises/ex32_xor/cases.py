"""Five seeds, each with the four XOR samples as columns in an order of its own (so the answer
cannot be typed in) and the budget of 2000 epochs. Only seeds from which the README's recipe
learns XOR with room to spare (every output within 0.15 of its target, where 0.25 passes) are
drawn: about 1 start in 10 does not learn in time, most of them stuck in a local minimum, and
that is no fault of the learner's loop. Checking a seed runs the reference recipe, about 0.2 s."""

from reference.xor import EPOCHS, X_XOR, Y_XOR, learns

MARGIN = 0.15


def generate(rng, params, arguments, count):
    cases = []
    while len(cases) < count:
        seed = int(rng.integers(0, 2**31 - 1))
        order = rng.permutation(X_XOR.shape[1])
        X, Y = X_XOR[:, order], Y_XOR[:, order]
        if learns(seed, X, Y, EPOCHS, within=MARGIN):
            cases.append({"X": X, "Y": Y, "seed": seed, "epochs": EPOCHS})
    return cases
