"""`learn similar`: learners whose code for a step is the same or nearly so, found with
copydetect (MOSS-style winnowed fingerprints), not a method of our own.

Short, converged code looks alike however it was written (vectorized backprop has few good
forms), so the starter's lines and the reference solution's are boilerplate: shared tokens that
come from them count for nothing. A pair is a pointer for a human to read, never a verdict; the
HTML page shows the two files side by side with the shared stretches marked.
"""

from __future__ import annotations

import html
import io
import sqlite3
from dataclasses import dataclass

from grader.database.rollups import by_learner
from grader.errors import LearnError
from grader.safe_text import printable

NOISE_TOKENS = 25  # copydetect's noise threshold: shorter shared runs are ignored
WINDOW = 1  # with the guarantee threshold equal to the noise one (copydetect's defaults)


@dataclass
class Pair:
    step: str
    first: str
    second: str
    similarity: float  # the larger of the two shares of their code found in the other
    shared_tokens: int
    first_code: str
    second_code: str
    first_slices: list[tuple[int, int]]
    second_slices: list[tuple[int, int]]


def _require():
    try:  # an optional extra: imported where used
        import copydetect
    except ImportError:
        raise LearnError("learn similar needs copydetect: pip install "
                         "'learn-backprop[similarity]'") from None
    return copydetect


def submitted_code(conn: sqlite3.Connection, step: str) -> dict[str, str]:
    """learner -> the code that counts for the step: their best claimed pass, else latest."""
    code: dict[str, tuple] = {}
    for name, passed, created_at, text in conn.execute(
            "SELECT l.name, a.passed, a.created_at, a.code FROM attempts a JOIN learners l "
            f"ON l.id = a.learner_id WHERE a.exercise_id = ? AND {by_learner('a.origin')} "
            "AND coalesce(a.code, '') != ''", (step,)):
        rank = (bool(passed), created_at)
        if name not in code or rank > code[name][0]:
            code[name] = (rank, text)
    return {name: text for name, (_, text) in sorted(code.items())}


def similar_pairs(conn: sqlite3.Connection, course, step: str | None = None,
                  threshold: float = 0.5) -> list[Pair]:
    copydetect = _require()
    steps = [course.resolve(step)] if step else [e for e in course if not e.is_quiz]
    pairs = []
    for exercise in steps:
        code = submitted_code(conn, exercise.id)
        if len(code) < 2:
            continue
        boilerplate = []
        for path in (exercise.starter_path, exercise.solution_path):
            if path.is_file():
                boilerplate.extend(_fingerprint(copydetect, path.name,
                                                path.read_text(encoding="utf-8"), []).hashes)
        # copydetect wants each boilerplate hash once: the starter and the solution share many.
        boilerplate = sorted(set(boilerplate))
        prints = {name: _fingerprint(copydetect, name, text, boilerplate)
                  for name, text in code.items()}
        names = list(prints)
        for i, first in enumerate(names):
            for second in names[i + 1:]:
                shared, (a, b), (slices_a, slices_b) = copydetect.compare_files(
                    prints[first], prints[second])
                if max(a, b) >= threshold:
                    pairs.append(Pair(exercise.id, first, second, round(max(a, b), 3),
                                      int(shared), prints[first].raw_code,
                                      prints[second].raw_code, _spans(slices_a),
                                      _spans(slices_b)))
    return sorted(pairs, key=lambda p: (-p.similarity, p.step, p.first, p.second))


def _fingerprint(copydetect, name: str, text: str, boilerplate: list):
    return copydetect.CodeFingerprint(name, NOISE_TOKENS, WINDOW, boilerplate=boilerplate,
                                      language="python", fp=io.StringIO(text))


def _spans(slices) -> list[tuple[int, int]]:
    """copydetect's slices (a 2 × n array of starts and ends) as a list of (start, end)."""
    try:
        return [(int(s), int(e)) for s, e in zip(slices[0], slices[1], strict=True)]
    except (TypeError, IndexError):
        return []


def as_text(pairs: list[Pair]) -> str:
    if not pairs:
        return "No pair of learners' code is alike beyond the starter and the reference."
    lines = [f"{'step':<6} {'learner':<16} {'learner':<16} {'alike':>6} {'tokens':>7}"]
    for pair in pairs:
        lines.append(f"{pair.step:<6} {printable(pair.first):<16} {printable(pair.second):<16} "
                     f"{pair.similarity:>6.0%} {pair.shared_tokens:>7}")
    lines.append("\nA pointer for a human to read (learn similar --html shows the pairs side by "
                 "side), never a verdict: short code that solves the same step converges.")
    return "\n".join(lines)


def _marked(code: str, spans: list[tuple[int, int]]) -> str:
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(html.escape(code[position:start]))
        out.append(f"<mark>{html.escape(code[start:end])}</mark>")
        position = end
    out.append(html.escape(code[position:]))
    return "".join(out)


def as_html(pairs: list[Pair]) -> str:
    rows = []
    for pair in pairs:
        rows.append(
            f"<h2>{html.escape(pair.step)}: {html.escape(pair.first)} and "
            f"{html.escape(pair.second)} ({pair.similarity:.0%} alike, {pair.shared_tokens} "
            "shared tokens)</h2><div class='pair'>"
            f"<div><h3>{html.escape(pair.first)}</h3><pre>"
            f"{_marked(pair.first_code, pair.first_slices)}</pre></div>"
            f"<div><h3>{html.escape(pair.second)}</h3><pre>"
            f"{_marked(pair.second_code, pair.second_slices)}</pre></div></div>")
    body = "".join(rows) or "<p>No pair of learners' code is alike beyond the starter.</p>"
    return ("<!doctype html><meta charset='utf-8'><title>Similar code</title><style>"
            "body{font-family:sans-serif;margin:2em}.pair{display:flex;gap:1em}"
            ".pair>div{flex:1;min-width:0}pre{background:#f6f8fa;padding:.5em;overflow:auto}"
            "mark{background:#fff3b0}</style><h1>Similar code</h1><p>Shared stretches are "
            "marked; the starter's and the reference's lines are left out. A pointer for a "
            f"human to read, never a verdict.</p>{body}")
