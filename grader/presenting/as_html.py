"""A verdict's blocks as a notebook shows them (`%%learn`, `%learn check`): the terminal's
sections in the same order, as HTML; the failing case as a table, its picture as SVG; a command
that a notebook has as a magic written as `%learn ...`. All but our own words and SVG is
escaped."""

from __future__ import annotations

from html import escape

from grader import pictures
from grader.presenting.blocks import (
    Block,
    Case,
    Headline,
    NextStep,
    Note,
    NotRecorded,
    Picture,
    Printed,
    Problem,
    Replay,
    Slip,
    Traceback,
    Where,
)
from grader.wording import headings as say

PASSED, FAILED, QUIET = "#1a7f37", "#cf222e", "#57606a"


def verdict_html(blocks: list[Block]) -> str:
    return '<div class="learn-verdict">' + "".join(section(b) for b in blocks) + "</div>"


def section(block: Block) -> str:
    match block:
        case Headline(passed=passed, text=text):
            return (f'<p style="color:{PASSED if passed else FAILED};font-weight:bold">'
                    f"{escape(text)}</p>")
        case Traceback(text=text):
            return f"<pre>{escape(text)}</pre>"
        case Problem(text=text):
            return f"<p><b>{say.PROBLEM}:</b> {escape(text)}</p>"
        case Where(text=text):
            return f"<p><b>{say.WHERE}:</b> {escape(text)}</p>"
        case Slip(name=name, message=message):
            return (f"<p><b>{say.SLIP}</b> (<code>{escape(name)}</code>): "
                    f"{escape(message)}</p>")
        case Case(heading="", problem=problem):
            return f"<p>{escape(problem)}</p>"
        case Case(heading=heading, problem=problem, rows=rows):
            cells = "".join(f"<tr><th style='text-align:left'>{escape(label)}</th>"
                            f"<td><pre style='margin:0'>{escape(value)}</pre></td></tr>"
                            for label, value in rows)
            return f"<p>{escape(f'{heading}: {problem}')}</p><table>{cells}</table>"
        case Picture(picture=picture):
            return f"<div>{pictures.svg(picture)}</div>"
        case Replay(path=path, step=step, seed=seed, hinted=hinted):
            # No seed option on %learn check: the exact replay is the terminal's command.
            hint = (f"<br>{say.STUCK} <code>%{escape(say.hint_command(step))}</code>"
                    if hinted else "")
            return (f"<p style='color:{QUIET}'>{say.FILE}: <code>{escape(path)}</code><br>"
                    f"{say.REPLAY}: <code>{escape(say.check_command(step, seed))}</code>"
                    f"{hint}</p>")
        case Printed(lines=lines, more=more):
            shown = "\n".join([*lines, *([say.more_lines(more)] if more else [])])
            return f"<p><b>{say.PRINTED}:</b></p><pre>{escape(shown)}</pre>"
        case Note(text=text):
            return f"<p><i>{say.NOTE}:</i> {escape(text)}</p>"
        case NextStep(step=None):
            return f"<p>{say.LAST_STEP}</p>"
        case NextStep(step=step, title=title):
            return f"<p>{escape(say.next_step(step, title, command='%learn next'))}</p>"
        case NotRecorded(why=why):
            return f"<p><b>{say.NOT_RECORDED}:</b> {escape(why)}</p>"
    raise TypeError(f"not a verdict block: {block!r}")
