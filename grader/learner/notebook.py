"""The Jupyter front end (Jupyter, VS Code, Colab): IPython magics and the workbook.

    %load_ext grader
    %%learn ex03            <- first line of a cell: the cell's body is your ex03 file, graded
    %learn next | list | hint ex03 | explain ex04 | check ex03 | solution ex03
    %learn quiz q01 | answer 2 0.25     (a quiz: grader/learner/notebook_quiz.py)
    %learn review | %%learn review ex03 (what is due again: grader/learner/notebook_review.py)

What is graded is the cell's text at `%%learn` time, written into the workspace as the learner's
file and checked by the same isolated child as `learn check` (same seeds, same recording, origin
`notebook`); never the .ipynb on disk, which the learner may not have saved. Verdicts render as
HTML where the front end shows it, as plain text elsewhere. The workbook `learn notebook` writes
is grader/learner/workbook.py's.
"""

from __future__ import annotations

import html

from grader import pictures
from grader.errors import LearnError
from grader.learner import notebook_quiz, notebook_review
from grader.learner.api import Session
from grader.learner.review import due_count
from grader.presenting import render
from grader.presenting.as_html import verdict_html
from grader.presenting.as_text import verdict_text
from grader.presenting.blocks import verdict_blocks
from grader.running.forkserver import ForkServers
from grader.running.isolation import Isolation
from grader.wording import headings
from grader.wording.review import due_line

# IPython, an optional extra (the kernel's own), is imported where it is used.


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
                message = render.notebook_wording(str(exc))  # `%learn check ex03`, not `learn ...`
                show(f"<p><b>Error:</b> {html.escape(message)}</p>", f"Error: {message}")

    ipython.register_magics(LearnMagics)


def show(html_text: str, plain: str) -> None:
    from IPython.display import display

    display({"text/html": html_text, "text/plain": plain}, raw=True)


def session():
    return Session()


def run_magic(line: str, cell: str | None) -> None:
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
    if _servers is None:
        _servers = ForkServers(Isolation())
    with _servers.child() as child:
        return current.check(step, origin="notebook", child=child)


def show_verdict(current, result) -> None:
    """A check's verdict as HTML, with the terminal's text for front ends without HTML; after a
    recorded pass, the step to go on to, as `learn check` says it."""
    upcoming = None
    if result.verdict.passed and result.attempt_id is not None:
        upcoming = current.resolve_next(after=result.exercise)
    blocks = verdict_blocks(result, upcoming)
    show(verdict_html(blocks), render.notebook_wording(verdict_text(blocks)))


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
