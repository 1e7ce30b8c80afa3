"""Random networks: depth 1-4, every activation, with and without biases, some with a square
hidden-to-hidden W so a missing transpose is a wrong value, not only a shape error."""

from reference.network_cases import network_case, shrink_network_case


def generate(rng, params, arguments, count):
    return [network_case(rng, kinkless=False, square=index % 3 == 0,
                         bias=None if index > 1 else bool(index))
            for index in range(count)]


def shrink(case):
    return shrink_network_case(case)
