"""Our own exception types. Only grader/cli.py turns them into one-line messages and exit codes."""


class LearnError(Exception):
    """Something the user can fix; the message is one line and says what to do."""

    exit_code = 2


class ExerciseError(LearnError):
    """A broken or unknown exercise folder."""


class WorkspaceError(LearnError):
    """The workspace folder cannot be found, created or written."""


class StoreError(LearnError):
    """The progress database cannot be opened or written."""

    exit_code = 3
