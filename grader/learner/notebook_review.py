"""`%learn review` in a notebook: the items due now, asked the way a notebook asks a quiz.

    %learn review                 the questions in the quiz's own form (an answer box and Submit
                                  each, grader.learner.notebook_quiz.QuizForm; `?` in the box
                                  shows a hint), or `%learn answer N ...` where widgets do not
                                  show; each check item says to write its function again
    %%learn review ex03           first line of a cell: the cell is that check item's answer,
                                  graded on fresh cases like `learn review` grades the file

Every answer goes through the ReviewRun `learn review` uses (grader.learner.review): recorded
with origin 'review', rated for its card. One review is open per kernel (`current`).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from grader.errors import LearnError
from grader.learner import notebook_quiz, review
from grader.learner.api import AnswerRecord
from grader.learner.notebook_quiz import OpenQuiz, QuizForm, Show
from grader.presenting import render
from grader.presenting.as_html import verdict_html
from grader.presenting.as_text import verdict_text
from grader.presenting.review import after, check_blocks, item_text
from grader.wording import review as say

if TYPE_CHECKING:
    from grader.grading.quiz import Result
    from grader.learner.api import Session

COMMAND = "%learn"

current: ReviewQuestions | None = None  # the review open in this kernel


class _QuestionItems:
    """A review run's question items, numbered from 1 as a quiz numbers its questions: what
    the quiz form and `%learn answer` answer (a check item is answered by its own cell)."""

    def __init__(self, run: review.ReviewRun):
        self.review = run
        self.session = run.session
        self.numbers = [n for n, a in enumerate(run.asked, 1) if a.question is not None]
        self.questions = [run.asked[n - 1].question for n in self.numbers]
        self.answers: dict[int, AnswerRecord] = {}
        # `%learn answer q01 2 ...` names a quiz: the first question's stands for the review
        self.exercise = run.asked[self.numbers[0] - 1].exercise if self.numbers else None

    def answer(self, number: int, text: str, seconds: float = 0.0) -> Result:
        result = self.review.answer(self.numbers[number - 1], text, seconds)
        if result.valid:
            self.answers[number] = AnswerRecord(number, text, result)
        return result


class ReviewQuestions(OpenQuiz):
    """The review's questions as an open quiz of this kernel: the form and `%learn answer`
    answer them; `?` shows a hint; after the last one, how the review went."""

    def __init__(self, run: review.ReviewRun):
        super().__init__(_QuestionItems(run))
        self.review = run

    def question(self, number: int) -> str:

        return item_text(self.review, self.run.numbers[number - 1], notebook=True)

    def answer(self, number: int, text: str) -> tuple[str, str, bool]:

        if self.finished or not 1 <= number <= self.total or number in self.run.answers:
            raise LearnError(f"review question {number} is not open: `{COMMAND} review` shows "
                             "what is due")
        if text.strip() == "?":
            given = self.review.hint(self.run.numbers[number - 1])
            plain = say.hint(given) if given else say.NO_HINT
            return f"<p>{html.escape(plain)}</p>", plain, False
        question = self.run.questions[number - 1]
        result = self.run.answer(number, text.strip())
        if not result.valid:
            plain = f"Could not read '{text.strip()}': {result.message}. Try again."
            return f"<p>{html.escape(plain)}</p>", plain, False
        plain = render.answer_feedback(question, result)
        shown = notebook_quiz.answer_html(self.question(number), text, result.correct, plain)
        if self.waiting is None:
            summary = self.finish()
            shown += f"<pre><b>{html.escape(summary)}</b></pre>"
            plain += f"\n\n{summary}"
        return shown, plain, True

    def finish(self) -> str:

        self.finished = True
        return after(self.review, COMMAND)


def start(session: Session, show: Show) -> None:
    """`%learn review`: what is due, the check items' cells to write, the questions' form."""
    global current

    run = review.start(session)
    if not run.asked:
        text = after(run, COMMAND)
        show(f"<p>{html.escape(text)}</p>", text)
        return
    count = len(run.asked)
    parts = [f"{count} review item{'s' * (count != 1)} due now."]
    for number, entry in enumerate(run.asked, 1):
        if entry.question is None:
            parts.append(item_text(run, number, run.review_file(number), notebook=True))
    text = "\n\n".join(parts)
    show(f"<pre>{html.escape(text)}</pre>", text)
    current = ReviewQuestions(run)
    if not current.total:
        return
    notebook_quiz.current = current  # `%learn answer N ...` answers the review's questions
    if notebook_quiz._widgets_work():
        current.form = QuizForm(current)
        current.form.display()
        return
    notebook_quiz._ask_with_input(current, show)


def check_cell(step: str, body: str, show: Show) -> None:
    """`%%learn review ex03`: the cell is the open review's ex03 check item, graded."""

    if current is None:
        raise LearnError(f"no review is open here: `{COMMAND} review` shows what is due")
    run = current.review
    number = next((n for n, a in enumerate(run.asked, 1) if a.question is None and
                   not a.answered and step.lower() in (a.exercise.id, a.exercise.slug)), None)
    if number is None:
        raise LearnError(f"{step} is not waiting to be checked in this review (not due, or "
                         f"answered already): `{COMMAND} review` shows what is due")
    path = run.review_file(number)
    try:
        path.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise LearnError(f"cannot write {path} ({exc.strerror})") from None
    entry = run.asked[number - 1]
    blocks = check_blocks(entry, path, run.check(number))
    shown, plain = verdict_html(blocks), verdict_text(blocks)
    if all(a.answered for a in run.asked):
        summary = after(run, COMMAND)
        shown += f"<pre><b>{html.escape(summary)}</b></pre>"
        plain += f"\n\n{summary}"
    show(shown, plain)
