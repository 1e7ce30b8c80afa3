"""A correct ex02, written the way a learner would."""


def cost(a, y):
    gap = a - y
    return gap * gap
