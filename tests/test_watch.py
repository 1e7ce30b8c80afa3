"""`learn watch` as a learner uses it: a real process that re-checks on save and moves on."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def wait_for(process, lines: list[str], needle: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line:
            lines.append(line)
            if needle in line:
                return
        elif process.poll() is not None:
            break
    raise AssertionError(f"never saw {needle!r}; output was:\n{''.join(lines)}")


def stop(process) -> None:
    """Ctrl-C, as a learner stops it; killed if it does not stop."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_watch_rechecks_on_save_and_follows_the_ladder(tmp_path):
    home = tmp_path / "ws"
    env = dict(os.environ, LEARN_HOME=str(home), LEARN_USER="ada", PYTHONUNBUFFERED="1")
    env.pop("LEARN_DB", None)
    learn = Path(sys.executable).parent / "learn"
    process = subprocess.Popen([str(learn), "watch"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    try:
        wait_for(process, lines, "Watching")
        assert any("ex01 failed" in line for line in lines)
        (home / "ex01_forward.py").write_text("def forward(w, x):\n    return w * x\n")
        wait_for(process, lines, "ex01 passed")
        wait_for(process, lines, "ex02_cost.py")
    finally:
        stop(process)


def test_watch_of_a_named_step_moves_on_after_it_passes(tmp_path):
    home = tmp_path / "ws"
    env = dict(os.environ, LEARN_HOME=str(home), LEARN_USER="ada", PYTHONUNBUFFERED="1")
    env.pop("LEARN_DB", None)
    learn = Path(sys.executable).parent / "learn"
    subprocess.run([str(learn), "path", "ex01"], env=env, check=True, capture_output=True)
    (home / "ex01_forward.py").write_text("def forward(w, x):\n    return w * x\n")
    process = subprocess.Popen([str(learn), "watch", "ex01"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    try:
        wait_for(process, lines, "ex01 passed")
        wait_for(process, lines, "Watching")
        assert "ex02_cost.py" in lines[-1]
    finally:
        stop(process)


def test_moving_on_shows_the_next_steps_instructions_before_its_first_check(tmp_path):
    home = tmp_path / "ws"
    env = dict(os.environ, LEARN_HOME=str(home), LEARN_USER="ada", PYTHONUNBUFFERED="1")
    env.pop("LEARN_DB", None)
    learn = Path(sys.executable).parent / "learn"
    subprocess.run([str(learn), "path", "ex01"], env=env, check=True, capture_output=True)
    (home / "ex01_forward.py").write_text("def forward(w, x):\n    return w * x\n")
    process = subprocess.Popen([str(learn), "watch", "ex01"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    try:
        wait_for(process, lines, "Watching")
    finally:
        stop(process)
    text = "".join(lines)
    page = text.index("Step 2 of ")  # the page `learn next` shows: ex02's instructions, its file
    assert "ex02 · How wrong is the neuron? The cost" in text[page:]
    assert "# ex02 · " in text[page:] and "Edit:   " in text[page:]
    assert text.index("ex01 passed") < page < text.index("ex02 failed")


def test_moving_on_to_a_quiz_shows_it_and_stops_watching(tmp_path):
    home = tmp_path / "ws"
    env = dict(os.environ, LEARN_HOME=str(home), LEARN_USER="ada", PYTHONUNBUFFERED="1")
    env.pop("LEARN_DB", None)
    learn = Path(sys.executable).parent / "learn"
    subprocess.run([str(learn), "path", "ex05"], env=env, check=True, capture_output=True)
    solution = Path(__file__).parents[1] / "exercises" / "ex05_update" / "solution.py"
    (home / "ex05_update.py").write_text(solution.read_text())
    done = subprocess.run([str(learn), "watch", "ex05"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "ex05 passed" in done.stdout and "Start it: learn quiz q01" in done.stdout
    assert "Watching stops at the quiz: `learn quiz q01`" in done.stdout
