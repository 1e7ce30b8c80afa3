"""A correct ex16, written the way a learner would."""


def output_error(Z, A, Y):
    sigma_prime = A * (1 - A)        # σ′(Z), since A = σ(Z) already
    return (A - Y) * sigma_prime     # BP1: ∇_a C ⊙ σ′(z), entry by entry
