"""Deep sigmoid networks at a plain start (weights and biases N(0, 1)): 3 to 7 layers, so the
norms fall by a factor of a few per layer going down; hidden widths of at least 2 and a batch of
m ≥ 3 that is never a width, so a spectral norm, a sum over the batch and a reversed list each
give other numbers than the right ones."""

from reference.vanishing import deep_sigmoid_case, shrink_deep_case


def generate(rng, params, arguments, count):
    return [deep_sigmoid_case(rng, depth=3 + index % 5) for index in range(count)]


def shrink(case):
    return shrink_deep_case(case)
