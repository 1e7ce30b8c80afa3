"""The dashboard's Datasette metadata, pinned as JSON: its panels, queries and layout change only
on purpose. No Datasette needed (tests/test_dashboard.py serves it). After an intended change:
LEARN_PIN_DASHBOARD=1 pytest tests/test_dashboard_metadata.py, and read the diff."""

import json
import os
from pathlib import Path

from grader.instructor.dashboard import dashboard_metadata

PINNED = Path(__file__).parent / "fixtures" / "dashboard_metadata.json"


def _metadata() -> dict:
    return {
        "defaults": dashboard_metadata(),
        # every optional part: grades, verified tiles, a snapshot, another host, steps in order
        "everything": dashboard_metadata("class", ["ex01", "q01", "ex02"], live=False,
                                         allowed_hosts=["dash.example"], verified=True,
                                         grades=True),
    }


def test_the_dashboard_metadata_is_as_pinned():
    text = json.dumps(_metadata(), indent=1, ensure_ascii=False) + "\n"
    if os.environ.get("LEARN_PIN_DASHBOARD"):
        PINNED.write_text(text, encoding="utf-8")
    assert text == PINNED.read_text(encoding="utf-8")
