"""The learner's workspace: the folder holding their copies of the stubs and `progress.db`.

Found from --home, else LEARN_HOME, else the nearest ancestor of the current folder that is a
workspace, else ~/learn-backprop (created on first use).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from grader.course.spec import Exercise
from grader.errors import WorkspaceError

MARKER = ".learn-backprop"
DATABASE_NAME = "progress.db"
DEFAULT_FOLDER = "learn-backprop"


@dataclass(frozen=True)
class Workspace:
    root: Path
    created: bool = False

    def file_for(self, exercise: Exercise) -> Path:
        return self.root / exercise.learner_filename

    def ensure_file(self, exercise: Exercise) -> tuple[Path, bool]:
        """The learner's file for `exercise`, copied from the stub if it is not there yet."""
        path = self.file_for(exercise)
        if path.exists() or path.is_symlink():
            return path, False
        self.restore_stub(exercise)
        return path, True

    def restore_stub(self, exercise: Exercise) -> Path:
        path = self.file_for(exercise)
        try:
            if path.is_dir() and not path.is_symlink():
                raise WorkspaceError(f"{path} is a folder; move it aside first")
            shutil.copyfile(exercise.starter_path, path)
        except OSError as exc:
            raise WorkspaceError(f"cannot write {path} ({exc.strerror})") from None
        return path

    def default_database(self) -> Path:
        return self.root / DATABASE_NAME


def is_workspace(path: Path) -> bool:
    return (path / MARKER).is_file()


def find_workspace(home: str | os.PathLike | None = None, cwd: Path | None = None) -> Workspace:
    if home is None:
        home = os.environ.get("LEARN_HOME") or None
    if home is not None:
        return _open_or_create(Path(home).expanduser().resolve())
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_workspace(folder):
            return Workspace(folder)
    return _open_or_create(Path.home() / DEFAULT_FOLDER)


def _open_or_create(root: Path) -> Workspace:
    if is_workspace(root):
        return Workspace(root)
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root} exists and is not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / MARKER).write_text(
            "This folder is a learn-backprop workspace: your exercise files and progress.db.\n",
            encoding="utf-8",
        )
    except OSError as exc:
        raise WorkspaceError(f"cannot create the workspace {root} ({exc.strerror})") from None
    return Workspace(root, created=True)
