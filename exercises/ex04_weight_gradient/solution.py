"""A correct ex04, written the way a learner would."""


def weight_gradient(w, x, y):
    a = w * x                # forward pass (ex01)
    dC_da = 2 * (a - y)      # derivative of the cost (ex03)
    da_dw = x                # a = w * x grows by x per unit of w
    return dC_da * da_dw     # chain rule
