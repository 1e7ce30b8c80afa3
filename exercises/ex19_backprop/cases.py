"""Random networks: depth 1-4, every activation, with and without biases, some with a square
hidden-to-hidden W so a missing transpose is a wrong value, not only a shape error. The last
two cases hold a batch of 256 samples, where a Python loop over the samples is as slow as it
is (the speed note); they are drawn without relu, so no sample sits on a kink."""

from reference.network_cases import network_case, shrink_network_case
from reference.random_nets import random_batch, random_network

LARGE_BATCH = 256


def generate(rng, params, arguments, count):
    cases = [network_case(rng, kinkless=False, square=index % 3 == 0,
                          bias=None if index > 1 else bool(index))
             for index in range(count - 2)]
    for _ in range(min(2, count)):
        net = random_network(rng, depth=int(rng.integers(2, 4)), kinkless=True)
        X, Y = random_batch(rng, net, m=LARGE_BATCH)
        cases.append({"weights": net.weights, "biases": net.biases,
                      "activations": list(net.activations), "X": X, "Y": Y})
    return cases


def shrink(case):
    return shrink_network_case(case)
