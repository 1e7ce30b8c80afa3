# Builds the topological order without micrograd's `visited` set, so a node used twice (x, u) is listed twice and its _backward runs twice, adding its share again.
"""Step ex34: a tiny autograd, so that the chain rule runs by itself.

Complete the Value class: the four backward rules and backward(). The expression and
expression_gradients at the bottom are given; leave them as they are.
Then run `learn check ex34`.
"""

import math


class Value:
    """One number of a computation, and the gradient ∂f/∂(this number) once f.backward() ran.

    data:      the number
    grad:      ∂f/∂data, 0.0 until backward() fills it in
    _children: the Values this one was computed from, in order
    _backward: passes this node's grad on to its children (each operation sets its own)
    """

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._children = tuple(_children)
        self._op = _op
        self._backward = lambda: None  # an input (x, y, a constant) passes nothing on

    def __repr__(self):
        return f"Value(data={self.data:.4f}, grad={self.grad:.4f}, op={self._op!r})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, n):
        if not isinstance(n, (int, float)):
            raise TypeError("only a number power: value ** 2")
        out = Value(self.data**n, (self,), f"**{n}")

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        out = Value(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")

        def _backward():
            self.grad += out.data * (1 - out.data) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        """Fill in node.grad = ∂self/∂node for every node this Value was computed from."""
        order = []

        def visit(node):
            for child in node._children:
                visit(child)
            order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()


# --- given: the expression and the graded function ----------------------------------------


def expression(x, y):
    """f = (u·σ(u))² + x with u = x·y + x: x is used three times, u twice."""
    u = x * y + x
    return (u * u.sigmoid()) ** 2 + x


def expression_gradients(x, y):
    """Return (f, ∂f/∂x, ∂f/∂y), three floats, computed by your Value class."""
    x, y = Value(x), Value(y)
    f = expression(x, y)
    f.backward()
    return f.data, x.grad, y.grad
