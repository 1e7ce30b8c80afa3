# Takes the largest per-entry relative error |a_i - b_i| / max(|a_i|, |b_i|) (the CS231n per-parameter form) instead of one ratio of norms.
import numpy as np


def relative_error(a, b):
    num = np.abs(a - b)
    den = np.maximum(np.abs(a), np.abs(b))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(den > 0, num / den, 0.0)
    return float(np.max(r))
