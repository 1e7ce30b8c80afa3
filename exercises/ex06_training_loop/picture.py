"""ex06's picture of a failing case: the learner's cost per step beside the reference's."""

from grader.pictures.curves import curves


def picture(case, expected, got):
    if got is None or "[1]" not in expected or "[1]" not in got:
        return None
    if expected["[1]"].ndim != 1 or got["[1]"].ndim != 1:
        return None
    return curves(expected["[1]"], got["[1]"],
                  title="The cost before each update of w: your loop's and the expected",
                  y_label="cost C = (a − y)² (no unit)",
                  x_label="step k (one update of w)")
