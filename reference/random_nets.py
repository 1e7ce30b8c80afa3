"""Seeded random networks and batches that avoid coincidences which hide bugs.

- Widths are drawn from [2, 6] and adjacent widths differ, so no W is square and a
  missing transpose is a shape error. ``square=True`` makes exactly one
  hidden-to-hidden W square, so a transpose-only bug must show up in the values.
- The batch size m is never a layer width (and m ≥ 3), so mixing up the sample axis
  with a unit axis, or sum with mean, cannot pass by accident.
- No target is 0: with y = 0 several wrong cost derivatives agree with the right one.
"""

from collections.abc import Sequence

import numpy as np

from reference.activations import ACTIVATIONS, Array
from reference.costs import Cost, get_cost
from reference.network import Network, forward

MIN_WIDTH, MAX_WIDTH = 2, 6
KINKLESS = [name for name in ACTIVATIONS if name != "relu"]


def _pick(rng: np.random.Generator, items: list):
    """One of `items`, uniformly (rng.choice turns the list into an array first: 6 us)."""
    return items[int(rng.integers(len(items)))]


def _widths(rng: np.random.Generator, depth: int, square: bool) -> list[int]:
    # With square, sizes[repeat] copies sizes[repeat - 1]; both are hidden layers.
    repeat = int(rng.integers(2, depth)) if square else -1
    sizes = [int(rng.integers(MIN_WIDTH, MAX_WIDTH + 1))]
    for j in range(1, depth + 1):
        if j == repeat:
            sizes.append(sizes[-1])
        else:
            choices = [w for w in range(MIN_WIDTH, MAX_WIDTH + 1) if w != sizes[-1]]
            sizes.append(_pick(rng, choices))
    return sizes


def random_network(
    rng: np.random.Generator,
    *,
    depth: int | None = None,
    sizes: Sequence[int] | None = None,
    activations: Sequence[str] | str | None = None,
    output: str | None = None,
    bias: bool | None = None,
    kinkless: bool = False,
    square: bool = False,
) -> Network:
    """A random network; every unspecified choice is drawn from ``rng``.

    ``depth`` counts weight matrices (default 1–4, or 3–4 when ``square``).
    ``output`` fixes only the last activation (e.g. "sigmoid" for cross-entropy).
    ``kinkless`` never draws relu, for finite-difference checks.
    """
    if sizes is not None:
        sizes = [int(s) for s in sizes]
        if depth is not None and depth != len(sizes) - 1:
            raise ValueError(f"depth={depth} disagrees with sizes={sizes}")
        depth = len(sizes) - 1
    if depth is None:
        depth = int(rng.integers(3 if square else 1, 5))
    if square and depth < 3:
        raise ValueError("a square hidden-to-hidden matrix needs depth >= 3")
    if sizes is None:
        sizes = _widths(rng, depth, square)

    if activations is None:
        names = KINKLESS if kinkless else list(ACTIVATIONS)
        activations = [_pick(rng, names) for _ in range(depth)]
    elif isinstance(activations, str):
        activations = [activations] * depth
    activations = list(activations)
    if output is not None:
        activations[-1] = output

    if bias is None:
        bias = bool(rng.integers(2))
    return Network.from_sizes(sizes, activations, rng, bias=bias)


def random_batch(
    rng: np.random.Generator,
    net: Network,
    m: int | None = None,
    cost: Cost | str = "half_squared",
) -> tuple[Array, Array]:
    """Inputs X ~ N(0, 1) of shape (n_in, m) and nonzero targets Y of shape (n_out, m).

    Targets are uniform in [0.1, 0.9] when the output is a sigmoid or the cost is
    cross-entropy, and ±uniform[0.1, 2] otherwise.
    """
    sizes = net.sizes
    if m is None:
        m = _pick(rng, [k for k in range(3, 3 + len(sizes) + 6) if k not in sizes])
    elif m in sizes:
        raise ValueError(f"batch size {m} equals a layer width in {sizes}")
    probabilities = net.activations[-1] == "sigmoid" or get_cost(cost).name == "cross_entropy"
    if get_cost(cost).name == "cross_entropy" and net.activations[-1] != "sigmoid":
        raise ValueError("cross-entropy needs outputs in (0, 1): use a sigmoid output layer")

    X = rng.standard_normal((sizes[0], m))
    if probabilities:
        Y = rng.uniform(0.1, 0.9, (sizes[-1], m))
    else:
        Y = rng.uniform(0.1, 2.0, (sizes[-1], m)) * rng.choice([-1.0, 1.0], (sizes[-1], m))
    return X, Y


def relu_margin(net: Network, X: Array) -> float:
    """Smallest |z| over relu units (inf without relu): how far the batch is from a kink."""
    layers = zip(forward(net, X).zs, net.activations, strict=True)
    margins = [np.abs(z).min() for z, name in layers if name == "relu"]
    return float(min(margins, default=np.inf))
