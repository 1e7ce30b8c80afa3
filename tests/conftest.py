import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A fresh workspace with its own database and learner, isolated from the developer's."""
    workspace = tmp_path / "ws"
    monkeypatch.setenv("LEARN_HOME", str(workspace))
    monkeypatch.setenv("LEARN_USER", "ada")
    monkeypatch.delenv("LEARN_DB", raising=False)
    monkeypatch.delenv("LEARN_EXERCISES", raising=False)
    return workspace


@pytest.fixture
def fixture_course(home, monkeypatch) -> Path:
    monkeypatch.setenv("LEARN_EXERCISES", str(FIXTURE_COURSE))
    return FIXTURE_COURSE


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def attempts(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM attempts ORDER BY created_at")]
    finally:
        conn.close()
