"""A small, safe parser for the formulas learners type into quizzes ("4.5w - 1.5").

No `eval`: text becomes tokens, tokens become a tree, the tree is evaluated with floats.
Accepted: numbers (1.5, .5, 2e-3, ½), the variables a question names, + − × · * / ÷, ^ and **,
parentheses, implicit multiplication (4.5w, 2(a − y), (a)(b), 3 w), and the functions exp, log,
sqrt, sigma (σ) and its slope σ′. The course's own notation reads too, since learners copy it:
A − Y for a − y (the matrices' capitals), ⊙ as a product (every quiz value is a number),
Wᵀ and W^T as W, a^L as a (Nielsen's output layer), ² and ⁻¹ as powers, w₁ as w1, and a
leading "δ =" is dropped. Anything else is an ExpressionError saying what was not understood.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_LENGTH = 200
MAX_DEPTH = 40
MAX_MAGNITUDE = 1e100
MAX_TOWER = 2  # x^y^z is fine; one more stacked power is refused before any arithmetic

FUNCTIONS: dict[str, Callable[[float], float]] = {
    "exp": math.exp,
    "log": math.log,
    "ln": math.log,
    "sqrt": math.sqrt,
    "sigma": lambda z: 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z)),
}
FUNCTIONS["sigma_prime"] = lambda z: FUNCTIONS["sigma"](z) * (1.0 - FUNCTIONS["sigma"](z))
FUNCTION_ALIASES = {"σ": "sigma", "sigmoid": "sigma"}
SYMBOLS = {"−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "∙": "*", "⊙": "*", "÷": "/",
           "**": "^", "½": "(1/2)", "ᵀ": "", "ᴸ": ""}
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
PRIME = re.compile(r"(?:σ|sigmoid|sigma)\s*+[′']")  # σ′(z), sigma'(z): the sigmoid's slope
# A transpose or Nielsen's output-layer mark changes nothing in a quiz of numbers: W^T, a^L.
MARKS = re.compile(r"\^\s*+([T⊤L])(?!\w)|⊤")
# Possessive and atomic: a token is read in one pass, never re-tried from a shorter prefix.
TOKEN = re.compile(r"\s*+(?:(\d++(?>\.\d*+)?+(?>[eE][+-]?\d++)?+|\.\d++(?>[eE][+-]?\d++)?+)"
                   r"|([A-Za-zσ_]\w*+)|(\*\*|[-+*/^()]))")


class ExpressionError(ValueError):
    """The text is not a formula we can read; the message says what and where."""


@dataclass(frozen=True)
class Node:
    op: str  # "num", "var", "neg", "+", "-", "*", "/", "^", "call"
    value: float | str | None = None
    args: tuple[Node, ...] = ()


def _normalise(text: str, variables: set[str]) -> str:
    if text.count("=") == 1:  # "δ = a − y", "dC/dw = 4.5w − 1.5": the formula is the right side
        text = text.partition("=")[2]
    text = PRIME.sub("sigma_prime", text)
    text = MARKS.sub(lambda m: m[0] if m[1] in variables else "", text)
    for symbol, plain in SYMBOLS.items():
        text = text.replace(symbol, plain)
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]++", lambda m: f"^({m[0].translate(SUPERSCRIPTS)})", text)
    return text.translate(SUBSCRIPTS)


def tokenize(text: str, variables: set[str]) -> list[tuple[str, str]]:
    text = _normalise(text, variables)
    tokens: list[tuple[str, str]] = []
    position = 0
    end = len(text.rstrip())  # once: a slice per token made a long answer quadratic
    while position < end:
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            bad = text[position:].strip()[:1]
            raise ExpressionError(f"cannot read '{bad}' (at character {position + 1})")
        number, name, symbol = match.groups()
        if number is not None:
            tokens.append(("num", number))
        elif name is not None:
            tokens += _split_name(name, variables)
        else:
            tokens.append(("op", "^" if symbol == "**" else symbol))
        position = match.end()
    return tokens


def _split_name(name: str, variables: set[str]) -> list[tuple[str, str]]:
    """`w`, `exp`, and glued products of known names such as `wx` (w·x) or `aσ` (a·σ)."""
    typed = name
    if all(v == v.lower() for v in variables):  # A − Y is the batch form of a − y (not Σ → σ)
        name = "".join(c.lower() if c.isascii() else c for c in name)
    name = FUNCTION_ALIASES.get(name, name)
    if name in variables:
        return [("var", name)]
    if name in FUNCTIONS:
        return [("func", name)]
    # Greedy split into known names: "wx" -> w, x. Longest names first.
    names = {**{v: "var" for v in variables}, **{f: "func" for f in FUNCTIONS},
             **{alias: "func" for alias in FUNCTION_ALIASES}}
    parts: list[tuple[str, str]] = []
    rest = name
    while rest:
        found = next((n for n in sorted(names, key=len, reverse=True) if rest.startswith(n)),
                     None)
        if found is None:
            known = ", ".join(sorted(variables)) or "none"
            raise ExpressionError(f"unknown name '{typed}' (the variables here: {known}; "
                                  "functions: exp, log, sqrt, σ, σ′)")
        parts.append((names[found], FUNCTION_ALIASES.get(found, found)))
        rest = rest[len(found):]
    return parts


class _Parser:
    """Precedence climbing: + − below × ÷ (and juxtaposition) below unary minus below ^."""

    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ExpressionError("the formula ends too early")
        self.position += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            raise ExpressionError("the answer is empty")
        node = self.sum()
        if self.peek() is not None:
            raise ExpressionError(f"unexpected '{self.peek()[1]}'")
        return node

    def _deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("the formula is nested too deeply")

    def sum(self) -> Node:
        node = self.product()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            node = Node(op, args=(node, self.product()))
        return node

    def product(self) -> Node:
        node = self.unary()
        while True:
            token = self.peek()
            if token in (("op", "*"), ("op", "/")):
                op = self.take()[1]
                node = Node(op, args=(node, self.unary()))
            elif token is not None and (token[0] in ("num", "var", "func") or token == ("op", "(")):
                node = Node("*", args=(node, self.power()))  # implicit: 4.5w, 2(a - y)
            else:
                return node

    def unary(self) -> Node:
        if self.peek() == ("op", "-"):
            self.take()
            self._deeper()
            return Node("neg", args=(self.unary(),))
        if self.peek() == ("op", "+"):
            self.take()
            return self.unary()
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.peek() == ("op", "^"):
            self.take()
            self._deeper()
            exponent = self.unary()  # right-associative, -x^2 = -(x^2)
            if _tower(exponent) >= MAX_TOWER:
                raise ExpressionError("too many powers in a row (like w^w^w^w): the number "
                                      "would be too big to compute")
            return Node("^", args=(base, exponent))
        return base

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            return Node("num", float(text))
        if kind == "var":
            return Node("var", text)
        if kind == "func":
            if self.peek() != ("op", "("):
                raise ExpressionError(f"{text} needs parentheses: {text}(...)")
            return Node("call", text, (self.atom(),))
        if text == "(":
            self._deeper()
            inner = self.sum()
            if self.peek() != ("op", ")"):
                raise ExpressionError("a parenthesis is not closed")
            self.take()
            return inner
        raise ExpressionError(f"unexpected '{text}'")


def _tower(node: Node) -> int:
    """How many powers are stacked in this exponent: w^w^w has a tower of 2."""
    while node.op == "neg":
        node = node.args[0]
    return 1 + _tower(node.args[1]) if node.op == "^" else 0


def parse(text: str, variables: list[str] | set[str]) -> Node:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the answer is longer than {MAX_LENGTH} characters")
    return _Parser(tokenize(text, set(variables))).parse()


def evaluate(node: Node, values: dict[str, float]) -> float:
    """The formula's value; ExpressionError when it is not a finite number of sane size."""
    try:
        result = _evaluate(node, values)
    except (OverflowError, ZeroDivisionError, ValueError) as exc:
        raise ExpressionError(f"cannot compute it ({exc})") from None
    if not math.isfinite(result) or abs(result) > MAX_MAGNITUDE:
        raise ExpressionError("the number is too big to compute")
    return result


def _evaluate(node: Node, values: dict[str, float]) -> float:
    op = node.op
    if op == "num":
        return float(node.value)
    if op == "var":
        return float(values[node.value])
    if op == "neg":
        return -_evaluate(node.args[0], values)
    if op == "call":
        return FUNCTIONS[node.value](_evaluate(node.args[0], values))
    left = _evaluate(node.args[0], values)
    right = _evaluate(node.args[1], values)
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op == "/":
        return left / right
    # "^": refuse before computing something astronomically large
    if left != 0 and abs(right) * math.log10(abs(left) + 1e-300) > 100:
        raise OverflowError("the power is too large")
    result = left ** right
    if isinstance(result, complex):
        raise ValueError("a negative number to a fractional power")
    return result


def compile_expression(text: str, variables: list[str]) -> Callable[..., float]:
    """Parse once; the result evaluates at keyword values: f(w=0.8)."""
    tree = parse(text, variables)
    return lambda **values: evaluate(tree, values)
