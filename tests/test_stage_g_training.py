"""Stage G, its second half (ex30–ex32, q19, q20) and the capstone's new checks: vanishing
gradients, one backward loop that updates as it goes, XOR, triage. The reference is checked
against what we did not write (finite differences, numpy's own products, actual training), and
every step against the grader: the stub fails, the solution passes, each slip is named; the
capstone names a zero start, weights that never moved and saturated hidden units."""

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest

from grader import pictures
from grader.cli import cli
from grader.course.spec import Course
from grader.grading.cases import draw_cases
from grader.grading.compare import as_outputs
from grader.grading.grade import grade_file
from grader.grading.quiz import draw_questions
from reference import digits, layers, vanishing, xor
from reference.network_cases import network_case
from reference.training_failures import (
    copied_hidden_units,
    mean_hidden_slope,
    neuron_run,
    same_parameters,
)
from reference.update_as_you_go import backward_update, passback_gap

from .conftest import graded

COURSE = Course.load()
STEPS = ["ex30", "ex31", "ex32"]
STAGE = "G: why training fails"


def grade(tmp_path, step: str, body: str, seed: int = 4):
    return graded(tmp_path, COURSE.resolve(step), body, seed)


def as_learner(step: str, name: str) -> str:
    """A step's misconceptions.py as a learner's file whose graded function is one slip."""
    exercise = COURSE.resolve(step)
    source = exercise.misconceptions_path.read_text(encoding="utf-8")
    return f"{source}\n\n{exercise.spec.function} = {name}\n"


def load(step: str, filename: str):
    path = COURSE.resolve(step).folder / filename
    spec = importlib.util.spec_from_file_location(f"_{step}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the reference: vanishing gradients and linear layers -------------------------------------

def test_gradient_norms_agree_with_finite_differences():
    rng = np.random.default_rng(0)
    for depth in (3, 5, 7):
        case = vanishing.deep_sigmoid_case(rng, depth)
        args = (case["weights"], case["biases"], ["sigmoid"] * depth, case["X"], case["Y"])
        numerical, _ = layers.numerical_gradients(*args)
        norms = vanishing.gradient_norms(case["weights"], case["biases"], case["X"], case["Y"])
        expected = [np.sqrt(np.sum(g ** 2)) for g in numerical]
        assert np.allclose(norms, expected, rtol=1e-5)
        assert np.allclose(norms, [np.linalg.norm(g, "fro") for g in numerical], rtol=1e-5)


def test_the_ex30_readme_numbers_reproduce():
    rng = np.random.default_rng(2)
    sizes = [4, 4, 4, 4, 4, 4, 1]
    weights = [rng.standard_normal((n_out, n_in))
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]
    X, Y = rng.uniform(-1, 1, (4, 10)), rng.uniform(0.1, 0.9, (1, 10))
    norms = vanishing.gradient_norms(weights, biases, X, Y)
    readme = (COURSE.resolve("ex30").folder / "README.md").read_text(encoding="utf-8")
    assert "| ‖∂C/∂W^l‖ | " + " | ".join(f"{n:.3g}" for n in norms) + " |" in readme
    assert f"{norms[-1] / norms[0]:.0f} times larger" in readme
    chain = vanishing.gradient_norms([np.ones((1, 1))] * 5, [np.zeros((1, 1))] * 5,
                                     np.ones((1, 1)), np.zeros((1, 1)))
    assert ", ".join(f"{n:.4g}" for n in chain) in readme


def test_the_chain_ratio_and_the_slope_bound():
    assert vanishing.slope_bound(3) == 0.25 ** 3
    z = np.linspace(-10, 10, 20001)
    assert vanishing.SIGMOID_SLOPE_MAX == pytest.approx((1 / (1 + np.exp(-z)) ** 2 *
                                                         np.exp(-z)).max())
    weights, zs = [1.5, -0.7, 2.0], [0.3, -1.2, 2.5]
    slope = [np.exp(-v) / (1 + np.exp(-v)) ** 2 for v in zs]
    expected = weights[0] * weights[1] * weights[2] * slope[0] * slope[1] * slope[2]
    assert vanishing.chain_error_ratio(weights, zs) == pytest.approx(expected, rel=1e-12)


def test_layers_without_an_activation_collapse_into_one():
    rng = np.random.default_rng(1)
    sizes = [3, 7, 5, 2]
    weights = [rng.standard_normal((n_out, n_in))
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]
    M, c = vanishing.collapse(weights, biases)
    x = rng.standard_normal((3, 9))
    a = x
    for W, b in zip(weights, biases, strict=True):
        a = W @ a + b
    assert np.allclose(M @ x + c, a)
    assert np.allclose(M, weights[2] @ weights[1] @ weights[0])


# --- the reference: one loop, XOR, the symptoms ------------------------------------------------

def test_the_loop_that_updates_as_it_goes_is_exactly_the_sgd_step():
    rng = np.random.default_rng(3)
    for index in range(40):
        case = network_case(rng, kinkless=False, depth=1 + index % 4,
                            bias=None if index % 3 else bool(index % 2))
        args = (case["weights"], case["biases"], case["activations"], case["X"], case["Y"], 2.5)
        got, want = backward_update(*args), layers.sgd_step(*args)
        assert same_parameters((got[0], got[1] or []), (want[0], want[1] or []), rtol=1e-12)


def test_the_ex31_readme_numbers_reproduce():
    weights = [np.array([[0.5, -0.3], [0.2, 0.8]]), np.array([[1.0, -1.5]])]
    biases = [np.array([[0.1], [-0.1]]), np.array([[0.2]])]
    X, Y = np.array([[1.0, 0.0, 2.0], [0.5, 1.0, -1.0]]), np.array([[0.8, 0.2, 0.6]])
    args = (weights, biases, ["sigmoid"] * 2, X, Y, 3.0)
    slip = load("ex31", "misconceptions.py").error_through_updated_weights
    readme = (COURSE.resolve("ex31").folder / "README.md").read_text(encoding="utf-8")
    text = lambda M: repr(np.round(M, 4).tolist()).replace("-0.0,", "0.0,")  # noqa: E731
    deltas, grad_w, _ = layers.backprop(*args[:5])
    moved = weights[1] - 3.0 * grad_w[1]
    for shown in (deltas[1], grad_w[1], moved, weights[1].T @ deltas[1], moved.T @ deltas[1],
                  backward_update(*args)[0][0], slip(*args)[0][0]):
        assert text(shown) in readme.replace("\n", ""), text(shown)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_ex31_case_shows_the_error_passed_through_new_weights(seed):
    exercise = COURSE.resolve("ex31")
    slip = load("ex31", "misconceptions.py").error_through_updated_weights
    for case in draw_cases(exercise, seed):
        args = [case[name] for name in exercise.spec.arguments]
        right, wrong = backward_update(*args), slip(*args)
        assert np.allclose(right[0][-1], wrong[0][-1], rtol=1e-12)  # the output layer agrees
        assert passback_gap(*args) > 1e-3  # ... the layers below it clearly do not
        below = [*zip(right[0][:-1], wrong[0][:-1], strict=True)]
        if right[1] is not None:
            below += [*zip(right[1][:-1], wrong[1][:-1], strict=True)]
        assert any(not np.allclose(r, w, rtol=1e-6, atol=1e-9) for r, w in below)


@pytest.mark.slow
def test_the_xor_recipe_is_the_solution_and_learns_the_drawn_seeds():
    solution = load("ex32", "solution.py")
    for case in draw_cases(COURSE.resolve("ex32"), 5):
        weights, biases = solution.train_xor(case["X"], case["Y"], case["seed"], case["epochs"])
        reference = xor.train_xor(case["X"], case["Y"], case["seed"], case["epochs"])
        assert same_parameters((weights, biases), reference, rtol=1e-9)
        if case["epochs"] == xor.EPOCHS:  # the short cases check the start and one step
            assert xor.right(xor.outputs(weights, biases, case["X"]), case["Y"], 0.15).all()


def test_the_ex32_readme_numbers_reproduce():
    readme = (COURSE.resolve("ex32").folder / "README.md").read_text(encoding="utf-8")
    show = lambda A: " ".join(f"{a:.3g}" for a in np.ravel(A))  # noqa: E731
    weights, biases = xor.recipe_start(0)
    done = 0
    for epoch in (100, 500, 1000, 2000):
        weights, biases = xor.train(weights, biases, xor.X_XOR, xor.Y_XOR, epoch - done)
        done = epoch
        assert show(np.round(xor.outputs(weights, biases, xor.X_XOR), 3)) in readme
    small = xor.train(*xor.recipe_start(0), xor.X_XOR, xor.Y_XOR, 2000, learning_rate=0.1)
    assert ", ".join(f"{a:.3g}" for a in np.round(xor.outputs(*small, xor.X_XOR), 3).ravel()) \
        in readme
    stuck = np.round(xor.outputs(*xor.train_xor(xor.X_XOR, xor.Y_XOR, 4), xor.X_XOR), 3)
    assert "seed 4 ends at " + ", ".join(f"{a:.3f}" for a in stuck.ravel()) in readme
    assert not xor.learns(4)


def test_the_symptoms_are_measured_right():
    rng = np.random.default_rng(5)
    X = rng.uniform(0, 1, (4, 50))
    copies = [np.tile(rng.standard_normal((1, 4)), (6, 1)), rng.standard_normal((2, 6))]
    biases = [np.zeros((6, 1)), np.zeros((2, 1))]
    assert copied_hidden_units(copies, biases, X) == (6, 1)
    copies[0][:3] += 0.5  # two groups of three: still copies
    assert copied_hidden_units(copies, biases, X) == (6, 2)
    distinct = [rng.standard_normal((6, 4)), rng.standard_normal((2, 6))]
    assert copied_hidden_units(distinct, biases, X) is None
    assert mean_hidden_slope([np.zeros((6, 4)), np.zeros((2, 6))], biases, X) == 0.25
    outputs, costs = neuron_run(1.0, 2.0, 0.5, 0.4, 4)  # error factor 1 − 2·0.4·4 = −2.2
    assert outputs[0] == 2.0 and np.allclose(np.diff(np.log(costs)), np.log(2.2 ** 2))


# --- every step against the grader -------------------------------------------------------------

@pytest.mark.parametrize("step", [pytest.param(s, marks=pytest.mark.slow) if s == "ex32" else s
                                  for s in STEPS])  # ex32 trains a network
def test_the_stub_fails_and_the_solution_passes(tmp_path, step):
    exercise = COURSE.resolve(step)
    stub, _ = grade_file(exercise, exercise.starter_path, seed=3)
    assert not stub.passed and stub.error.kind == "not_implemented"
    for seed in (3, 4):
        verdict, _ = grade_file(exercise, exercise.solution_path, seed=seed)
        assert verdict.passed, verdict.reason


SLIPS = [(step, m.name) for step in ("ex30", "ex31")
         for m in COURSE.resolve(step).spec.misconceptions]


@pytest.mark.parametrize("step,name", SLIPS, ids=[f"{s}-{n}" for s, n in SLIPS])
def test_each_slip_gets_its_own_diagnosis(tmp_path, step, name):
    verdict = grade(tmp_path, step, as_learner(step, name))
    assert not verdict.passed
    assert verdict.diagnosis is not None and verdict.diagnosis.name == name


def test_the_named_slips_cover_the_brief():
    declared = {step: {m.name for m in COURSE.resolve(step).spec.misconceptions}
                for step in ("ex30", "ex31")}
    assert {"output_layer_first", "delta_norm", "summed_over_batch"} <= declared["ex30"]
    assert "error_through_updated_weights" in declared["ex31"]
    fixtures = Path(__file__).parent / "fixtures" / "wrong"
    for step, names in declared.items():  # a realistic learner file for every slip
        assert {p.stem for p in (fixtures / step).glob("*.py")} == names


def test_the_error_through_new_weights_is_located_below_the_output(tmp_path):
    verdict = grade(tmp_path, "ex31", as_learner("ex31", "error_through_updated_weights"))
    assert "the second-to-last layer" in verdict.location
    assert "how the error is passed back" in verdict.location


XOR_SLIPS = {  # the learner's slip (misconceptions.py) -> what the grader names
    **{name: load("ex32", "score.py").SAME_SLIP.get(name, name)
       for name in load("ex32", "score.py").REPLAYED},
    "learning_rate_too_small": "wrong_learning_rate",
}


@pytest.mark.slow
@pytest.mark.parametrize("slip,name", XOR_SLIPS.items())
def test_each_xor_slip_is_named(tmp_path, slip, name):
    verdict = grade(tmp_path, "ex32", as_learner("ex32", slip))
    assert not verdict.passed
    assert verdict.diagnosis is not None and verdict.diagnosis.name == name
    short = draw_cases(COURSE.resolve("ex32"), 4, count=2)  # the start, then the first step
    seeds = [f"seed {case['seed']}" for case in short]
    assert any(seed in verdict.failing_case.problem for seed in seeds)


def test_the_xor_scorer_names_a_local_minimum_and_explains_a_broken_answer():
    score = load("ex32", "score.py").score
    case = {"X": xor.X_XOR, "Y": xor.Y_XOR, "seed": 4, "epochs": xor.EPOCHS}
    trained = xor.train_xor(xor.X_XOR, xor.Y_XOR, 4)  # the recipe's own local minimum
    passed, value, message, _, slip = score(case, as_outputs(trained, 2))
    assert not passed and value == 0.5
    assert slip[0] == "local_minimum" and "(1, 0) → 0.499" in message
    good = dict(case, seed=0)
    passed, value, message, *_ = score(good, as_outputs(xor.train_xor(xor.X_XOR, xor.Y_XOR, 0),
                                                         2))
    assert passed and value == 1.0 and message.startswith("XOR right on seed 0")
    weights, biases = trained
    for broken, expected in [
        (([weights[0] * np.nan, weights[1]], biases), "NaN or inf"),
        (([weights[0].T[:, :1], weights[1]], biases), "weights[0] has shape (2, 1)"),
        ((weights, biases[:1]), "biases is not a list of two arrays"),
    ]:
        passed, value, message, *_ = score(case, as_outputs(broken, 2))
        assert not passed and value == 0.0 and expected in message


@pytest.mark.slow
def test_xor_learns_on_several_seeds_with_the_solution():
    exercise = COURSE.resolve("ex32")
    seeds = set()
    for seed in (11, 12, 13):
        verdict, _ = grade_file(exercise, exercise.solution_path, seed=seed)
        assert verdict.passed and verdict.cases_passed == 7
        assert verdict.notes[0].startswith("With epochs = 0 from seed")
        assert verdict.notes[1].startswith("With 1 epoch from seed")
        assert all(note.startswith("XOR right on seed") for note in verdict.notes[2:])
        seeds |= {case["seed"] for case in draw_cases(exercise, seed)[2:]}
    assert len(seeds) == 15  # fifteen different starts, each learned


# --- the capstone names what stops training ----------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("slip", ["zero_start", "weights_never_moved", "saturated_hidden_units"])
def test_the_capstone_names_what_stopped_the_training(tmp_path, slip):
    verdict = grade(tmp_path, "ex23", as_learner("ex23", slip), seed=2)
    assert not verdict.passed
    problem = verdict.failing_case.problem
    assert verdict.diagnosis is not None and verdict.diagnosis.name == slip
    assert problem.endswith("Some test images it read wrong:")
    picture = verdict.failing_case.picture  # the digits, under the saturation view if saturated
    kinds = [p["kind"] for p in picture.get("pictures", [picture])]
    assert kinds == (["saturation", "digits"] if slip == "saturated_hidden_units" else ["digits"])


@pytest.mark.slow
def test_the_capstone_names_a_zero_start(tmp_path):
    body = COURSE.resolve("ex23").solution_path.read_text(encoding="utf-8").replace(
        "weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)",
        "weights = [np.zeros((n_out, n_in))").replace(
        "biases = [rng.standard_normal((n_out, 1))", "biases = [np.zeros((n_out, 1))")
    assert body.count("np.zeros((n_out,") == 2  # every weight and every bias 0
    verdict = grade(tmp_path, "ex23", body, seed=6)
    assert verdict.diagnosis.name == "zero_start"
    assert verdict.diagnosis.message.startswith("your hidden units are copies of each other")


@pytest.fixture(scope="module")
def capstone():
    X_train, Y_train = digits.train_data()
    return load("ex23", "score.py").score, {"X_train": X_train, "Y_train": Y_train, "seed": 5}


def test_the_capstone_checks_stay_quiet_on_a_network_that_learned(capstone):
    score, case = capstone
    weights, biases = digits.train_digits(case["X_train"], case["Y_train"], 5, epochs=3)
    assert mean_hidden_slope(weights, biases, case["X_train"]) > 0.05
    assert copied_hidden_units(weights, biases, case["X_train"]) is None
    short = digits.train_digits(case["X_train"], case["Y_train"], 5, epochs=1)
    passed, _, message, *rest = score(case, as_outputs(short, 2))
    assert not passed and rest[1][0] == "not_trained_enough"  # no slip of the network itself
    assert "learns (" in rest[1][1]


def test_the_capstone_names_the_start_drawn_layer_by_layer(capstone):
    score, case = capstone
    rng = np.random.default_rng(case["seed"])
    weights, biases = [], []
    for n_in, n_out in ((64, 30), (30, 10)):
        weights.append(rng.standard_normal((n_out, n_in)) / np.sqrt(n_in))
        biases.append(rng.standard_normal((n_out, 1)))
    passed, _, _, _, (name, message) = score(case, as_outputs((weights, biases), 2))
    assert not passed and name == "weights_never_moved"
    assert f"the README's start for seed {case['seed']}" in message


def test_the_capstone_names_saturation_with_its_own_numbers(capstone):
    score, case = capstone
    start = digits.initial_network(case["seed"])
    weights = [W * 60 for W in start.weights]
    slope = mean_hidden_slope(weights, start.biases, case["X_train"])
    passed, _, _, picture, (name, message) = score(case, as_outputs((weights, start.biases), 2))
    assert not passed and name == "saturated_hidden_units"
    assert f"their mean σ′(z) is {slope:.2g}" in message
    drawn = pictures.text(picture)  # σ and σ′ with the z on them, beside the digits read wrong
    assert "σ′(z)" in drawn and "beyond ±4" in drawn and "read " in drawn


# --- the quizzes -------------------------------------------------------------------------------

def test_the_slope_bound_question_is_a_quarter_to_the_layers_below_the_output():
    for seed in range(10):
        question = draw_questions(COURSE.resolve("q19"), seed)[0]
        layers_count = int(question.prompt.split("L = ")[1].split(" ")[0])
        assert question.answer == pytest.approx(0.25 ** (layers_count - 1))
        assert question.grade(f"0.25^{layers_count - 1}").correct
        assert question.grade(f"0.25^{layers_count}").misconception == "counted_the_output_slope"


def test_the_collapsed_matrix_is_the_product_in_the_order_of_the_layers():
    for seed in range(10):
        question = draw_questions(COURSE.resolve("q19"), seed)[2]
        W1, W2 = (np.array(json.loads(re.search(rf"W\^{k} = (\[\[.*?\]\])", question.prompt)
                                      [1].replace("−", "-"))) for k in (1, 2))
        row, column = (int(n) for n in re.search(r"in row (\d), column (\d)\?$",
                                                  question.prompt).groups())
        assert question.answer == (W2 @ W1)[row - 1, column - 1]


@pytest.mark.slow
def test_the_triage_quiz_draws_every_scene_and_blames_backprop_only_as_a_trap():
    quiz = COURSE.resolve("q20")
    stuck, nan, scenes = set(), set(), set()
    for seed in range(30):
        questions = draw_questions(quiz, seed)
        stuck.add(next(o.text for o in questions[1].options if o.correct))
        nan.add(next(o.text for o in questions[2].options if o.correct))
        scenes.add(next(o.text for o in questions[3].options if o.correct))
        blamed = [o for o in questions[3].options if o.misconception == "blamed_backprop"]
        assert len(blamed) == 1 and not blamed[0].correct
    assert len(stuck) == 3 and len(nan) == 2 and len(scenes) == 3


# --- the ladder --------------------------------------------------------------------------------

def test_stage_g_continues_after_the_first_half_and_before_beyond(runner, home):
    document = json.loads(runner.invoke(cli, ["list", "--json"]).stdout)
    ids = [s["id"] for s in document["steps"]]
    mine = ["ex30", "q19", "ex31", "ex32", "q20"]
    assert [i for i in ids if i in mine] == mine
    assert all(s["stage"] == STAGE for s in document["steps"] if s["id"] in mine)
    assert ids.index("ex23") < ids.index("ex30") and ids.index("q20") < ids.index("ex33")
    assert all(290 <= COURSE.resolve(i).spec.order <= 335 for i in mine)
    text = runner.invoke(cli, ["list"]).output
    assert text.count("Stage G: why training fails") == 1
    assert text.index("Capstone") < text.index("Stage G") < text.index("ex30") < \
        text.index("Beyond")
