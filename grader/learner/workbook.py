"""The workbook `learn notebook` writes: every step's instructions and a `%%learn` cell holding
its stub (a quiz: `%learn quiz`), to work through in Jupyter, VS Code or Colab with the magics of
grader/learner/notebook.py. A workbook the learner edited is never overwritten.

nbformat is an optional extra (`learn-backprop[notebook]`): imported where it is used.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from grader.errors import LearnError
from grader.presenting.render import notebook_wording

WORKBOOK = "learn-backprop.ipynb"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_workbook(course):
    """Every step: its instructions, then a `%%learn` cell with its stub (a quiz: `%learn
    quiz`). Each generated cell remembers the hash of what it was written with."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    cells = [nbformat.v4.new_markdown_cell(
        "# learn-backprop\n\nRun the next cell once, then work down the steps: edit a "
        "`%%learn` cell and run it to have it graded. `%learn next` says where you are."),
        nbformat.v4.new_code_cell("%load_ext grader")]
    for exercise in course:
        cells.append(nbformat.v4.new_markdown_cell(notebook_wording(exercise.instructions)))
        if exercise.is_quiz:
            body = f"%learn quiz {exercise.id}"
        else:  # the stub's "Edit this file, then run `learn check`" becomes this cell's words
            stub = exercise.starter_path.read_text(encoding="utf-8").rstrip()
            body = f"%%learn {exercise.id}\n{notebook_wording(stub)}\n"
        cell = nbformat.v4.new_code_cell(body)
        cell.metadata["learn"] = {"step": exercise.id, "written": _hash(body)}
        cells.append(cell)
    notebook.cells = cells
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


def edited_cells(path: Path) -> list[str]:
    """The steps whose cells in an existing workbook no longer hold what was written."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    edited = []
    for cell in document.get("cells", []):
        learn = cell.get("metadata", {}).get("learn")
        if isinstance(learn, dict):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            if _hash(source) != learn.get("written"):
                edited.append(str(learn.get("step")))
    return edited


def write_workbook(course, path: Path) -> tuple[Path, list[str]]:
    """Write the workbook at `path`; where a workbook there has edited cells, a new one is
    written beside it instead (nothing of the learner's is overwritten). Returns where it went
    and the edited steps found."""
    try:
        import nbformat
    except ImportError:
        raise LearnError("writing a workbook needs nbformat: pip install "
                         "'learn-backprop[notebook]'") from None
    edited = edited_cells(path) if path.exists() else []
    target = path
    if edited:
        number = 2
        while (target := path.with_name(f"{path.stem}-{number}{path.suffix}")).exists():
            number += 1
    nbformat.write(build_workbook(course), str(target))
    return target, edited
