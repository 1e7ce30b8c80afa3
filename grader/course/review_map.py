"""What `learn review` may ask about each slip of a step: a check, or a quiz question, that tells
the slip from the right answer.

- A code step's own misconceptions (and the built-in slips any check names) are asked by its
  own check: the learner writes the function again from the starter (review/<slug>.py in the
  workspace) and the grader grades it on fresh cases, naming the slip as `learn check` would.
  Only a short check is a review item (REVIEW_SECONDS): the capstone trains for two minutes.
- Its exercise.toml may add more, per slip, in a `[review]` table: quiz questions that name the
  same slip (`two_a_minus_y = ["q01:4", "q01:5"]`), or another short step's check that has it
  among its misconceptions (`zero_start = ["ex29"]`). A table in exercise.toml rather than a
  file of its own: the one model of that file (grader.course.spec) validates it with the rest.
- A quiz's slips are asked by the questions that carry them.

`learn validate` checks each declaration (`check_declarations`): the question, answered with
the slip, is marked wrong with that slip's name; the step's check has that misconception (whose
function validate grades already); and every declared slip has something to ask it.
`python -m grader.course.review_map` prints the whole course's map (docs/review.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.course.spec import Course, Exercise
from grader.errors import ExerciseError

REVIEW_SECONDS = 10.0  # a review is a few minutes: no check that may run longer than this
SEEDS = (1, 2, 3, 4, 5)  # the draws a question is looked at with: `distinct` may drop a slip


@dataclass(frozen=True, order=True)
class Ask:
    """One thing to ask: a step's check (`ex03`) or a quiz's question (`q01:4`, from 1)."""

    step: str
    question: int | None = None

    def __str__(self) -> str:
        return self.step if self.question is None else f"{self.step}:{self.question}"

    @classmethod
    def parse(cls, text: str) -> Ask:
        step, _, number = text.partition(":")
        return cls(step, int(number) if number else None)


def short_check(exercise: Exercise) -> bool:
    """A code step whose check fits in a review."""
    return not exercise.is_quiz and exercise.spec.time_limit <= REVIEW_SECONDS


def slip_names(exercise: Exercise) -> list[str]:
    return [m.name for m in exercise.spec.misconceptions]


def asks_for_slip(exercise: Exercise, slip: str, made_at: tuple[int, ...] = ()) -> list[Ask]:
    """What may ask about `slip` made at `exercise`: for a code step its own check, if short
    (it names the step's own slips and the built-in ones, a factor of 2, a transpose, float32:
    grader/wording/slips.py), and what its [review] table names; for a quiz, the questions
    `made_at` (where the learner made it)."""
    if exercise.is_quiz:
        return [Ask(exercise.id, number) for number in made_at]
    asks = [Ask(exercise.id)] if short_check(exercise) else []
    asks += [Ask.parse(text) for text in exercise.spec.review.get(slip, [])]
    return list(dict.fromkeys(asks))


def step_asks(exercise: Exercise) -> list[Ask]:
    """What may ask about a step passed long ago: its check if short, else each question."""
    if exercise.is_quiz:
        return [Ask(exercise.id, n) for n in range(1, len(exercise.spec.questions) + 1)]
    return [Ask(exercise.id)] if short_check(exercise) else []


def quiz_slips(exercise: Exercise) -> dict[str, list[Ask]]:
    """A quiz's slips, each with the questions that carry it in some draw of SEEDS."""
    from grader.grading.quiz import draw_questions, slip_answers  # numpy: when quizzes are read

    found: dict[str, list[Ask]] = {}
    for seed in SEEDS:
        for number, question in enumerate(draw_questions(exercise, seed), 1):
            for _, name in slip_answers(question):
                asks = found.setdefault(name, [])
                if Ask(exercise.id, number) not in asks:
                    asks.append(Ask(exercise.id, number))
    return {name: sorted(asks) for name, asks in found.items()}


def step_map(exercise: Exercise) -> dict[str, list[Ask]]:
    """Every slip the step declares (or its [review] table names), with what asks about it."""
    if exercise.is_quiz:
        return quiz_slips(exercise)
    names = list(dict.fromkeys([*slip_names(exercise), *exercise.spec.review]))
    return {name: asks_for_slip(exercise, name) for name in names}


# -- learn validate ------------------------------------------------------------------------------

def check_declarations(course: Course, exercise: Exercise) -> tuple[int, list[str]]:
    """(checks made, problems) of a code step's [review] table, and whether every slip it
    declares has something to ask it."""
    checks, problems = 0, []
    own = set(slip_names(exercise))
    for slip, texts in exercise.spec.review.items():
        if slip not in own and not exercise.spec.scorer:
            problems.append(f"review: '{slip}' is not one of {exercise.id}'s misconceptions")
            continue
        for text in texts:
            checks += 1
            problem = _check_ask(course, slip, Ask.parse(text))
            if problem:
                problems.append(f"review.{slip}: {text}: {problem}")
    for slip in sorted(own):
        checks += 1
        if not asks_for_slip(exercise, slip):
            problems.append(f"review: nothing asks about '{slip}' in `learn review` (the check "
                            f"may take {exercise.spec.time_limit:g} s, over "
                            f"{REVIEW_SECONDS:g}): name a question or a short step for it in "
                            "[review]")
    return checks, problems


def _check_ask(course: Course, slip: str, ask: Ask) -> str | None:
    """Why `ask` cannot ask about `slip`, or None."""
    try:
        asked = course.resolve(ask.step)
    except ExerciseError:
        return f"no step {ask.step} in the course"
    if asked.id != ask.step:
        return f"write the step's id, {asked.id}"
    if ask.question is None:
        if asked.is_quiz:
            return f"{asked.id} is a quiz: name one of its questions, like {asked.id}:1"
        if not short_check(asked):
            return (f"{asked.id}'s check may take {asked.spec.time_limit:g} s, over "
                    f"{REVIEW_SECONDS:g}")
        if slip not in slip_names(asked):
            return f"{slip} is not one of {asked.id}'s misconceptions"
        return None  # its misconceptions.py function is graded by its own validation
    if not asked.is_quiz:
        return f"{asked.id} is a code step: name it without a question number"
    if not 1 <= ask.question <= len(asked.spec.questions):
        return f"{asked.id} has questions 1 to {len(asked.spec.questions)}"
    return _check_question(asked, ask.question, slip)


def _check_question(quiz: Exercise, number: int, slip: str) -> str | None:
    """The question names `slip` in some draw, and its slip answer is marked wrong with it."""
    from grader.grading.quiz import draw_questions, slip_answers  # numpy: when quizzes are read

    named = 0
    for seed in SEEDS:
        question = draw_questions(quiz, seed)[number - 1]
        for text, name in slip_answers(question):
            if name != slip:
                continue
            named += 1
            result = question.grade(text)
            if result.correct or result.misconception != slip:
                got = "right" if result.correct else result.misconception or "no slip"
                return f"its slip answer {text!r} (seed {seed}) is marked {got}"
    if not named:
        return f"names no slip '{slip}' in the draws of seeds {SEEDS[0]}–{SEEDS[-1]}"
    return None


# -- the course's map, as docs/review.md shows it ---------------------------------------------

def course_map_markdown(course: Course) -> str:
    """Every step, its slips and what asks about each in `learn review`; the slips left with
    nothing to ask them, and why."""
    lines = ["| step | slip | asked by |", "| --- | --- | --- |"]
    left: list[str] = []
    for exercise in course:
        slips = step_map(exercise)
        if exercise.spec.scorer and not short_check(exercise):
            left.append(f"- {exercise.id}: its scorer names slips that exercise.toml does not "
                        f"declare, and its check may take {exercise.spec.time_limit:g} s: a "
                        "slip its [review] table does not name has nothing to ask it")
        elif not slips:
            left.append(f"- {exercise.id}: {_why_no_slips(exercise)}")
        if not slips:
            continue
        for slip, asks in slips.items():
            shown = ", ".join(f"`{a}`" for a in asks) or "**nothing**"
            lines.append(f"| {exercise.id} | {slip} | {shown} |")
            if not asks:
                left.append(f"- {exercise.id} `{slip}`: no short check or question names it")
    passed = [e.id for e in course if not step_asks(e)]
    text = "\n".join(lines)
    if left:
        text += "\n\nSteps and slips with nothing to ask them:\n\n" + "\n".join(left)
    if passed:
        text += ("\n\nNot asked again when passed long ago (their checks take longer than "
                 f"{REVIEW_SECONDS:g} s): {', '.join(passed)}.")
    return text + "\n"


def _why_no_slips(exercise: Exercise) -> str:
    return "no question carries a slip" if exercise.is_quiz else "it declares no slips"


if __name__ == "__main__":
    print(course_map_markdown(Course.load()), end="")
