"""learn-backprop: the grader, the store and the `learn` command."""

__version__ = "0.1.0"
