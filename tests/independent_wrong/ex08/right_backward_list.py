# Right: a generic loop over the layers, storing activations and walking backwards.
def chain_gradients(w1, w2, x, y):
    """Return (dC_dw1, dC_dw2)."""
    weights = [w1, w2]
    acts = [x]
    for w in weights:
        acts.append(w * acts[-1])
    delta = 2 * (acts[-1] - y)
    grads = [None, None]
    for i in (1, 0):
        grads[i] = delta * acts[i]
        delta = delta * weights[i]
    return grads[0], grads[1]
