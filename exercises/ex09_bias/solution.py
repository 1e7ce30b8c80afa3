"""A correct ex09, written the way a learner would."""


def bias_gradients(w, b, x, y):
    a = w * x + b            # forward pass with the bias
    error = 2 * (a - y)      # dC/da, shared by both knobs
    dC_dw = error * x        # da/dw = x
    dC_db = error * 1        # da/db = 1
    return dC_dw, dC_db
