"""Pictures where a learner would rather look than read: cost curves (ex06), the digits the
capstone's network read wrong, the network's layers with the first wrong one marked, the shapes
of BP1–BP4 (drawn by ex16–ex18's own shapes.py), computation graphs and saturation; as text for
the terminal and SVG for a notebook (grader/pictures/)."""

import re
from html import escape
from pathlib import Path

import numpy as np
import pytest

from exercises.ex16_output_error.shapes import bp1
from exercises.ex17_hidden_error.shapes import bp2
from exercises.ex18_layer_gradients.shapes import bp3, bp4
from grader import pictures
from grader.cli import cli
from grader.course.spec import Course, load_exercise
from grader.course.worked import show, worked_example
from grader.grading.cases import draw_cases
from grader.grading.compare import as_outputs
from grader.grading.grade import grade_file, load_reference
from grader.grading.quiz import draw_questions
from grader.learner.api import CheckResult
from grader.learner.notebook import explain_html
from grader.pictures.graph import graph
from grader.pictures.layers import layers
from grader.pictures.saturation import MAX_POINTS, saturation
from grader.pictures.shapes import shape_mismatch, shape_text
from grader.presenting import render

COURSE = Course.load()


def check(tmp_path: Path, step: str, body: str, seed: int = 3):
    exercise = COURSE.resolve(step)
    path = tmp_path / exercise.learner_filename
    path.write_text(body)
    verdict, _ = grade_file(exercise, path, seed=seed)
    return verdict, render.check_report(CheckResult(exercise, path, verdict, None, None))


ASCENT = ("def train(w, x, y, learning_rate, steps):\n    costs = []\n"
          "    for _ in range(steps):\n        a = w * x\n        costs.append((a - y) ** 2)\n"
          "        w = w + learning_rate * 2 * (a - y) * x\n"
          "    costs.append((w * x - y) ** 2)\n    return w, costs\n")


def test_a_diverging_training_loop_shows_its_cost_curve_leaving_the_plot(tmp_path):
    verdict, text = check(tmp_path, "ex06", ASCENT)
    picture = verdict.failing_case.picture
    assert picture["kind"] == "curves"
    assert len(picture["series"]["yours"]) == len(picture["series"]["reference"]) + 1
    assert "↑ yours above the plot" in text and "● yours" in text
    assert pictures.svg(picture).startswith("<svg") and "<polyline" in pictures.svg(picture)


def test_the_capstone_shows_digits_it_read_wrong(tmp_path):
    body = ("import numpy as np\ndef train_digits(X_train, Y_train, seed):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    return ([rng.standard_normal((30, 64)), rng.standard_normal((10, 30))],\n"
            "            [np.zeros((30, 1)), np.zeros((10, 1))])\n")
    verdict, text = check(tmp_path, "ex23", body)
    picture = verdict.failing_case.picture
    assert picture["kind"] == "digits" and len(picture["images"]) == 4
    assert all(p != t for p, t in zip(picture["predicted"], picture["true"], strict=True))
    assert len(re.findall(r"read \d, is \d", text)) == 4 and "█" in text
    assert pictures.svg(picture).count("<rect") == 4 * 64


def test_a_layered_step_shows_the_entry_of_the_layer_it_names(tmp_path):
    exercise = COURSE.resolve("ex19")
    body = exercise.solution_path.read_text().replace(
        "deltas[l] = (weights[l + 1].T @ deltas[l + 1]) * PRIMES[activations[l]](Zs[l])",
        "deltas[l] = weights[l + 1].T @ deltas[l + 1]")  # σ′ left out of BP2
    verdict, text = check(tmp_path, "ex19", body, seed=4)
    picture = verdict.failing_case.picture
    assert picture["kind"] == "layers"
    layer = picture["wrong"]
    nielsen = layer + 2
    assert f"(layer {nielsen} of {picture['count'] + 1} in Nielsen's numbering" in \
        verdict.location
    assert f"[{layer}] (layer {nielsen}) has wrong values" in verdict.failing_case.problem
    assert f"[layer {nielsen} ✗]" in text


def test_a_learning_rate_twice_too_big_shows_training_that_never_settles(tmp_path):
    verdict, text = check(tmp_path, "ex07",
                          "def learning_rate_limits(x):\n    return 1 / x**2, 2 / x**2\n")
    picture = verdict.failing_case.picture
    assert picture["kind"] == "curves"
    reference, yours = picture["series"]["reference"], picture["series"]["yours"]
    assert reference[1:] == [0.0] * (len(reference) - 1)  # the one-step rate lands at once
    assert yours == pytest.approx([yours[0]] * len(yours))  # 1/x²: the same error, bouncing
    assert "● yours" in text


def test_the_learning_rate_quiz_draws_a_wrong_rate_beside_the_right_one():
    quiz = COURSE.resolve("q02")
    drawn = [q for q in draw_questions(quiz, 5) if getattr(q, "draw", None)]
    assert drawn, "q02 has questions that draw their answers"
    for question in drawn:
        wrong = question.grade(repr(question.answer * 2.5))
        assert not wrong.correct and wrong.picture["kind"] == "curves"
        feedback = render.answer_feedback(question, wrong)
        assert "● yours" in feedback and "· expected" in feedback
        assert question.grade(repr(question.answer)).picture is None


# -- shapes: BP1–BP4 as blocks drawn to scale ----------------------------------------------------

def step_mismatch(step: str, case: dict, name: str, expected, got) -> dict | None:
    """What the grader draws for a result of the wrong shape: the step's own `shape_picture`."""
    exercise = COURSE.resolve(step)
    if exercise.spec.shape_picture is None:
        return None
    draw = exercise.load_callable(exercise.spec.shape_picture, "shape_picture")
    return shape_mismatch(draw, exercise.spec.returns, case, name, expected, got)


BLOCK_CHARS = "█▓▀"


def blocks_of(text: str) -> list[tuple[int, int]]:
    """(width in characters, height in lines) of each block of a shape diagram, left to right."""
    rows = [line for line in text.splitlines() if any(c in line for c in BLOCK_CHARS)]
    starts = [m.start() for m in re.finditer(f"[{BLOCK_CHARS}]+", rows[0])]
    found = []
    for start in starts:
        width = re.match(f"[{BLOCK_CHARS}]+", rows[0][start:]).end()
        height = sum(1 for row in rows if row[start:start + 1] in tuple(BLOCK_CHARS))
        found.append((width, height))
    return found


def test_bp2_blocks_line_up_and_are_drawn_to_scale():
    picture = bp2(n=3, m=5, n_next=4)
    text = pictures.text(picture)
    for shape in ("3×4", "4×5", "3×5"):
        assert shape in text
    drawn = blocks_of(text)
    sizes = [(3, 4), (4, 5), (3, 5), (3, 5)]  # Wᵀ, δ above, σ′(z), δ
    assert len(drawn) == len(sizes)
    assert {width / columns for (width, _), (_, columns) in zip(drawn, sizes, strict=True)} == {2}
    assert [height for _, height in drawn] == [rows for rows, _ in sizes]
    # Wᵀ's width is δ-above's height: the inner sizes visibly meet
    assert drawn[0][0] == 2 * drawn[1][1]
    assert all(len(line) <= 80 for line in text.splitlines())
    svg = pictures.svg(picture)
    rects = [(float(w), float(h)) for w, h in
             re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="([\d.]+)"', svg)]
    assert len({w / c for (w, _), (_, c) in zip(rects, sizes, strict=True)}) == 1
    assert len({h / r for (_, h), (r, _) in zip(rects, sizes, strict=True)}) == 1
    assert all(shape in svg for shape in ("3×4", "4×5", "3×5"))


def test_bp4_and_bp3_show_the_gradient_shapes():
    weights = pictures.text(bp4(n=3, m=5, n_prev=4))
    assert all(shape in weights for shape in ("3×5", "5×4", "3×4")) and "/ m" in weights
    assert [w for w, _ in blocks_of(weights)] == [10, 8, 8]
    bias = pictures.text(bp3(n=3, m=5, layer=2))
    assert "3×5" in bias and "3×1" in bias and "∂C/∂b²" in bias
    assert blocks_of(bias) == [(10, 3), (2, 3)]


def test_a_diagram_too_big_for_the_terminal_still_fits_in_80_columns():
    text = pictures.text(bp2(n=30, m=100, n_next=64))
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "30×64" in text and "64×100" in text and "too big to draw to scale" in text


def test_a_transposed_gradient_is_drawn_beside_the_expected_shape():
    case = {"delta": np.zeros((3, 7)), "A_prev": np.zeros((4, 7))}
    picture = step_mismatch("ex18", case, "dW", (3, 4), (4, 3))
    text = pictures.text(picture)
    assert "yours ✗" in text and "yours: 4×3, the product gives 3×4: a transpose?" in text
    assert blocks_of(text)[-1] == (6, 4)  # the learner's block: 3 columns, 4 rows
    assert "yours" in pictures.svg(picture) and "#cf222e" in pictures.svg(picture)
    flat = pictures.text(step_mismatch("ex18", case, "[1]", (3, 1), (3,)))
    assert "(3,)" in flat and "keepdims=True" in flat
    assert step_mismatch("ex03", {"a": 1.0}, "", (), (2,)) is None
    assert step_mismatch("ex18", case, "dW", (3, 4), (3, 4)) is None  # no mismatch


def test_a_result_of_one_number_is_drawn_as_one():
    """db = delta.mean() (no axis) is one number: drawn as a 1×1 block, where the block of a
    0-d shape used to raise an IndexError inside `learn check`."""
    case = {"delta": np.zeros((3, 7)), "A_prev": np.zeros((4, 7))}
    picture = step_mismatch("ex18", case, "db", (3, 1), ())
    text = pictures.text(picture)
    assert "a number" in text and "everything averaged" in text
    assert blocks_of(text)[-1] == (2, 1)
    assert pictures.svg(picture).count("<rect") == 3


def test_a_new_step_draws_its_own_shape_picture_with_no_change_to_the_grader(tmp_path):
    """A step declares `shape_picture` in its exercise.toml and draws its equation with the
    generic blocks: a transposed result is drawn beside the expected one."""
    folder = tmp_path / "fx09_twice"
    folder.mkdir()
    (folder / "README.md").write_text("# fx09 · Twice a matrix\n")
    (folder / "starter.py").write_text("def twice(X):\n    raise NotImplementedError\n")
    (folder / "reference_twice.py").write_text("def twice(X):\n    return 2 * X\n")
    (folder / "cases.py").write_text(
        "def generate(rng, params, arguments, count):\n"
        "    return [{'X': rng.normal(size=(2, 3))} for _ in range(count)]\n")
    (folder / "shapes.py").write_text(
        "from grader.pictures.shapes import mismatch_note, shapes\n\n\n"
        "def mismatch(case, value, index, expected, got):\n"
        "    n, m = case['X'].shape\n"
        "    return shapes('Y = 2X', [('2', ()), ('X', (n, m))], ('Y', (n, m)), yours=got,\n"
        "                  note=mismatch_note('doubling gives', expected, got, 'a transpose?'))\n")
    (folder / "exercise.toml").write_text(
        'format_version = 1\ntitle = "Twice a matrix"\nkind = "code"\norder = 9\n'
        'function = "twice"\narguments = ["X"]\nreturns = ["Y"]\n'
        'reference = "reference_twice.py:twice"\nshape_picture = "shapes.py:mismatch"\n'
        'hints = ["Multiply.", "2 * X"]\n[cases]\ngenerator = "cases.py:generate"\n'
        "count = 3\n")
    exercise = load_exercise(folder)
    learner = tmp_path / exercise.learner_filename
    learner.write_text("def twice(X):\n    return (2 * X).T\n")
    verdict, _ = grade_file(exercise, learner, seed=1)
    assert verdict.failing_case.kind == "shape"
    text = pictures.text(verdict.failing_case.picture)
    assert "Y = 2X" in text and "yours: 3×2, doubling gives 2×3: a transpose?" in text
    assert blocks_of(text) == [(6, 2), (6, 2), (4, 3)]  # X, Y, yours


PINNED_BP4_TRANSPOSED = """\
  BP4: ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ / m   (n_l = 3, n_(l−1) = 4, m = 7)

    δˡ               (aˡ⁻¹)ᵀ        ∂C/∂Wˡ      yours ✗
    ██▓▓██▓▓██▓▓██   ██▓▓██▓▓       ██▓▓██▓▓    ██▓▓██
    ▓▓██▓▓██▓▓██▓▓ · ▓▓██▓▓██ / m = ▓▓██▓▓██    ▓▓██▓▓
    ██▓▓██▓▓██▓▓██   ██▓▓██▓▓       ██▓▓██▓▓    ██▓▓██
                     ▓▓██▓▓██                   ▓▓██▓▓
                     ██▓▓██▓▓
                     ▓▓██▓▓██
                     ██▓▓██▓▓
    3×7              7×4            3×4         4×3
    rows down, columns across, each block to scale
    yours: 4×3, the product gives 3×4: a transpose? δ (a_prev)ᵀ, not a_prev δᵀ"""

PINNED_LAYERS = """\
    [input] → [layer 2 ?] → [layer 3 ✗] → [layer 4 ✓]
    ✓ right   ✗ the first wrong layer, from the output   ? not checked (the error is passed \
back through ✗)"""

PINNED_GRAPH = """\
  y = x²

         1.5    2.25
   x ───────────▶ y
          2       1

  above each arrow: the value it carries; below: the gradient it carries back"""


def test_pictures_draw_exactly_as_pinned():
    """A few pictures' text, character for character (docs/pictures.md shows the first): a
    change to the drawing shows here first."""
    case = {"delta": np.zeros((3, 7)), "A_prev": np.zeros((4, 7))}
    assert pictures.text(step_mismatch("ex18", case, "dW", (3, 4), (4, 3))) == \
        PINNED_BP4_TRANSPOSED
    assert pictures.text(layers(3, 1)) == PINNED_LAYERS
    square = graph([("x", 0, 0, 1.5, 2.0), ("y", 1, 0, 2.25, 1.0)], [("x", "y", 2.0)],
                   title="y = x²", wrt="y")
    assert pictures.text(square) == PINNED_GRAPH
    assert pictures.text(pictures.stack(layers(3, 1), square)) == \
        PINNED_LAYERS + "\n\n" + PINNED_GRAPH


@pytest.mark.parametrize("step", ["ex15", "ex16", "ex17", "ex18", "ex19"])
def test_every_returned_value_of_the_vectorized_steps_has_its_shape_diagram(step):
    """On the grader's own cases, the diagram's result is the reference's shape, so a wrong
    shape can always be drawn beside it."""
    exercise = COURSE.resolve(step)
    spec = exercise.spec
    reference = load_reference(exercise)
    for case in draw_cases(exercise, 11)[:6]:
        want = as_outputs(reference(*[case[a] for a in spec.arguments]), len(spec.returns))
        for path, value in want.items():
            if value.ndim != 2:
                continue
            got = value.T.shape if value.shape[0] != value.shape[1] else value.shape[:1]
            picture = step_mismatch(step, case, path, value.shape, got)
            assert picture is not None, (step, path)
            assert tuple(picture["result"]["shape"]) == value.shape
            assert shape_text(got) in pictures.text(picture)


@pytest.mark.parametrize("step,titles", [("ex16", ["BP1"]), ("ex17", ["BP2"]),
                                         ("ex18", ["BP4", "BP3"]),
                                         ("ex19", ["BP2", "BP4", "BP3"])])
def test_explain_draws_the_shapes_of_its_example(step, titles, runner, home):
    shown = runner.invoke(cli, ["explain", step, "--seed", "5"])
    assert shown.exit_code == 0, shown.output
    for title in titles:
        assert f"  {title}: " in shown.output
    assert shown.output.count("each block to scale") == len(titles)
    assert "×" in shown.output and "█" in shown.output


def test_ex18_explain_draws_its_example_s_sizes():
    text, (bp4, bp3) = worked_example(COURSE.resolve("ex18"), 3)
    assert pictures.text(bp4) in text and pictures.text(bp3) in text
    n, m = bp4["factors"][0]["shape"]
    n_prev = bp4["result"]["shape"][1]
    assert (n, m, n_prev) == (2, 2, 3)  # the example's δ (2 × 2) and A_prev (3 × 2)
    assert f"{n}×{n_prev}" in pictures.text(bp4) and f"{n}×1" in pictures.text(bp3)


# -- graph: values above the arrows, gradients below, sums where paths meet ----------------------

def sums_of(text: str) -> dict[str, tuple[list[float], float]]:
    """name -> (the shares, the total) from the lines "x (3 uses): ∂f/∂x = a via p + ... = t"."""
    found = {}
    for name, terms, total in re.findall(r"(\w+) \(\d uses\): ∂\w/∂\w+ = (.+) = (\S+)",
                                         text.replace("−", "-")):
        shares = [float(t.split(" via ")[0].strip("()")) for t in terms.split(" + ")]
        found[name] = (shares, float(total))
    return found


def graph_of(step: str, seed: int) -> dict:
    text, (picture,) = worked_example(COURSE.resolve(step), seed)
    assert pictures.text(picture) in text
    return picture


@pytest.mark.parametrize("seed", range(4))
def test_the_autograd_graph_adds_up_the_uses_of_x_and_u(seed):
    picture = graph_of("ex34", seed)
    text = pictures.text(picture)
    sums = sums_of(text)
    assert set(sums) == {"x", "u"}
    assert len(sums["x"][0]) == 3 and len(sums["u"][0]) == 2
    grads = {n["name"]: n["grad"] for n in picture["nodes"]}
    for name, (shares, total) in sums.items():
        assert sum(shares) == pytest.approx(total, rel=1e-3, abs=1e-3)
        assert total == pytest.approx(grads[name], rel=1e-3, abs=1e-3)
    assert " via p + " in text and " via f = " in text
    assert all(len(line) <= 80 for line in text.splitlines())
    for name in "xypusqrf":
        assert re.search(rf"▶ {name}( |$)|^ +{name} ─", text, re.M), name  # drawn, joined
    svg = pictures.svg(picture)
    assert svg.count(">+</text>") >= 2  # a "+" where x's and u's uses split
    assert "via s +" in svg and "<polyline" in svg


def test_the_tiny_network_graph_carries_values_forward_and_gradients_back():
    picture = graph_of("ex13", 1)
    text = pictures.text(picture)
    nodes = {n["name"]: n for n in picture["nodes"]}
    for name in ("z1", "z2", "h1", "h2", "a"):  # one arrow out: its value and gradient on it
        assert show(nodes[name]["value"], 3) in text and show(nodes[name]["grad"], 3) in text
    sums = sums_of(text)
    assert set(sums) == {"x1", "x2", "x3"}  # each input feeds both hidden units
    for shares, total in sums.values():
        assert len(shares) == 2 and sum(shares) == pytest.approx(total, rel=1e-3, abs=1e-4)
    assert "dC/dw_jk = dC/dz_j · x_k" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_explain_shows_the_graphs(runner, home):
    for step in ("ex13", "ex34"):
        shown = runner.invoke(cli, ["explain", step, "--seed", "5"]).output
        assert "above each arrow: the value it carries" in shown
        assert "the gradients of its uses add up" in shown and "─▶" in shown


# -- saturation ---------------------------------------------------------------------------------

def test_saturation_marks_the_batch_on_sigma_and_its_slope():
    z_hidden = np.array([[-9.0, -6.0, -5.0, 0.5], [5.0, 6.0, 7.5, 9.0]])  # 7 of 8 beyond ±4
    z_output = np.array([[-0.5, 0.2, 1.0]])
    picture = saturation([z_hidden, z_output], [3e-6, 0.12])
    text = pictures.text(picture)
    assert "layer 2: 7 of 8 z beyond ±4 (88%)" in text
    assert "layer 3: 0 of 3 z beyond ±4 (0%)" in text
    assert "(log scale)" in text and "3e−06" in text and "0.12" in text
    bars = dict(re.findall(r"layer (\d) +(█+)", text))
    assert 0 < len(bars["2"]) < len(bars["3"])
    plot = text.split("gradient norm")[0]
    assert plot.count("2") >= 8 and plot.count("3") >= 3  # every z marked, σ and σ′
    assert all(len(line) <= 80 for line in text.splitlines())
    svg = pictures.svg(picture)
    assert svg.count("<circle") >= 2 * 8 and "layer 2: 7 of 8" in svg and "<polyline" in svg


def test_saturation_keeps_a_big_batch_small():
    z = np.random.default_rng(0).normal(0, 5, size=(30, 2000))
    picture = saturation([z], [0.5])
    assert len(picture["layers"][0]["z"]) <= MAX_POINTS
    assert picture["layers"][0]["count"] == z.size
    assert len(pictures.svg(picture)) < 20_000
    with pytest.raises(ValueError):
        saturation([z, z], [0.5])


# -- in a notebook --------------------------------------------------------------------------------

def test_a_notebook_explain_draws_svg_where_the_text_pictures_stand():
    exercise = COURSE.resolve("ex18")
    text = worked_example(exercise, 9)[0]
    shown = explain_html(exercise, text, 9)
    assert shown.count("<svg") == 2 and "█" not in shown
    assert shown.index("A layer of 2 units") < shown.index("<svg")
    quiet = COURSE.resolve("ex03")
    assert "<svg" not in explain_html(quiet, "plain text", 1)


def test_two_pictures_stack():
    both = pictures.stack(layers(3, 1), None, bp1(n=2, m=3))
    assert both["kind"] == "stack" and "[layer 3 ✗]" in pictures.text(both)
    assert "2×3" in pictures.text(both) and pictures.svg(both).count("<svg") == 3
    assert pictures.stack(None, layers(2, 0))["kind"] == "layers"
    assert pictures.stack() is None


def test_a_shape_mismatch_at_ex16_draws_the_blocks(tmp_path):
    """The grader draws BP1's blocks beside the learner's transposed result."""
    exercise = COURSE.resolve("ex16")
    path = tmp_path / exercise.learner_filename
    path.write_text("def output_error(Z, A, Y):\n    return ((A - Y) * A * (1 - A)).T\n")
    verdict, _ = grade_file(exercise, path, seed=3)
    assert not verdict.passed and verdict.failing_case.kind == "shape"
    picture = verdict.failing_case.picture
    assert picture is not None
    drawn = pictures.text(picture)
    assert "yours" in drawn and "a transpose?" in drawn


ZERO_START = ("import numpy as np\ndef init_network(sizes, seed):\n"
              "    return ([np.zeros((n, m)) for m, n in zip(sizes[:-1], sizes[1:])],\n"
              "            [np.zeros((n, 1)) for n in sizes[1:]])\n")


def test_the_symmetry_picture_says_it_draws_the_gap_between_hidden_units(tmp_path):
    verdict, text = check(tmp_path, "ex29", ZERO_START)
    picture = verdict.failing_case.picture
    assert picture["kind"] == "curves"
    assert set(picture["series"]["yours"]) == {0.0} and max(picture["series"]["reference"]) > 0
    labels = [picture["title"], picture["y_label"], picture["x_label"]]
    assert "hidden layer's units" in labels[0] and "unit j − unit 1" in labels[1]
    assert "training step" in labels[2] and not any("cost" in label for label in labels)
    for label in labels:
        assert label in text
    drawn = pictures.svg(picture)
    assert f'aria-label="{escape(picture["title"])}"' in drawn
    assert escape(picture["y_label"]) in drawn and escape(picture["x_label"]) in drawn
    assert ">100</text>" in drawn  # the step axis runs 0 → 100


@pytest.mark.parametrize("step,body", [
    ("ex06", ASCENT), ("ex07", "def learning_rate_limits(x):\n    return 1 / x**2, 2 / x**2\n")])
def test_every_cost_curve_has_a_title_and_axes(tmp_path, step, body):
    picture = check(tmp_path, step, body)[0].failing_case.picture
    assert picture["title"] and picture["y_label"].startswith("cost C") and picture["x_label"]
    drawn = pictures.svg(picture)
    assert all(escape(label) in drawn for label in (picture["title"], picture["y_label"]))


def test_a_curve_stored_before_labels_still_draws_as_a_cost():
    old = {"kind": "curves", "series": {"reference": [1.0, 0.5, 0.25], "yours": [1.0, 2.0, 4.0]}}
    assert "cost C" in pictures.text(old) and "cost C" in pictures.svg(old)
