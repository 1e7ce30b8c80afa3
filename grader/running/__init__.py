"""Running learner code: the only package that starts it, and the only one that knows how.

    isolation.py    the kinds of isolation (bwrap, account, none) in KINDS, each with its
                    command line, owner, cleanup and exit codes; `choose`; what a new kind takes
    runner.py       `Child`: one grade as the parent sees it (job in, results back, time limit),
                    composed from a launcher: `FreshLauncher` (an interpreter per grade) ...
    forkserver.py   ... or `ForkServer` (a fork of a warm template); `ForkServers` for a pool
    child.py        what runs in the child: the learner's import, the cases, the template
    accounts.py     the account kind's machine-wide lock and its sweep after each grade
    seal_account.py the root launcher that gives an account's child its namespaces

`open_child(isolation, servers)` is the one way to get a child; its one owner closes it.
`practice_child(sandbox)` is a learner's `learn check` child.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.errors import LearnError
from grader.running.isolation import Isolation, choose
from grader.running.runner import Child, FreshLauncher, isolation_available

if TYPE_CHECKING:  # not imported for a plain check: `learn check` starts in tens of ms
    from grader.running.forkserver import ForkServers


def open_child(isolation: Isolation | None = None, servers: ForkServers | None = None):
    """A context manager giving one child: forked from `servers` when given (they carry their
    own isolation), else a fresh interpreter in `isolation` (default: a practice check)."""
    if servers is not None:
        return servers.child()
    return Child(FreshLauncher(isolation))


def practice_child(sandbox: bool = False) -> Child:
    """A child for one learner's `check`, starting now (it loads Python and numpy meanwhile):
    as the learner, or with `sandbox` in the bubblewrap sandbox the instructor's regrade uses."""
    if not isolation_available():
        raise LearnError("grading needs Linux, macOS or WSL (a child process with limits)")
    return open_child(choose("bwrap") if sandbox else None)
