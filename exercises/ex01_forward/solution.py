"""A correct ex01, written the way a learner would."""


def forward(w, x):
    return w * x
