"""Layer sizes and a seed. Two cases are real networks, the capstone's [64, 30, 10] and
Nielsen's [784, 30, 10]; the others have 1 or 2 hidden layers of 2–12 units.

- No layer is square (neighbouring widths differ), so a weight matrix drawn (n_in, n_out) is a
  shape error everywhere, and dividing by √n_out differs from dividing by √n_in.
- Every layer has at least 2 inputs, where √n_in, n_in and 1 all differ.
- Every network has a hidden layer, so a constant start has units that could differ and do
  not (the picture of a failing case trains it and shows that they stay the same).
- Seeds below 100 000, so the failing case shows them in full."""

REAL = {3: [64, 30, 10], 7: [784, 30, 10]}  # not first: a small failing case reads best


def generate(rng, params, arguments, count):
    cases = []
    for index in range(count):
        sizes = REAL.get(index)
        if sizes is None:
            sizes = [int(rng.integers(2, 13))]
            for _ in range(int(rng.integers(2, 4))):
                sizes.append(int(rng.choice([w for w in range(2, 13) if w != sizes[-1]])))
        cases.append({"sizes": list(sizes), "seed": int(rng.integers(0, 100_000))})
    return cases
