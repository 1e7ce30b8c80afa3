"""A verdict's blocks as plain text: what `learn check` and `learn watch` print, a notebook's
plain-text fallback, a feedback page's quote; and in one line for Gradescope's results.json."""

from __future__ import annotations

import textwrap

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


def verdict_text(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if lines and not isinstance(block, NextStep | Note):  # these keep to the line above
            lines.append("")
        lines.append(section(block))
    return "\n".join(lines)


def one_line(blocks: list[Block]) -> str:
    """The headline's facts in a line: "2 of 6 cases right (seed 7). Why it failed"."""
    headline = blocks[0]
    why = f" {headline.reason}" if headline.reason else ""
    return f"{headline.count} (seed {headline.seed}).{why}"


def section(block: Block) -> str:
    match block:
        case Headline(text=text):
            return text
        case Traceback(text=text):
            return textwrap.indent(text, "    ")
        case Problem(text=text):
            return f"  {say.PROBLEM}: {text}"
        case Where(text=text):
            return f"  {say.WHERE}: {text}"
        case Slip(name=name, message=message):
            return f"  {say.SLIP} ({name}):\n    {message}"
        case Case(heading="", problem=problem):
            return f"  {problem}"
        case Case(heading=heading, problem=problem, rows=rows):
            width = max((len(label) for label, _ in rows), default=0)
            return "\n".join([f"  {heading}: {problem}"]
                             + [_labelled(label, value, width) for label, value in rows])
        case Picture(picture=picture):
            return pictures.text(picture)
        case Replay(path=path, step=step, seed=seed, hinted=hinted):
            hint = f"\n  {say.STUCK} {say.hint_command(step)}" if hinted else ""
            return (f"  {say.FILE}: {path}\n"
                    f"  {say.REPLAY}: {say.check_command(step, seed)}{hint}")
        case Printed(lines=lines, more=more):
            more_lines = [say.more_lines(more)] if more else []
            return "\n".join([f"  {say.PRINTED}:"]
                             + [f"    | {line}" for line in [*lines, *more_lines]])
        case Note(text=text):
            return f"  {say.NOTE}: {text}"
        case NextStep(step=None):
            return f"  {say.LAST_STEP}"
        case NextStep(step=step, title=title):
            return f"  {say.next_step(step, title)}"
        case NotRecorded(why=why):
            return f"  {say.NOT_RECORDED}: {why}"
    raise TypeError(f"not a verdict block: {block!r}")


def _labelled(label: str, value: str, width: int) -> str:
    """`label  value`, a value of several lines aligned under its first."""
    head = f"    {label:<{width}}  "
    rows = value.splitlines() or [""]
    return "\n".join([head + rows[0]] + [" " * len(head) + row for row in rows[1:]])
