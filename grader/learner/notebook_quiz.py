"""A quiz in a notebook, which may have no stdin (Run All under nbclient, some front ends):

    %learn quiz q01          each question with an answer box and a Submit button (ipywidgets)
    %learn answer 2 0.25     the same in words: answers question 2 of the quiz open here

Without ipywidgets the questions are asked with input() where the front end has it, and printed
with the `%learn answer` line where it has not. Every answer goes through the QuizRun that
`learn quiz` uses (graded and stored as given, valid or not, with origin `notebook`); feedback
follows each answer, and the summary, with `finish`, the last one. One quiz is open per kernel
(`current`): a new `%learn quiz` finishes the one before with what it has, as Ctrl-D does in
the terminal.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from grader import pictures
from grader.errors import LearnError
from grader.presenting import render

# ipywidgets and IPython are optional extras: imported where they are used.

if TYPE_CHECKING:
    from grader.learner.api import QuizRun, Session

Show = Callable[[str, str], None]  # grader.learner.notebook.show: HTML, and plain text beside it

ANSWER = "%learn answer"

current: OpenQuiz | None = None  # the quiz open in this kernel: its form and `%learn answer`


class OpenQuiz:
    """The quiz being answered in this kernel; the form and `%learn answer` both answer it."""

    def __init__(self, run: QuizRun):
        self.run = run
        self.asked = time.monotonic()  # seconds per answer, as the terminal records them
        self.finished = False
        self.form: QuizForm | None = None

    @property
    def total(self) -> int:
        return len(self.run.questions)

    @property
    def waiting(self) -> int | None:
        """The first question (from 1) without a readable answer; None when all have one."""
        return next((n for n in range(1, self.total + 1) if n not in self.run.answers), None)

    def question(self, number: int) -> str:
        return render.question_text(number, self.total, self.run.questions[number - 1])

    def answer(self, number: int, text: str) -> tuple[str, str, bool]:
        """Grade and record one answer: (HTML with the question and the answer, the feedback as
        plain text, whether the answer was readable); after the last one, the summary too."""
        quiz = self.run.exercise.id
        if self.finished:
            raise LearnError(f"{quiz} is over; `%learn quiz {quiz}` takes it again, with new "
                             "numbers")
        if not 1 <= number <= self.total:
            raise LearnError(f"{quiz} has questions 1 to {self.total}")
        if number in self.run.answers:  # as in the terminal: one answer per question
            raise LearnError(f"question {number} of {quiz} is answered; `%learn quiz {quiz}` "
                             "takes the quiz again, with new numbers")
        if not text.strip():
            raise LearnError(f"write the answer after the number: `{ANSWER} {number} ...`")
        question = self.run.questions[number - 1]
        result = self.run.answer(number, text.strip(), time.monotonic() - self.asked)
        if not result.valid:
            plain = f"Could not read '{text.strip()}': {result.message}. Try again."
            return f"<p>{html.escape(plain)}</p>", plain, False
        self.asked = time.monotonic()
        feedback = plain = render.answer_feedback(question, result)
        picture = ""
        if result.picture:
            feedback = feedback.partition(pictures.text(result.picture))[0]  # drawn as SVG instead
            picture = f"<div>{pictures.svg(result.picture)}</div>"
        shown = answer_html(self.question(number), text, result.correct, feedback) + picture
        if self.waiting is None:
            summary = self.finish()
            shown += f"<pre><b>{html.escape(summary)}</b></pre>"
            plain += f"\n\n{summary}"
        return shown, plain, True

    def finish(self) -> str:
        """Close the run (score, passed) and return its summary."""
        if not self.finished:
            self.finished = True
            self.run.finish()
        return render.notebook_wording(render.quiz_summary(self.run))

    def asked_and_answered(self, number: int, text: str) -> str:
        return f"{self.question(number)}\n> {text.strip()}\n"

    def listing(self) -> str:
        """Every question still open and how to answer it in words."""
        waiting = [n for n in range(1, self.total + 1) if n not in self.run.answers]
        lines = [self.question(n) + "\n" for n in waiting]
        lines.append(f"Answer each in a cell of its own: `{ANSWER} N ANSWER`, e.g. "
                     f"`{ANSWER} {waiting[0] if waiting else 1} 0.25` or "
                     f"`{ANSWER} 2 B`; feedback follows each answer.")
        return "\n".join(lines)


class QuizForm:
    """One question at a time: its text, an answer box and Submit; each answer's feedback stays
    below it, and the summary after the last one."""

    def __init__(self, quiz: OpenQuiz):
        import ipywidgets as widgets

        self.quiz = quiz
        self.question = widgets.HTML()
        self.text = widgets.Text(placeholder="your answer", layout=widgets.Layout(width="24em"))
        self.button = widgets.Button(description="Submit", button_style="primary")
        self.output = widgets.Output()
        self.button.on_click(lambda _button: self.submit())
        self.box = widgets.VBox([self.question, widgets.HBox([self.text, self.button]),
                                 self.output])
        self._ask()

    def _ask(self) -> None:
        number = self.quiz.waiting
        if number is None or self.quiz.finished:
            self.question.value = "<p><i>Every question is answered.</i></p>"
            self.text.disabled = self.button.disabled = True
        else:
            self.question.value = f"<pre>{html.escape(self.quiz.question(number))}</pre>"

    def _append(self, html_text: str, plain: str) -> None:
        # Set as the widget's outputs, not printed inside `with output:`: that would land in
        # whichever cell runs the click, and in no cell when it comes from another thread.
        self.output.outputs += ({"output_type": "display_data", "metadata": {},
                                 "data": {"text/html": html_text, "text/plain": plain}},)

    def submit(self) -> None:
        number = self.quiz.waiting
        if number is None:
            return
        if not self.text.value.strip():
            self._append("<p>Write your answer in the box, then Submit.</p>",
                         "Write your answer in the box, then Submit.")
            return
        try:
            html_text, plain, readable = self.quiz.answer(number, self.text.value)
        except Exception as exc:  # raised in a button's callback it would reach no cell
            html_text, plain, readable = (f"<p><b>Error:</b> {html.escape(str(exc))}</p>",
                                          f"Error: {exc}", False)
        if readable:
            plain = self.quiz.asked_and_answered(number, self.text.value) + plain
            self.text.value = ""
        self._append(html_text, plain)
        self._ask()

    def display(self) -> None:
        from IPython.display import display

        bundle = self.box._repr_mimebundle_()
        # What a front end without widgets shows instead: the questions, answerable in words.
        bundle["text/plain"] = self.quiz.listing()
        display(bundle, raw=True)


def _widgets_work() -> bool:
    """ipywidgets installed and a Jupyter kernel to talk to (not a terminal IPython)."""
    try:
        import ipywidgets  # noqa: F401
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return getattr(shell, "kernel", None) is not None


def start(session: Session, name: str | None, show: Show) -> None:
    """`%learn quiz`: open the quiz and ask it, in a form, with input(), or in words."""
    global current
    if current is not None and not current.finished and current.run.answers:
        summary = current.finish()  # the quiz left open: kept as answered so far
        show(f"<pre>{html.escape(summary)}</pre>", summary)
    current = OpenQuiz(session.quiz(name, origin="notebook"))
    if _widgets_work():
        current.form = QuizForm(current)
        current.form.display()
        return
    _ask_with_input(current, show)


def _ask_with_input(quiz: OpenQuiz, show: Show) -> None:
    from IPython.core.error import StdinNotImplementedError

    shown = None
    while (number := quiz.waiting) is not None:
        # The question goes in input()'s prompt: where there is no stdin, nothing is printed
        # before the error, and the listing below asks every question once.
        prompt = "> " if number == shown else f"{quiz.question(number)}\n> "
        shown = number
        try:
            text = input(prompt)
        except StdinNotImplementedError:  # no stdin here (Run All, nbclient): answer in words
            text_form = quiz.listing()
            show(f"<pre>{html.escape(text_form)}</pre>", text_form)
            return
        except (EOFError, KeyboardInterrupt):
            print(f"(stopped: keeping what you answered; `{ANSWER} N ANSWER` goes on)")
            return
        try:
            print(quiz.answer(number, text)[1] + "\n")
        except LearnError as exc:
            print(f"  {exc}")


def answer(line: str, show: Show) -> None:
    """`%learn answer [q01] N ANSWER` (or N=ANSWER): one answer to the quiz open here; the next
    question follows its feedback."""
    if current is None:
        raise LearnError("no quiz is open in this notebook: start one with `%learn quiz q01`")
    first, after = (line.split(None, 1) + ["", ""])[:2]
    if first and not first[0].isdigit():  # a quiz named first: it must be the open one
        try:
            named = current.run.session.course.resolve(first)
        except LearnError:
            raise LearnError(f"write the question's number, then the answer: "
                             f"`{ANSWER} 1 0.25`") from None
        if named.id != current.run.exercise.id:
            raise LearnError(f"the quiz open here is {current.run.exercise.id}; start "
                             f"{named.id} with `%learn quiz {named.id}`")
        first, after = (after.split(None, 1) + ["", ""])[:2]
    number, glued, head = first.partition("=")  # N=ANSWER, as `learn quiz --answer` takes it
    text = f"{head} {after}".strip() if glued else after
    if not number.strip().isdigit():
        raise LearnError(f"write the question's number, then the answer: `{ANSWER} 1 0.25`")
    html_text, plain, readable = current.answer(int(number), text)
    if readable:
        plain = current.asked_and_answered(int(number), text) + plain
    following = current.waiting
    if following is not None and not current.finished:
        upcoming = current.question(following)
        html_text += (f"<p>Next:</p><pre>{html.escape(upcoming)}</pre><p>Answer it with "
                      f"<code>{ANSWER} {following} ...</code></p>")
        plain += f"\n\nNext:\n{upcoming}\nAnswer it with `{ANSWER} {following} ...`"
    show(html_text, plain)


def answer_html(question: str, typed: str, correct: bool, feedback: str) -> str:
    """A question, the learner's answer under it, and the feedback in green or red (quizzes and
    review items alike)."""
    colour = "#1a7f37" if correct else "#cf222e"
    return (f"<pre>{html.escape(question)}\n&gt; {html.escape(typed.strip())}</pre>"
            f"<pre style='color:{colour}'>{html.escape(feedback.rstrip())}</pre>")
