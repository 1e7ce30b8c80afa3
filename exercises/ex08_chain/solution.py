"""A correct ex08, written the way a learner would."""


def chain_gradients(w1, w2, x, y):
    a1 = w1 * x                   # first neuron
    a2 = w2 * a1                  # second neuron: its input is a1
    dC_da2 = 2 * (a2 - y)         # the cost's slope at the output (ex03)
    dC_dw2 = dC_da2 * a1          # w2 multiplies a1
    dC_da1 = dC_da2 * w2          # back through the second neuron
    dC_dw1 = dC_da1 * x           # w1 multiplies x
    return dC_dw1, dC_dw2
