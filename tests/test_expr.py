"""The safe formula parser: what learners type is read without eval, and junk is refused."""

import pytest

from grader.grading.expr import ExpressionError, compile_expression


@pytest.mark.parametrize("text", [
    "4.5w - 1.5", "4.5*w-1.5", "-1.5 + 4.5 w", "4.5w − 1.5", "3(1.5w - 0.5)", "4.5·w − 1.5",
    "(4.5)(w) - 3/2", "9w/2 - 1.5",
])
def test_equivalent_forms_of_the_classic_gradient(text):
    f = compile_expression(text, ["w"])
    for w in (-2.0, 0.0, 0.8, 1 / 3, 3.0):
        assert f(w=w) == pytest.approx(4.5 * w - 1.5)


@pytest.mark.parametrize("text,value", [
    ("2(a - y)", 1.4), ("2a - y", 1.9), ("a(1 - a)", 1.2 * -0.2), ("a^2", 1.44),
    ("a**2", 1.44), ("-a^2", -1.44), ("2^3^2", 512.0), ("ay", 0.6), ("exp(0)", 1.0),
    ("sigma(0)", 0.5), ("σ(0)", 0.5), ("log(exp(2))", 2.0), ("6 ÷ 3 × 2", 4.0), ("2e-3", 0.002),
])
def test_values(text, value):
    assert compile_expression(text, ["a", "y"])(a=1.2, y=0.5) == pytest.approx(value)


@pytest.mark.parametrize("text,message", [
    ("import os", "unknown name 'import'"),
    ("__class__", "unknown name '__class__'"),
    ("w**w**w**w**99", "too big"),
    ("", "empty"),
    ("   ", "empty"),
    ("2 +", "ends too early"),
    ("(w", "not closed"),
    ("w)", r"unexpected '\)'"),
    ("exp w", "needs parentheses"),
    ("w; 1", "cannot read ';'"),
    ("().__class__", "cannot read '.'"),
    ("1/0 + w", "cannot compute"),
    ("2^10000 + w", "too large"),
    ("x" * 300, "longer than"),
    ("(" * 60 + "w" + ")" * 60, "nested too deeply"),
])
def test_junk_is_refused_with_a_clear_message(text, message):
    with pytest.raises(ExpressionError, match=message):
        compile_expression(text, ["w"])(w=1.5)


@pytest.mark.parametrize("text,value", [
    ("A − Y", 0.7), ("(A − Y) ⊙ σ′(0)", 0.175), ("δ = a − y", 0.7), ("a^L − y", 0.7),
    ("aᴸ − y", 0.7), ("(a − y)²", 0.49), ("a⁻¹", 1 / 1.2), ("σ′(0)", 0.25), ("σ'(0)", 0.25),
    ("sigma'(0)", 0.25), ("aσ(0)", 0.6), ("½a²", 0.72), ("w₁ · 2", 6.0), ("W₁ᵀ", 3.0),
    ("W1^T y", 1.5), ("a ⊙ y", 0.6), ("a × y", 0.6), ("a ∙ y", 0.6), ("A(1 − A)", 1.2 * -0.2),
])
def test_the_course_notation_reads(text, value):
    assert compile_expression(text, ["a", "y", "w1"])(a=1.2, y=0.5, w1=3.0) == \
        pytest.approx(value)


@pytest.mark.parametrize("text,message", [
    ("Σ(a)", "cannot read 'Σ'"),  # a sum sign is not σ
    ("a = y = 1", "cannot read '='"),
    ("a′", "cannot read '′'"),
])
def test_notation_that_means_something_else_is_refused(text, message):
    with pytest.raises(ExpressionError, match=message):
        compile_expression(text, ["a", "y"])(a=1.0, y=0.0)


def test_every_expression_question_takes_its_answer_in_the_course_notation():
    from grader.course.spec import Course
    from grader.grading.quiz import Expression, draw_questions

    course = Course.load()
    asked = 0
    for quiz in (e for e in course if e.is_quiz):
        for question in draw_questions(quiz, 7):
            if isinstance(question, Expression):
                asked += 1
                written = question.right_answer()
                assert question.grade(written).correct, (quiz.id, written)
                assert question.grade(written.upper()).correct, (quiz.id, written.upper())
    assert asked >= 4
    q05 = [q for q in draw_questions(course.resolve("q05"), 7) if isinstance(q, Expression)]
    assert q05[0].grade("σ′(a)").misconception == "prime_of_a"  # σ′ at a, not at z
    [q21] = [q for q in draw_questions(course.resolve("q21"), 7) if isinstance(q, Expression)]
    assert q21.grade("δ = A − Y").correct
    assert q21.grade("(A − Y) ⊙ σ′(Z)").valid is False  # z is not one of its variables
    assert q21.grade("(A − Y) ⊙ A(1 − A)").misconception == "quadratic_delta"
