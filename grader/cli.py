"""`learn`: the click command line, a thin layer over the library API: the learner's commands
call a `grader.learner.api.Session`, the instructor's a `grader.instructor.classroom.Classroom`,
one method each.
The only module that imports click; library errors become one-line messages and exit codes here.

Each command imports what it uses, inside it: `learn --help` loads none of the library, no
learner's command loads the instructor's side (which brings numpy, pydantic and sqlite_utils),
and `learn check` starts its child (grader.running.practice_child) first, then loads the
Session, render and the grader while the child loads numpy.

Exit codes: 0 passed / done, 1 failed, 2 usage error, 3 the progress database could not be
written, 4 internal error (a bug of ours), 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click

from grader import __version__
from grader.errors import LearnError
from grader.safe_text import printable

EXIT_FAILED, EXIT_STORE, EXIT_INTERNAL, EXIT_INTERRUPTED = 1, 3, 4, 130


GLOBAL_OPTIONS = ("--home", "--db", "--user")  # each takes a value


def global_options_first(args: list[str]) -> list[str]:
    """`learn dashboard --db class.db` as well as `learn --db class.db dashboard`: the global
    options a user types after the command move in front of it."""
    moved, rest, seen_command, index = [], [], False, 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        name = arg.split("=", 1)[0]
        takes_value = name in GLOBAL_OPTIONS and "=" not in arg
        if name in GLOBAL_OPTIONS and (seen_command or not rest):
            moved += args[index:index + 2] if takes_value else [arg]
            index += 2 if takes_value else 1
            continue
        if not arg.startswith("-"):
            seen_command = True
        rest.append(arg)
        index += 1
    return moved + rest


# `learn --help` in two sections, each in the order its readers use the commands.
LEARNER_COMMANDS = ("next", "check", "hint", "explain", "watch", "quiz", "review", "list", "show",
                    "path", "reset", "solution", "submit", "notebook")
INSTRUCTOR_COMMANDS = ("merge", "regrade", "report", "export", "feedback", "override", "similar",
                       "roster", "forget", "dashboard", "validate", "grade", "gradescope-package")
SECTIONS = (
    ("Commands for learners", LEARNER_COMMANDS,
     "(Teaching a course? The instructor's commands are below.)"),
    ("Commands for instructors", INSTRUCTOR_COMMANDS,
     "(Learning? You need none of these: start with `learn next`.)"),
)


class LearnGroup(click.Group):
    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        for title, names, pointer in SECTIONS:
            width = formatter.width - 6 - max(map(len, names))  # as click's own list
            with formatter.section(title):
                formatter.write_dl([(name, self.commands[name].get_short_help_str(width))
                                    for name in names])
                formatter.write_paragraph()
                formatter.write_text(pointer)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:  # the top-level `learn` group only
            args = global_options_first(list(args))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LearnError as exc:
            click.echo("Error: " + printable(exc, keep="\n"), err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            if os.environ.get("LEARN_DEBUG"):
                raise
            click.echo(f"Internal error: {type(exc).__name__}: {printable(exc)} (this is a bug in "
                       "learn-backprop; LEARN_DEBUG=1 shows the traceback)", err=True)
            ctx.exit(EXIT_INTERNAL)


LONG_CHECK_SECONDS = 30  # a check that may take this long shows it is alive (on a terminal)


@contextmanager
def ticking(label: str, enabled: bool) -> Iterator[None]:
    """Seconds so far on one line of the terminal while a long check runs; nothing on a pipe."""
    if not enabled:
        yield
        return
    stop, started = threading.Event(), time.monotonic()

    def tick() -> None:
        while not stop.wait(0.5):
            click.echo(f"\r  {label}: {time.monotonic() - started:.0f} s", nl=False, err=True)

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        click.echo("\r" + " " * (len(label) + 16) + "\r", nl=False, err=True)


class Progress:
    """How far a long command has got, on stderr: on a terminal one line redrawn in place; on
    a pipe (a log) a plain line each tenth of the way."""

    def __init__(self, verb: str, terminal: bool) -> None:
        self.verb, self.terminal = verb, terminal
        self.started, self.shown, self.tenths = time.monotonic(), 0.0, 0

    def __call__(self, done: int, total: int) -> None:
        """Shown at most five times a second on a terminal, once a tenth on a pipe."""
        now, tenths = time.monotonic(), done * 10 // total
        due = now - self.shown >= 0.2 or done == total if self.terminal else tenths > self.tenths
        if due:
            self.shown, self.tenths = now, tenths
            self.show(done, total)

    def show(self, done: int, total: int) -> None:
        rate = done / max(time.monotonic() - self.started, 1e-9)
        left = (total - done) / rate if rate else 0
        line = f"  {done}/{total} {self.verb}, {rate:.1f}/s, {left:.0f} s left"
        click.echo("\r" + line.ljust(70) if self.terminal else line, nl=not self.terminal,
                   err=True)

    def clear(self) -> None:
        if self.terminal:
            click.echo("\r" + " " * 70 + "\r", nl=False, err=True)


def session_of(ctx: click.Context):
    """The learner's Session of this command line (grader.learner.api)."""
    return ctx.find_object(dict)["session"]()


def classroom_of(ctx: click.Context, db: Path | None = None):
    """The instructor's Classroom of this command line (grader.instructor.classroom): its database
    is
    `db` if given, else --db's."""
    return ctx.find_object(dict)["classroom"](db)


def json_option(function):
    return click.option("--json", "as_json", is_flag=True,
                        help="Print one JSON document on stdout (messages go to stderr).")(function)


@click.group(cls=LearnGroup)
@click.version_option(__version__, prog_name="learn-backprop")
@click.option("--home", type=click.Path(file_okay=False), envvar="LEARN_HOME",
              help="Workspace folder (default: the nearest workspace above here, "
                   "else ~/learn-backprop). Env: LEARN_HOME.")
@click.option("--db", type=click.Path(dir_okay=False), envvar="LEARN_DB",
              help="Progress database file (default: progress.db in the workspace). Env: LEARN_DB.")
@click.option("--user", envvar="LEARN_USER",
              help="Learner name, when several learners share a database (default: your OS "
                   "user). Env: LEARN_USER.")
@click.pass_context
def cli(ctx: click.Context, home: str | None, db: str | None, user: str | None) -> None:
    """Learn backpropagation by building it, one small step at a time.

    Start with `learn next`, edit the file it names, then `learn check`.
    """
    made: dict = {}  # each made once, on first use, and closed with the command

    def warn(message: str) -> None:
        click.echo(f"Warning: {message}", err=True)

    def once(key, make):
        if key not in made:
            made[key] = make()
            ctx.call_on_close(made[key].close)
        return made[key]

    def make_session():
        from grader.learner.api import Session

        return once("session", lambda: Session(home=home, db=db, user=user, warn=warn))

    def make_classroom(database: Path | None):
        from grader.instructor.classroom import Classroom

        return once(("classroom", database),
                    lambda: Classroom(db=database or db, home=home, warn=warn))

    ctx.obj = {"session": make_session, "classroom": make_classroom}


def _announce_workspace(session) -> None:
    workspace = session.workspace
    if workspace.created:
        click.echo(f"Created your workspace at {workspace.root} "
                   "(your exercise files and progress live there).", err=True)


@cli.command("next")
@json_option
@click.pass_context
def next_command(ctx: click.Context, as_json: bool) -> None:
    """Show the next unfinished step and the file to edit.

    Example: learn next
    """
    session = session_of(ctx)
    _announce_workspace(session)
    exercise = session.next_step()
    if exercise is None:
        if as_json:
            click.echo(json.dumps({"id": None, "done": True, "review_due": _due(session)}))
        else:
            click.echo("Every step is passed: you have built backprop. `learn list` shows them.")
            _review_due(session)
        return
    if as_json:
        click.echo(json.dumps({**session.step_document(exercise), "review_due": _due(session)}))
        return
    click.echo(_step_page(session, exercise))
    _review_due(session)


def _review_due(session) -> None:
    """'3 review items due: ...' under `learn next` and `learn list`, when any is."""
    from grader.wording.review import due_line

    line = due_line(_due(session))
    if line:
        click.echo(f"\n{line}")


def _due(session) -> int:
    """How many review items are due now (`review_due` in --json)."""
    from grader.learner.review import due_count

    return due_count(session)


def _step_page(session, exercise) -> str:
    """A step's page as `learn next` shows it: where it stands, its instructions, its file."""
    from grader.presenting import render

    steps = session.course.exercises
    path = None if exercise.is_quiz else session.workspace.file_for(exercise)
    return render.step_page(exercise, path, steps.index(exercise) + 1, len(steps))


@cli.command()
@click.argument("exercise", required=False)
@click.option("--seed", type=click.IntRange(0, 2**31 - 1),
              help="Replay the cases of an earlier attempt exactly.")
@click.option("--sandbox", is_flag=True,
              help="Run your code in the bubblewrap sandbox the instructor's regrade uses "
                   "(Linux, with bubblewrap installed): only numpy, no network, no files.")
@json_option
@click.pass_context
def check(ctx: click.Context, exercise: str | None, seed: int | None, sandbox: bool,
          as_json: bool) -> None:
    """Grade your file for a step (default: the current step).

    EXERCISE may be `ex03`, `3` or `ex03_cost_derivative`.

    Example: learn check ex03
    """
    from grader.running import practice_child

    child = practice_child(sandbox)  # first, before the Session: it loads numpy meanwhile
    try:
        session = session_of(ctx)
        _announce_workspace(session)
        step = session.resolve(exercise)
        long_check = step.spec.time_limit >= LONG_CHECK_SECONDS and sys.stderr.isatty()
        with ticking(f"checking {step.id} (up to {step.spec.time_limit:g} s)", long_check):
            result = session.check(exercise, seed=seed, child=child)
    finally:
        child.close()
    from grader.presenting import render

    verdict = result.verdict
    if as_json:
        from grader.presenting.as_json import verdict_document

        document = verdict_document(result)
        click.echo(json.dumps(document))
        if result.store_error:
            click.echo(f"Error: attempt not recorded: {result.store_error}", err=True)
    else:
        upcoming = None
        if verdict.passed and result.attempt_id is not None:
            upcoming = session.resolve_next(after=result.exercise)
        click.echo(render.check_report(result, upcoming))
    if result.store_error:
        ctx.exit(EXIT_STORE)
    ctx.exit(0 if verdict.passed else EXIT_FAILED)


def _parse_answers(answers: tuple[str, ...], total: int | None) -> list[tuple[int, str]]:
    """N=ANSWER pairs, N from 1 to `total` (None: nothing is due, only the form is checked)."""
    parsed = []
    for item in answers:
        number, sep, text = item.partition("=")
        if not sep or not number.strip().isdigit() or not 1 <= int(number) <= (total or 2**31):
            span = f"from 1 to {total}" if total else "from 1"
            raise click.BadParameter(f"'{item}': write N=ANSWER with N {span}",
                                     param_hint="--answer")
        if any(int(number) == seen for seen, _ in parsed):
            raise click.BadParameter(f"'{item}': question {int(number)} is answered twice",
                                     param_hint="--answer")
        parsed.append((int(number), text.strip()))
    return parsed


@cli.command()
@click.argument("quiz_id", metavar="QUIZ", required=False)
@click.option("--seed", type=click.IntRange(0, 2**31 - 1),
              help="Replay the same questions (numbers and option order).")
@click.option("--answer", "answers", multiple=True, metavar="N=ANSWER",
              help="Answer question N without prompting (repeatable): 1=4.5, 2=B, 3=A,C, "
                   "4=(2,3).")
@click.option("--questions", "show_questions", is_flag=True,
              help="Print the drawn questions and record nothing.")
@json_option
@click.pass_context
def quiz(ctx: click.Context, quiz_id: str | None, seed: int | None, answers: tuple[str, ...],
         show_questions: bool, as_json: bool) -> None:
    """Take a quiz: one question at a time, with feedback and the explanation after each.
    Ctrl-D or Ctrl-C ends it early and keeps what you answered.

    Example: learn quiz q01    (or: learn quiz q01 --answer 1=4.5 --answer 2=B)
    """
    from grader.presenting import render

    session = session_of(ctx)
    _announce_workspace(session)
    run = session.quiz(quiz_id, seed)
    total = len(run.questions)
    if show_questions:
        documents = [dict(q.document(), number=i + 1) for i, q in enumerate(run.questions)]
        if as_json:
            click.echo(json.dumps({"id": run.exercise.id, "seed": run.seed,
                                   "questions": documents}))
        else:
            for number, question in enumerate(run.questions, 1):
                click.echo(render.question_text(number, total, question) + "\n")
        return
    if answers:
        for number, text in _parse_answers(answers, total):
            result = run.answer(number, text)
            if not as_json:
                question = run.questions[number - 1]
                click.echo(render.question_text(number, total, question))
                click.echo(f"> {text}")
                click.echo(f"  Could not read it: {result.message}" if not result.valid
                           else render.answer_feedback(question, result))
                click.echo("")
    else:
        _ask(run, as_json)
    run.finish()
    if as_json:
        click.echo(json.dumps(run.to_document()))
    else:
        click.echo(render.quiz_summary(run))
    if run.store_error:
        ctx.exit(EXIT_STORE)
    ctx.exit(0 if run.passed else EXIT_FAILED)


def _ask(run, as_json: bool) -> None:
    """Interactive: ask each question until it gets a readable answer; EOF or Ctrl-C stops."""
    from grader.presenting import render

    stdin = sys.stdin
    out = sys.stderr if as_json else sys.stdout
    total = len(run.questions)
    try:
        for number, question in enumerate(run.questions, 1):
            click.echo(render.question_text(number, total, question), file=out)
            started = time.monotonic()
            while True:
                click.echo("> ", nl=False, file=out)
                line = stdin.readline()
                if not line:
                    click.echo("\n(end of input: stopping here)", file=out)
                    return
                if not stdin.isatty():
                    click.echo(line.rstrip("\n"), file=out)  # a piped answer, shown as typed
                result = run.answer(number, line.strip(), time.monotonic() - started)
                if result.valid:
                    break
                click.echo(f"  Could not read it: {result.message}. Try again.", file=out)
            click.echo(render.answer_feedback(question, result) + "\n", file=out)
    except KeyboardInterrupt:
        click.echo("\n(interrupted: keeping what you answered)", file=out)


@cli.command()
@click.option("--list", "list_only", is_flag=True,
              help="Show the items due now (each question as it will be asked) and when the "
                   "next ones are; answer nothing.")
@click.option("--answer", "answers", multiple=True, metavar="N=ANSWER",
              help="Answer item N of `--list` without prompting (repeatable): a question's "
                   "answer, or `check` to check a check item's file as it is.")
@click.pass_context
def review(ctx: click.Context, list_only: bool, answers: tuple[str, ...]) -> None:
    """Bring back your own slips, spaced out over weeks: the items due now (at most 5, a few
    minutes: a quiz question, or a step's function written again from its starter), then when
    the next ones are due. Right answers space an item out; a wrong one brings it back sooner.

    Example: learn review
    """
    from grader.learner import review as reviewing
    from grader.presenting import review as shown
    from grader.wording import review as say

    session = session_of(ctx)
    _announce_workspace(session)
    run = reviewing.start(session)
    if list_only:
        for number in range(1, len(run.asked) + 1):
            click.echo(shown.item_text(run, number) + "\n")
        run.asked.clear()  # listed, not asked: the tally counts none
    elif answers and not run.asked:
        _parse_answers(answers, None)
        click.echo("Nothing is due now: no answer was recorded.")
    elif answers:
        for number, text in _parse_answers(answers, len(run.asked)):
            _review_item(run, number, _echoed(text))
        waiting, _ = run.upcoming()
        if waiting and run.answered:
            click.echo(say.RENUMBERED)
    else:
        for number in range(1, len(run.asked) + 1):
            if not _review_item(run, number, _lines()):
                break
    click.echo(shown.after(run))
    ctx.exit(EXIT_STORE if run.store_error else 0)


def _echoed(text: str) -> Iterator[str]:
    """An --answer, shown as if typed."""
    click.echo(f"> {text}")
    yield text


def _lines() -> Iterator[str]:
    """Lines typed (or piped) on stdin, each echoed when piped; ends at EOF."""
    while True:
        click.echo("> ", nl=False)
        line = sys.stdin.readline()
        if not line:
            click.echo("\n(end of input: stopping here; what you answered is kept)")
            return
        if not sys.stdin.isatty():
            click.echo(line.rstrip("\n"))
        yield line.strip()


def _review_item(run, number: int, typed: Iterator[str]) -> bool:
    """Ask item `number` until it is answered or skipped; False when the input ended."""
    from grader.presenting import render
    from grader.presenting import review as shown
    from grader.presenting.as_text import verdict_text
    from grader.wording import review as say

    entry = run.asked[number - 1]
    path = None if entry.question is not None else run.review_file(number)
    click.echo(shown.item_text(run, number, path))
    click.echo(say.ANSWER_KEYS if path is None else say.CHECK_KEYS)
    started = time.monotonic()
    for text in typed:
        if text == "?":
            given = run.hint(number)
            click.echo(say.hint(given) if given else say.NO_HINT)
        elif (text == "" and path is None) or (text == "s" and path is not None):
            click.echo("(skipped: it stays due)\n")
            return True
        elif path is None:
            result = run.answer(number, text, time.monotonic() - started)
            if result.valid:
                click.echo(render.answer_feedback(entry.question, result) + "\n")
                return True
            click.echo(f"  Could not read it: {result.message}. Try again.")
        else:
            verdict = run.check(number)
            click.echo(verdict_text(shown.check_blocks(entry, path, verdict)) + "\n")
            if entry.answered:
                return True
            click.echo("It gave no answer to judge: fix it, save, and press Enter again.")
    return False


@cli.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Hand-in file to write (default: handin-USER.db in the workspace).")
@click.pass_context
def submit(ctx: click.Context, out: Path | None) -> None:
    """Write your hand-in file (your attempts with their code, hints and quiz answers) for
    your instructor to collect.

    Example: learn submit --out handin-ada.db
    """
    out, count = session_of(ctx).submit(out)
    click.echo(f"Wrote {out} ({count} rows). Hand it in the way your course collects work.")


@cli.command()
@click.argument("sources", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--into", "target", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The class database to merge into (created if needed).")
@click.option("--names-from-files", is_flag=True,
              help="Refuse a hand-in whose learner is not the one the LMS named its file for "
                   "(Canvas ada_123_456_<upload>, Moodle, Gradescope's submission_<id>/, or "
                   "handin-ada.db); never read from the part the student named.")
@click.pass_context
def merge(ctx: click.Context, sources: tuple[Path, ...], target: Path,
          names_from_files: bool) -> None:
    """Merge learners' hand-in files (or their progress databases) into one class database.
    Each must hold exactly one learner; a file that does not is refused and named. Idempotent:
    merging a file twice adds nothing; conflicts are reported, no row is lost. Exits 1 after
    merging the rest if any file was refused or any row conflicted. Shows its progress on
    stderr; Ctrl-C keeps what was committed (every few seconds), and a rerun adds the rest.

    Example: learn merge handins/*.db --into class.db --names-from-files
    """
    progress = Progress("merged", sys.stderr.isatty())
    report = classroom_of(ctx, target).merge(list(sources), names_from_files, progress)
    progress.clear()
    added = ", ".join(f"{n} {table}" for table, n in report.added.items())
    merged = len(sources) - len(report.refused)
    click.echo(f"Merged {merged} of {len(sources)} file(s) into {target}: added {added}.")
    if report.capped:
        click.echo(f"{report.capped} attempts held code over the size cap: stored as failed "
                   "attempts without it.")
    if report.future:
        click.echo(f"{report.future} attempts are dated after tomorrow (a clock set wrong, or "
                   "a forged row): kept, and left out of the activity view.", err=True)
    for refused in report.refused:
        click.echo(f"Refused: {printable(refused)}", err=True)
    for conflict in report.conflicts:
        click.echo(f"Conflict: {printable(conflict)}", err=True)
    ctx.exit(0 if report.ok else EXIT_FAILED)


def isolation_options(function):
    """--as-user, --isolation and --require-sandbox: how learners' code is isolated."""
    function = click.option(
        "--require-sandbox", is_flag=True,
        help="Refuse to grade without bubblewrap or an --as-user account (the default now: "
             "only --isolation none grades without a sandbox).",
    )(function)
    function = click.option(
        "--isolation", type=click.Choice(["auto", "bwrap", "account", "none"]), default="auto",
        show_default=True, envvar="LEARN_ISOLATION",
        help="auto: bubblewrap where it runs, else the --as-user account, else refuse; none: "
             "no sandbox at all, said in words (such results export as unverified).",
    )(function)
    return click.option(
        "--as-user", "as_user", envvar="LEARN_GRADER_ACCOUNT",
        help="Run learners' code as this unprivileged account (the grader runs as root).",
    )(function)


@cli.command()
@click.option("--learner", help="Only this learner.")
@isolation_options
@click.option("--course-file", type=click.Path(dir_okay=False, path_type=Path),
              help="course.toml: deadlines decide which submitted code is graded.")
@click.option("--jobs", type=click.IntRange(1, 256), default=None,
              help="Children graded at once (default: the cores; one at a time as an account).")
@click.option("--again", is_flag=True,
              help="Grade again what was verified before, unchanged (a rerun skips it).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Grade on this Dask cluster (tls://HOST:8786), each worker in its own "
                   "sandbox (extra 'cluster'; the same learn-backprop on every worker).")
@click.option("--tls-ca-file", metavar="FILE",
              help="The cluster's CA certificate (PEM), for a tls:// --scheduler "
                   "(default: Dask's distributed.comm.tls.ca-file).")
@click.option("--tls-cert", metavar="FILE",
              help="This machine's client certificate (PEM), signed by that CA "
                   "(default: Dask's distributed.comm.tls.client.cert).")
@click.option("--tls-key", metavar="FILE",
              help="The client certificate's private key (PEM, unencrypted) "
                   "(default: Dask's distributed.comm.tls.client.key).")
@click.option("--insecure-scheduler", is_flag=True,
              help="Allow a tcp:// --scheduler that is not on loopback: unauthenticated, "
                   "anyone who reaches it can run code on the workers and forge results.")
@click.option("--seed", type=int,
              help="Derive every submission's seed from this: a regrade repeated exactly.")
@json_option
@click.pass_context
def regrade(ctx: click.Context, learner: str | None, as_user: str | None, isolation: str,
            require_sandbox: bool, course_file: Path | None, jobs: int | None, again: bool,
            scheduler: str | None, tls_ca_file: str | None, tls_cert: str | None,
            tls_key: str | None, insecure_scheduler: bool, seed: int | None,
            as_json: bool) -> None:
    """Grade again, here, every step each learner attempted (their best submitted code, or
    their quiz answers), with fresh seeds in a sandbox, and record verified results beside
    the self-reported ones. Once verified results exist, exports count only those. Ctrl-C
    stops; what finished is kept, and a rerun continues where it stopped.

    Example: learn --db class.db regrade --require-sandbox --jobs 2
    """
    from grader.instructor.classroom import IsolationRequest, RegradeOptions, Scheduler

    if scheduler is None and (tls_ca_file or tls_cert or tls_key or insecure_scheduler):
        raise LearnError("--tls-ca-file, --tls-cert, --tls-key and --insecure-scheduler "
                         "go with --scheduler")
    cluster = None if scheduler is None else Scheduler(scheduler, tls_ca_file, tls_cert, tls_key,
                                                       insecure_scheduler)
    options = RegradeOptions(IsolationRequest(isolation, as_user, require_sandbox), learner,
                             course_file, jobs, again, seed, cluster)
    progress = Progress("regraded", sys.stderr.isatty() and not as_json)

    def done(result, finished: int, total: int) -> None:
        if as_json:
            return
        mark = "✓" if result.passed else "✗" if result.graded else "?"
        claim = "claimed a pass" if result.claimed else "no pass claimed"
        tail = f": {printable(result.reason)}" if result.reason else ""
        progress.clear()
        click.echo(f"{mark} {printable(result.learner):<16} {printable(result.exercise_id):<6} "
                   f"{result.score:5.0%}  ({claim}){tail}")
        if progress.terminal:
            progress.show(finished, total)

    run = classroom_of(ctx).regrade(options, done)
    progress.clear()
    if as_json:
        click.echo(json.dumps([asdict(r) for r in run.results]))
        return
    skipped = (f" {run.skipped} verified before and unchanged: skipped (--again grades them)."
               if run.skipped else "")
    missed = run.not_graded
    click.echo(f"{len(run.results) - len(missed)} submissions regraded, {run.how}; {run.forged} "
               f"claimed a pass that did not verify.{skipped}")
    if missed:
        click.echo(f"{len(missed)} not graded (the grader's fault, not the learners'; nothing "
                   f"recorded): {missed[0].reason}. Run the regrade again to grade them.", err=True)
        ctx.exit(EXIT_FAILED)


@cli.command()
@click.option("--format", "fmt",
              type=click.Choice(["csv", "json", "gradescope", "canvas", "moodle"]),
              default="csv", show_default=True)
@click.option("--learner", help="Only this learner (required for gradescope).")
@click.option("--course-file", type=click.Path(dir_okay=False, path_type=Path),
              help="course.toml: [points], [deadlines], [assignments] with late rules.")
@click.option("--assignment", help="Only this assignment's steps (from the course file).")
@click.pass_context
def export(ctx: click.Context, fmt: str, learner: str | None, course_file: Path | None,
           assignment: str | None) -> None:
    """Export grades: one row per learner, one column per step, totals; Canvas's or Moodle's
    gradebook CSV (one column per assignment, keyed by the roster's student ids); or a
    Gradescope results.json for one learner. Once a regrade ran, only verified results count
    (the rest is listed as unverified); late rules and overrides apply.

    Example: learn --db class.db export --course-file course.toml --assignment week1
    """
    from grader.instructor.classroom import ExportOptions

    exported = classroom_of(ctx).export(ExportOptions(fmt, learner, course_file, assignment))
    click.echo(exported.text, nl=False)
    for warning in exported.warnings:
        click.echo(warning, err=True)


@cli.command()
@click.option("--step", help="One step instead of every code step.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Report pairs at least this alike (the share of one's code in the other).")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a page with each pair side by side, shared stretches marked.")
@click.pass_context
def similar(ctx: click.Context, step: str | None, threshold: float,
            html_file: Path | None) -> None:
    """Learners whose code for a step is the same or nearly so (copydetect fingerprints; the
    starter's and the reference's lines do not count). A pointer for a human, not a verdict.

    Example: learn --db class.db similar --step ex19 --html similar.html
    """
    text, page = classroom_of(ctx).similar(step, threshold, html=html_file is not None)
    click.echo(text)
    if html_file:
        html_file.write_text(page, encoding="utf-8")
        click.echo(f"Wrote {html_file}")


@cli.command()
@click.option("--learner", required=True, help="Whose step.")
@click.option("--step", required=True, help="Which step (ex03, q01, ...).")
@click.option("--score", required=True, type=click.FloatRange(0, 1),
              help="The share of the step's points: 1 is full credit.")
@click.option("--comment", required=True, help="Why: shown in every export.")
@click.pass_context
def override(ctx: click.Context, learner: str, step: str, score: float, comment: str) -> None:
    """Set a learner's score for a step by hand, with the reason (kept with who and when;
    beats every other result; never lost by a merge or a regrade).

    Example: learn --db class.db override --learner ada --step ex19 --score 1 --comment "..."
    """
    step_id = classroom_of(ctx).override(learner, step, score, comment)
    click.echo(f"Override recorded: {learner} {step_id} = {score:g}.")


@cli.command()
@click.option("--gradescope", is_flag=True, required=True, expose_value=False,
              help="Gradescope mode: grade the submission folder, write results.json (the "
                   "only mode: required, so that the command says what it is for).")
@click.option("--submission", type=click.Path(file_okay=False, path_type=Path),
              default=Path("/autograder/submission"), show_default=True)
@click.option("--results", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("/autograder/results/results.json"), show_default=True)
@click.option("--course-file", type=click.Path(dir_okay=False, path_type=Path),
              help="course.toml: the graded steps ([points]) and each test's [visibility].")
@click.option("--assignment", help="Only this assignment's steps (from the course file).")
@isolation_options
@click.pass_context
def grade(ctx: click.Context, submission: Path, results: Path, course_file: Path | None,
          assignment: str | None, as_user: str | None, isolation: str,
          require_sandbox: bool) -> None:
    """Grade a submission folder and write Gradescope's results.json (how a course runs this
    grader on Gradescope's machines, as root, with --as-user). Quizzes are not graded here:
    results.json names them.

    Example: learn grade --gradescope --submission sub/ --results out/results.json
    """
    from grader.instructor.classroom import GradescopeOptions, IsolationRequest

    document = classroom_of(ctx).grade_submission(GradescopeOptions(
        submission, results, course_file, assignment,
        IsolationRequest(isolation, as_user, require_sandbox)))
    click.echo(f"Wrote {results}: {document['score']} of {document['max_score']}.")


@cli.command("gradescope-package")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("autograder.zip"), show_default=True)
@click.option("--course-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="course.toml to ship: graded steps, points, visibility.")
@click.option("--assignment", help="One package per assignment: grade only its steps "
              "(from the course file).")
@click.pass_context
def gradescope_package(ctx: click.Context, out: Path, course_file: Path | None,
                       assignment: str | None) -> None:
    """Build the autograder zip Gradescope expects (setup.sh, run_autograder, this package
    with pinned requirements, and the course's exercises without their solutions:
    LEARN_EXERCISES if set). Quizzes are not in it: the message names them. To check that the
    pins install on both base images: python benchmarks/check_gradescope_pins.py

    Example: learn gradescope-package --out week1.zip --course-file course.toml --assignment week1
    """
    built, quiz_note = classroom_of(ctx).gradescope_package(out, course_file, assignment)
    steps = f"{len(built.steps)} code step{'s' if len(built.steps) != 1 else ''}"
    which = f" of {assignment}" if assignment else ""
    click.echo(f"Wrote {out} ({len(built.names)} files): it grades {steps}{which}, worth "
               f"{built.points:g} points. {quiz_note}".rstrip())
    click.echo("Upload it as the autograder of a Gradescope programming assignment, base "
               "image Ubuntu 22.04 or 24.04: setup.sh grades with python3.11 from Ubuntu's "
               "universe archive on 22.04 (its python3 is 3.10, and learn-backprop needs 3.11), "
               "with python3 (3.12) on 24.04.")


@cli.command()
@click.option("--learner", required=True, help="The learner whose data goes.")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@click.pass_context
def forget(ctx: click.Context, learner: str, yes: bool) -> None:
    """Remove one learner's data from the database (their code, student id and email are
    personal data), rewriting the file so no copy stays, and refuse their hand-ins in later
    merges. Waits a few seconds for another program reading the database (the dashboard) to
    close it; if it does not, exits 3 saying what is left to do.

    Example: learn --db class.db forget --learner ada --yes
    """
    classroom = classroom_of(ctx)
    if not yes:
        click.confirm(f"Remove every row of {learner} from {classroom.path}?", abort=True)
    name = classroom.path.name

    def waiting(seconds: float) -> None:
        click.echo(f"Another program is reading {name} (the dashboard? a sqlite3 shell?): "
                   f"waiting up to {seconds:g} s for it to close...", err=True)

    done = classroom.forget(learner, waiting)
    if done.earlier and not done.removed:
        click.echo(f"{learner} was forgotten on {done.earlier} already; {name} and its log hold "
                   "nothing of theirs (rewritten again to be sure).")
    else:
        click.echo(f"Removed {done.removed} rows of {learner}; {name} and its log hold nothing "
                   "of theirs, and later merges refuse their hand-ins.")
    for copy in done.copies:
        click.echo(f"Warning: {copy} is a copy made before an upgrade and may hold their data: "
                   "delete it.", err=True)


@cli.command()
@click.option("--step", help="One step instead of the whole course.")
@click.option("--learner", help="One learner instead of the whole course.")
@click.option("--csv", "as_csv", is_flag=True, help="The main table as CSV.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one self-contained HTML page with the charts inlined.")
@click.option("--course-file", type=click.Path(dir_okay=False, path_type=Path),
              help="course.toml: adds the grades per assignment (points, late steps, "
                   "extensions, overrides, histograms; first on the --html page).")
@json_option
@click.pass_context
def report(ctx: click.Context, step: str | None, learner: str | None, as_csv: bool,
           html_file: Path | None, as_json: bool, course_file: Path | None) -> None:
    """The course at a glance: the learner × step grid, pass rates, misconceptions, who is
    stuck, quiz questions, activity, and with a course file each assignment's points per
    learner; or one step (--step) or one learner (--learner).

    Example: learn --db class.db report --html report.html --course-file course.toml
    """
    from grader.instructor.classroom import ReportOptions

    if html_file and (step or learner):
        raise click.UsageError("--html writes the course report; drop --step/--learner")
    fmt = "html" if html_file else "json" if as_json else "csv" if as_csv else "text"
    document = classroom_of(ctx).report(ReportOptions(step, learner, course_file, fmt))
    if html_file:
        html_file.write_text(document, encoding="utf-8")
        click.echo(f"Wrote {html_file}")
    else:
        click.echo(document, nl=False)


@cli.command("feedback")
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="Folder for the pages (made if missing; pages there are replaced).")
@click.option("--learner", help="Only this learner's page (no index).")
@click.option("--course-file", type=click.Path(dir_okay=False, path_type=Path),
              help="course.toml: points per step and assignment, late rules.")
@click.pass_context
def feedback_command(ctx: click.Context, out: Path, learner: str | None,
                     course_file: Path | None) -> None:
    """Write feedback to hand back: one self-contained HTML page per learner (each step's
    verified result, score, points, late days, override reason, and for a failed step the
    slip and the failing case as `learn check` words them), and an index of the pages.

    Example: learn --db class.db feedback --out feedback/ --course-file course.toml
    """
    written = classroom_of(ctx).feedback(out, learner, course_file)
    click.echo(f"Wrote {len(written)} page{'s' * (len(written) != 1)} into {out}")


@cli.group()
def roster() -> None:
    """The class roster: learner names mapped to student ids and emails, used by exports.

    Example: learn --db class.db roster import roster.csv
    """


@roster.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def roster_import(ctx: click.Context, csv_file: Path) -> None:
    """Import roster.csv: a header row naming name (as in learn) and any of student_id, email,
    lms_id, login_id, section, sortable_name (Canvas's headers SIS User ID, SIS Login ID, ID,
    Student and Section are read too).

    Example: learn --db class.db roster import roster.csv
    """
    count = classroom_of(ctx).import_roster(csv_file)
    click.echo(f"Imported {count} roster entries.")


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True,
              help="Port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback shows every learner's code to the "
                   "network: put authentication and TLS in front first.")
@click.option("--snapshot", is_flag=True,
              help="Serve a consistent copy taken now instead of the live database.")
@click.option("--course-file", type=click.Path(dir_okay=False, path_type=Path),
              help="course.toml: adds the grades per assignment (a histogram, and a table per "
                   "learner), computed now; serves a snapshot.")
@click.pass_context
def dashboard(ctx: click.Context, port: int, host: str, snapshot: bool,
              course_file: Path | None) -> None:
    """The instructor dashboard in your browser (Datasette, read-only, on 127.0.0.1): pass
    rates, misconceptions, activity, the learner × step grid, who is stuck, each learner's
    attempts, and with a course file the grades. Ctrl-C stops.

    Example: learn --db class.db dashboard --port 8001 --course-file course.toml
    """
    from grader.instructor.classroom import DashboardOptions

    options = DashboardOptions(port, host, snapshot, course_file)
    if not options.on_loopback:
        click.echo(f"Warning: serving on {host}, not loopback: anyone who can reach it sees "
                   "every learner's attempts and code. Put authentication and TLS in front "
                   "(docs/dashboard.md).", err=True)
    mode = "read-only snapshot" if options.serves_snapshot else "read-only"
    classroom_of(ctx).dashboard(options, ready=lambda url: click.echo(
        f"Dashboard: {url} ({mode}; Ctrl-C stops)"))


@cli.command("list")
@json_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """Every step with its status, and your progress.

    Example: learn list
    """
    from grader.learner.api import steps_document
    from grader.presenting import render

    session = session_of(ctx)
    steps = session.steps()
    if as_json:
        click.echo(json.dumps({**steps_document(steps), "review_due": _due(session)}))
        return
    click.echo(render.step_list(steps))
    _review_due(session)


@cli.command()
@click.argument("exercise")
@click.pass_context
def show(ctx: click.Context, exercise: str) -> None:
    """Print a step's instructions and the file to edit.

    Example: learn show ex02
    """
    from grader.presenting import render

    session = session_of(ctx)
    _announce_workspace(session)
    found = session.course.resolve(exercise)
    path = session.open_step(found)
    steps = session.course.exercises
    click.echo(render.step_page(found, path, steps.index(found) + 1, len(steps)))


@cli.command()
@click.argument("exercise", required=False)
@click.pass_context
def hint(ctx: click.Context, exercise: str | None) -> None:
    """Show the next hint for a step (default: the current step). Each hint is recorded.

    Example: learn hint ex03
    """
    from grader.presenting import render

    session = session_of(ctx)
    given = session.hint(exercise)
    click.echo(render.hint_text(given, session.resolve(exercise).id))


@cli.command()
@click.argument("exercise", required=False)
@click.option("--seed", type=click.IntRange(0, 2**31 - 1), help="Reproduce a worked example.")
@click.pass_context
def explain(ctx: click.Context, exercise: str | None, seed: int | None) -> None:
    """A fresh worked example for a step, every number computed step by step by the
    reference engine (default: the current step).

    Example: learn explain ex04 --seed 7
    """
    session = session_of(ctx)
    found = session.resolve(exercise)
    text, used = session.explain(found.id, seed)
    click.echo(text)
    click.echo(f"\n(`learn explain {found.id} --seed {used}` shows this example again)")


@cli.command()
@click.argument("exercise")
@click.pass_context
def solution(ctx: click.Context, exercise: str) -> None:
    """Show the reference solution of a step you have passed, with what to notice.

    Example: learn solution ex03
    """
    from grader.presenting import render

    click.echo(render.solution_text(*session_of(ctx).solution(exercise)))


@cli.command()
@click.argument("exercise")
@click.option("--yes", is_flag=True, help="Do not ask before overwriting your file.")
@click.pass_context
def reset(ctx: click.Context, exercise: str, yes: bool) -> None:
    """Put the original stub back in place of your file (asks first).

    Example: learn reset ex03 --yes
    """
    session = session_of(ctx)
    found = session.course.resolve(exercise)
    path = session.workspace.file_for(found)
    if path.exists() and not yes:
        click.confirm(f"Replace {path} with a fresh stub? Your code in it will be lost",
                      abort=True)
    session.reset(found.id)
    click.echo(f"Restored the stub: {path}")


@cli.command()
@click.argument("exercise", required=False)
@click.pass_context
def path(ctx: click.Context, exercise: str | None) -> None:
    """Print the absolute path of your file for a step.

    Example: learn path ex01
    """
    click.echo(str(session_of(ctx).path(exercise)))


@cli.command()
@click.argument("exercise", required=False)
@click.pass_context
def watch(ctx: click.Context, exercise: str | None) -> None:
    """Check again every time you save (Ctrl-C stops), and move on to the next unfinished
    step when one passes (from EXERCISE, or from the current step).

    Example: learn watch
    """
    from watchfiles import watch as watch_changes

    from grader.presenting import render
    session = session_of(ctx)
    found = session.resolve(exercise)
    # Warm: this process keeps the course and numpy loaded, and each check is a fork of a
    # template child that has numpy loaded too, so a save becomes a verdict in tens of ms.
    with session.warm_children() as servers:
        _watch(session, found, servers, watch_changes, render)


def _watch(session, found, servers, watch_changes, render) -> None:
    while True:
        path = session.open_step(found)
        with servers.child() as child:
            result = session.check(found.id, child=child)
        upcoming = session.resolve_next(after=found) if result.verdict.passed else None
        click.echo(render.check_report(result, upcoming))
        sys.stdout.flush()  # one verdict at a time, also into a file or a pipe
        if result.verdict.passed:
            if upcoming is None:
                return
            # What to do next before its stub's first failure, which alone would not say it.
            click.echo(f"\n{_step_page(session, upcoming)}\n")
            if upcoming.is_quiz:  # asked by `learn quiz`, not watched
                click.echo(f"Watching stops at the quiz: `learn quiz {upcoming.id}`, then "
                           "`learn watch` again.")
                return
            found = upcoming
            continue
        # "Watching" is printed once the watcher is armed (its first empty yield): a save
        # after that line is always seen.
        announced = False
        # `step`: how long the file must be quiet before a save counts (an editor's write is
        # a burst of events within a few ms).
        for changes in watch_changes(path.parent, watch_filter=lambda _c, p, target=str(path):
                                     p == target, debounce=200, step=15, raise_interrupt=False,
                                     yield_on_timeout=True, rust_timeout=100):
            if not announced:
                click.echo(f"\nWatching {path} (Ctrl-C stops)...", err=True)
                announced = True
            if changes:
                break
        else:
            return  # interrupted
        click.echo("")


@cli.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def notebook(ctx: click.Context, path: Path | None) -> None:
    """Write the workbook: every step's instructions and a `%%learn` cell holding its stub, to
    work through in Jupyter, VS Code or Colab (default: learn-backprop.ipynb in the workspace).
    A workbook you edited is never overwritten: a new one is written beside it.

    Example: learn notebook
    """
    path, written, edited = session_of(ctx).write_workbook(path)
    if edited:
        click.echo(f"{path} has your work in {len(edited)} cells ({', '.join(edited[:5])}"
                   f"{', ...' if len(edited) > 5 else ''}): left as it is.")
    click.echo(f"Wrote {written}. Open it in Jupyter and run its first cell (%load_ext grader).")


@cli.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.pass_context
def validate(ctx: click.Context, folder: Path | None) -> None:
    """Check exercise folders: metadata valid, stub fails, solution passes, each misconception
    diagnosed as itself and none agreeing with another. FOLDER is one exercise or a course.

    Example: learn validate exercises/ex03_cost_derivative
    """
    reports = classroom_of(ctx).validate(folder)
    failed = 0
    for report in reports:
        name = report.exercise_id or report.folder.name
        if report.ok:
            click.echo(f"✓ {name}: {report.checks} checks")
        else:
            failed += 1
            click.echo(f"✗ {name}:")
            for problem in report.problems:
                click.echo(f"    {problem}")
    click.echo(f"{len(reports) - failed} of {len(reports)} exercise folders valid.")
    ctx.exit(EXIT_FAILED if failed else 0)


def main() -> None:
    try:
        cli(prog_name="learn")
    except BrokenPipeError:
        # `learn list | head -1`: the reader left; not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    sys.exit(main())
