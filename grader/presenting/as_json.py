"""A verdict as `learn check --json` prints it: the verdict's fields (as the store records
them), then the same blocks the terminal and the notebook show, each with its kind."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import TYPE_CHECKING

from grader.presenting.blocks import Block, NextStep, verdict_blocks

if TYPE_CHECKING:  # annotations only: the learner's API uses this package, not the other way round
    from grader.learner.api import CheckResult


def verdict_document(result: CheckResult) -> dict:
    verdict = result.verdict
    # What comes next is `learn next --json`'s to say: this document is the check's alone.
    blocks = [b for b in verdict_blocks(result) if not isinstance(b, NextStep)]
    return {
        "id": result.exercise.id,
        "passed": verdict.passed,
        "score": verdict.score,
        "seed": verdict.seed,
        "attempt_id": result.attempt_id,
        "cases_total": verdict.cases_total,
        "cases_passed": verdict.cases_passed,
        "diagnosis": asdict(verdict.diagnosis) if verdict.diagnosis else None,
        "error": asdict(verdict.error) if verdict.error else None,
        "failing_case": asdict(verdict.failing_case) if verdict.failing_case else None,
        "location": verdict.location,
        "learner_output": verdict.learner_output,
        "path": str(result.path),
        "recorded": result.attempt_id is not None,
        "store_error": result.store_error,
        "seconds": round(verdict.seconds, 3),
        "headline": blocks[0].text,
        "blocks": [block_document(block) for block in blocks],
    }


def block_document(block: Block) -> dict:
    """{"kind": "next_step", ...the block's fields}."""
    kind = re.sub(r"(?<!^)(?=[A-Z])", "_", type(block).__name__).lower()
    return {"kind": kind, **asdict(block)}
