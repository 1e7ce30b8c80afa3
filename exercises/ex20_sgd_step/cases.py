"""Random networks and mini-batches, and a learning rate in [0.05, 3]."""

from reference.network_cases import network_case, shrink_network_case


def generate(rng, params, arguments, count):
    cases = []
    for index in range(count):
        case = network_case(rng, kinkless=False, bias=None if index > 1 else bool(index))
        case["learning_rate"] = float(rng.uniform(0.05, 3.0))
        cases.append(case)
    return cases


def shrink(case):
    return shrink_network_case(case)
