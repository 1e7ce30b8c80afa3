"""Cases for ex13: one tiny network, one input and one target each, rounded to 2 decimals.

Most cases are ordinary; some have every input 0 (then z = b), some a 0 or negative input,
some large weights that saturate the hidden units (|z| up to about 20, where σ′ ≈ 0). Biases
and output weights stay at least 0.1 away from 0, so that forgetting one always shows, and so
does the target y (with y = 0 some slips would agree more often). The cases are drawn by the
reference's tiny-network case generator (reference.tiny.tiny_cases, with a target).
"""

import numpy as np

from reference.tiny import shrink_tiny_case, tiny_cases


def generate(
    rng: np.random.Generator, params: dict, arguments: list[str], count: int
) -> list[dict]:
    return tiny_cases(rng, arguments, count, target=True)


def shrink(case: dict) -> list[dict]:
    """Everything rounded to 1 decimal, or one more input set to 0 (reference.tiny)."""
    return shrink_tiny_case(case)
