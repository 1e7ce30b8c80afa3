# Right: a while loop with a counter and separately named helpers.
def train(w, x, y, learning_rate, steps):
    """Take `steps` steps of gradient descent from the weight w; return (w_final, costs)."""
    history = []
    weight = float(w)
    k = 0
    while k < steps:
        output = weight * x
        gap = output - y
        history.append(gap * gap)
        weight -= learning_rate * 2.0 * gap * x
        k += 1
    return weight, history
