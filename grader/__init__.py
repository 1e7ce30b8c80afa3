"""learn-backprop: the grader, the store and the `learn` command."""

__version__ = "0.1.0"


def load_ipython_extension(ipython) -> None:
    """`%load_ext grader` in a notebook: the %learn / %%learn magics
    (grader/learner/notebook.py)."""
    # here: every import of a grader module runs this file, and most never need a notebook
    from grader.learner.notebook import load_ipython_extension as load

    load(ipython)
