# Right: the norms written out as square roots of sums of squares over the flattened arrays.
import math


def relative_error(a, b):
    fa = a.ravel().tolist()
    fb = b.ravel().tolist()
    diff = math.sqrt(sum((p - q) ** 2 for p, q in zip(fa, fb)))
    na = math.sqrt(sum(p * p for p in fa))
    nb = math.sqrt(sum(q * q for q in fb))
    top = na if na > nb else nb
    return 0.0 if top == 0 else diff / top
