"""The capstone's single case: the 1347 training images, their one-hot labels and a seed.

The 450 test images and their labels stay in the parent (score.py); nothing about them is in
the case, so nothing about them reaches the learner's code.
"""

from reference.digits import train_data


def generate(rng, params, arguments, count):
    X_train, Y_train = train_data()
    return [{"X_train": X_train, "Y_train": Y_train, "seed": int(rng.integers(0, 2**31 - 1))}
            for _ in range(count)]
