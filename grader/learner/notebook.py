"""The Jupyter front end (Jupyter, VS Code, Colab): IPython magics and the workbook.

    %load_ext grader
    %%learn ex03            <- first line of a cell: the cell's body is your ex03 file, graded
    %learn next | list | hint ex03 | explain ex04 | check ex03 | solution ex03
    %learn quiz q01 | answer 2 0.25     (a quiz: grader/learner/notebook_quiz.py)
    %learn review | %%learn review ex03 (what is due again: grader/learner/notebook_review.py)

What is graded is the cell's text at `%%learn` time, written into the workspace as the learner's
file and checked by the same isolated child as `learn check` (same seeds, same recording, origin
`notebook`); never the .ipynb on disk, which the learner may not have saved. Verdicts render as
HTML where the front end shows it, as plain text elsewhere. `learn notebook` writes a workbook:
each step's instructions and a `%%learn` cell holding its stub.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

from grader import pictures
from grader.errors import LearnError
from grader.wording import headings

WORKBOOK = "learn-backprop.ipynb"


def load_ipython_extension(ipython) -> None:
    from IPython.core.magic import Magics, line_cell_magic, magics_class

    @magics_class
    class LearnMagics(Magics):
        @line_cell_magic
        def learn(self, line: str, cell: str | None = None) -> None:
            """%%learn ex03 grades this cell as your ex03 file; %learn next | list | hint EX |
            explain EX | check EX | solution EX | quiz Q | answer N ANSWER | review."""
            try:
                run_magic(line, cell)
            except LearnError as exc:
                from grader.presenting.render import notebook_wording

                message = notebook_wording(str(exc))  # `%learn check ex03`, not `learn ...`
                show(f"<p><b>Error:</b> {html.escape(message)}</p>", f"Error: {message}")

    ipython.register_magics(LearnMagics)


def show(html_text: str, plain: str) -> None:
    from IPython.display import display

    display({"text/html": html_text, "text/plain": plain}, raw=True)


def session():
    from grader.learner.api import Session

    return Session()


def run_magic(line: str, cell: str | None) -> None:
    from grader.learner import notebook_quiz, notebook_review

    words = line.split()
    if cell is not None and words[:1] == ["review"] and len(words) == 2:  # %%learn review ex03
        notebook_review.check_cell(words[1], cell, show)
        return
    if cell is not None:  # %%learn ex03
        if len(words) != 1:
            raise LearnError("write the step after %%learn, e.g. `%%learn ex03`")
        check_cell(words[0], cell)
        return
    command, *rest = words or ["next"]
    target = rest[0] if rest else None
    current = session()
    from grader.presenting import render

    if command == "next":
        exercise = current.next_step()
        if exercise is None:
            text = headings.EVERY_STEP_PASSED
        else:
            steps = current.course.exercises
            path = None if exercise.is_quiz else current.workspace.file_for(exercise)
            text = render.step_page(exercise, path, steps.index(exercise) + 1, len(steps),
                                    notebook=True)
        text += _review_due(current)
    elif command == "list":
        text = render.step_list(current.steps())
        text += _review_due(current)
    elif command == "hint":
        given = current.hint(target)
        text = render.hint_text(given, current.resolve(target).id, again="%learn hint")
    elif command == "explain":
        text, seed = current.explain(target)
        exercise = current.resolve(target)
        text += f"\n\n(%learn explain {exercise.id} shows a fresh one)"
        show(explain_html(exercise, text, seed), text)
        return
    elif command == "check":
        show_verdict(current, _check(current, target))
        return
    elif command == "solution":
        if target is None:
            raise LearnError("name the step: `%learn solution ex03`")
        text = render.solution_text(*current.solution(target))
    elif command == "quiz":
        notebook_quiz.start(current, target, show)
        return
    elif command == "answer":
        notebook_quiz.answer(line.split(None, 1)[1] if len(words) > 1 else "", show)
        return
    elif command == "review":
        notebook_review.start(current, show)
        return
    else:
        raise LearnError(f"unknown command '{command}': next, list, hint, explain, check, "
                         "solution, quiz, answer, review")
    show(f"<pre>{html.escape(text)}</pre>", text)


def _review_due(current) -> str:
    """'3 review items due: `%learn review` ...' under `%learn next` and `%learn list`."""
    from grader.learner.review import due_count
    from grader.wording.review import due_line

    line = due_line(due_count(current), "%learn")
    return f"\n\n{line}" if line else ""


def check_cell(step: str, body: str) -> None:
    """The cell's text becomes the learner's file for `step`, then it is checked."""
    current = session()
    exercise = current.code_step(step)
    path = current.workspace.file_for(exercise)
    path.write_text(body, encoding="utf-8")
    show_verdict(current, _check(current, exercise.id))


_servers = None  # the kernel's warm fork server: a cell's check costs a fork, not a Python start


def _check(current, step: str | None):
    global _servers
    from grader.running.forkserver import ForkServers
    from grader.running.isolation import Isolation

    if _servers is None:
        _servers = ForkServers(Isolation())
    with _servers.child() as child:
        return current.check(step, origin="notebook", child=child)


def show_verdict(current, result) -> None:
    """A check's verdict as HTML, with the terminal's text for front ends without HTML; after a
    recorded pass, the step to go on to, as `learn check` says it."""
    from grader.presenting.as_html import verdict_html
    from grader.presenting.as_text import verdict_text
    from grader.presenting.blocks import verdict_blocks
    from grader.presenting.render import notebook_wording

    upcoming = None
    if result.verdict.passed and result.attempt_id is not None:
        upcoming = current.resolve_next(after=result.exercise)
    blocks = verdict_blocks(result, upcoming)
    show(verdict_html(blocks), notebook_wording(verdict_text(blocks)))


def explain_html(exercise, text: str, seed: int) -> str:
    """A worked example for a notebook: its text, with each of its pictures (an explain.py's
    `example`, drawn from the same seed) shown as SVG where its text form stands."""
    from grader.course.worked import worked_example  # numpy: not while %load_ext grader starts

    def pre(piece: str) -> str:
        piece = piece.strip("\n")
        return f"<pre>{html.escape(piece)}</pre>" if piece.strip() else ""

    parts, rest = [], text
    for picture in worked_example(exercise, seed)[1]:
        before, found, after = rest.partition(pictures.text(picture))
        if found:
            parts += [pre(before), f"<div>{pictures.svg(picture)}</div>"]
            rest = after
    return "".join(parts) + pre(rest)


# -- the workbook -------------------------------------------------------------------------------

def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_workbook(course):
    """Every step: its instructions, then a `%%learn` cell with its stub (a quiz: `%learn
    quiz`). Each generated cell remembers the hash of what it was written with."""
    import nbformat

    from grader.presenting.render import notebook_wording

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
