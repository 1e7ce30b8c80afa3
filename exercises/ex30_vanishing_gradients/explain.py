"""A deep sigmoid network at a plain start, layer by layer: its gradient norms, the mean σ′ of
each layer and how much smaller each layer's gradient is than the one above, by the reference
engine."""

import numpy as np

from grader.course.worked import show
from grader.pictures.saturation import saturation
from reference.layers import layer_forward
from reference.vanishing import SIGMOID_SLOPE_MAX, gradient_norms


def example(rng: np.random.Generator) -> tuple[list[str], list[dict]]:
    depth = 6
    sizes = [int(rng.integers(3, 6)) for _ in range(depth)] + [1]
    m = 8
    weights = [rng.standard_normal((n_out, n_in))
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]
    X = rng.uniform(-1.0, 1.0, (sizes[0], m))
    Y = rng.uniform(0.1, 0.9, (1, m))
    norms = gradient_norms(weights, biases, X, Y)
    A, slopes, zs = X, [], []
    for W, b in zip(weights, biases, strict=True):
        Z, A = layer_forward(W, b, A, "sigmoid")
        zs.append(Z)
        slopes.append(float(np.mean(A * (1 - A))))
    lines = [
        f"A sigmoid network of {depth} layers, sizes {sizes}, weights and biases drawn N(0, 1); "
        f"a batch of m = {m}.",
        "backprop once, then the Frobenius norm of each ∂C/∂W^l, np.linalg.norm(grad_w[l]):",
        "",
        "  layer   ‖∂C/∂W^l‖   mean σ′(z^l)   the layer above / this one   (the input is "
        "layer 1)",
    ]
    for layer in range(depth):
        above = (f"{norms[layer + 1] / norms[layer]:.1f}×" if layer + 1 < depth
                 else "(the output layer)")
        lines.append(f"  {layer + 2:>5}   {norms[layer]:<11.3g} {slopes[layer]:<14.3f} {above}")
    lines += [
        "",
        f"norms = [{', '.join(show(n, 3) for n in norms)}]   (your answer: first layer first)",
        f"From the output layer down to the first, the gradient shrinks "
        f"{norms[-1] / norms[0]:.0f} times. Each layer the error passes multiplies it by Wᵀ "
        f"and by σ′(z), at most {show(SIGMOID_SLOPE_MAX)} and here about "
        f"{np.mean(slopes[:-1]):.2f} on average.",
    ]
    return lines, [saturation(zs, norms, title="The same network: where its z sit on σ, "
                              "and its gradient norms")]
