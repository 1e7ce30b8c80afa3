"""The Jupyter front end in a real kernel (nbclient + ipykernel): the workbook `learn notebook`
writes, `%%learn` cells graded and recorded with origin `notebook`, slips named in the HTML."""

import json
import sqlite3

import nbclient
import nbformat
import pytest

from grader.cli import cli

pytestmark = pytest.mark.slow  # starts Jupyter kernels


def run_cells(notebook, *bodies: str) -> list:
    """Execute `%load_ext grader` and the given cells in one fresh kernel; their outputs."""
    cells = [nbformat.v4.new_code_cell("%load_ext grader")]
    cells += [nbformat.v4.new_code_cell(body) for body in bodies]
    notebook.cells = cells
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    return [cell.outputs for cell in notebook.cells[1:]]


def bundle(outputs) -> dict:
    [output] = [o for o in outputs if o.get("output_type") == "display_data"]
    return output["data"]


def test_the_workbook_runs_in_a_real_kernel(runner, home, tmp_path):
    path = tmp_path / "workbook.ipynb"
    assert runner.invoke(cli, ["notebook", str(path)]).exit_code == 0
    notebook = nbformat.read(str(path), as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code[0].source == "%load_ext grader"
    ex01 = next(c for c in code if c.metadata.get("learn", {}).get("step") == "ex01")
    assert ex01.source.startswith("%%learn ex01\n") and "NotImplementedError" in ex01.source
    assert any(c.source == "%learn quiz q01" for c in code)

    stub, right, slip, where = run_cells(
        notebook, ex01.source, "%%learn ex01\ndef forward(w, x):\n    return w * x\n",
        "%%learn ex03\ndef cost_derivative(a, y):\n    return 2 * a - y\n", "%learn next")
    assert "ex01 failed" in bundle(stub)["text/plain"] and "not written yet" in \
        bundle(stub)["text/html"]
    assert "ex01 passed" in bundle(right)["text/html"]
    html = bundle(slip)["text/html"]
    assert "ex03 failed" in html and "two_a_minus_y" in html and "<table>" in html
    assert "ex02" in bundle(where)["text/plain"]  # ex01 passed: next is ex02
    rows = sqlite3.connect(home / "progress.db").execute(
        "SELECT exercise_id, passed, origin FROM attempts ORDER BY created_at").fetchall()
    assert rows == [("ex01", 0, "notebook"), ("ex01", 1, "notebook"), ("ex03", 0, "notebook")]
    assert (home / "ex01_forward.py").read_text().startswith("def forward(w, x):")
    listed = json.loads(runner.invoke(cli, ["list", "--json"]).stdout)
    assert listed["steps"][0]["passed"]  # the notebook's pass counts like any other


def test_a_second_workbook_never_overwrites_an_edited_one(runner, home, tmp_path):
    path = tmp_path / "workbook.ipynb"
    runner.invoke(cli, ["notebook", str(path)])
    again = runner.invoke(cli, ["notebook", str(path)])  # nothing edited: written again
    assert again.exit_code == 0 and not (tmp_path / "workbook-2.ipynb").exists()
    notebook = nbformat.read(str(path), as_version=4)
    cell = next(c for c in notebook.cells if c.metadata.get("learn", {}).get("step") == "ex02")
    cell.source = "%%learn ex02\ndef cost(a, y):\n    return (a - y) ** 2\n"
    nbformat.write(notebook, str(path))
    mine = path.read_text()
    third = runner.invoke(cli, ["notebook", str(path)])
    assert "left as it is" in third.output and "ex02" in third.output
    assert path.read_text() == mine
    assert (tmp_path / "workbook-2.ipynb").exists()
