"""Wrong autograds for ex34: each is a micrograd-style Value with one slip, run on the same
expression as the starter's, f = (u·σ(u))² + x with u = x·y + x."""

import math

EVERY_RULE = ("+", "*", "**", "sigmoid")


def _autograd(*, assign_in=(), order="reversed", seed=True, runs=1, sigmoid_slope_at="out",
              multiply_by="other", power_drop=1):
    def give(node, amount, op):
        if op in assign_in:
            node.grad = amount
        else:
            node.grad += amount

    class Value:
        def __init__(self, data, children=()):
            self.data = float(data)
            self.grad = 0.0
            self.children = tuple(children)
            self.rule = lambda: None

        def __add__(self, other):
            out = Value(self.data + other.data, (self, other))

            def rule():
                give(self, out.grad, "+")
                give(other, out.grad, "+")

            out.rule = rule
            return out

        def __mul__(self, other):
            out = Value(self.data * other.data, (self, other))

            def rule():
                if multiply_by == "other":
                    give(self, other.data * out.grad, "*")
                    give(other, self.data * out.grad, "*")
                else:
                    give(self, self.data * out.grad, "*")
                    give(other, other.data * out.grad, "*")

            out.rule = rule
            return out

        def __pow__(self, n):
            out = Value(self.data**n, (self,))

            def rule():
                give(self, n * self.data ** (n - power_drop) * out.grad, "**")

            out.rule = rule
            return out

        def sigmoid(self):
            out = Value(1 / (1 + math.exp(-self.data)), (self,))

            def rule():
                at = out.data if sigmoid_slope_at == "out" else self.data
                give(self, at * (1 - at) * out.grad, "sigmoid")

            out.rule = rule
            return out

        def backward(self):
            if order == "recursive":  # each rule, then the children's, along every path
                def run(node):
                    node.rule()
                    for child in node.children:
                        run(child)

                self.grad = 1.0
                run(self)
                return
            topo, seen = [], set()

            def visit(node):
                if node not in seen or order == "no_visited_set":
                    seen.add(node)
                    for child in node.children:
                        visit(child)
                    topo.append(node)

            visit(self)
            if seed:
                self.grad = 1.0
            for node in (topo if order == "topological" else reversed(topo)):
                node.rule()

    def expression_gradients(x, y):
        x, y = Value(x), Value(y)
        u = x * y + x
        f = (u * u.sigmoid()) ** 2 + x
        for _ in range(runs):
            f.backward()
        return f.data, x.grad, y.grad

    return expression_gradients


assign_instead_of_accumulate = _autograd(assign_in=EVERY_RULE)
assign_in_multiply_rule = _autograd(assign_in=("*",))
assign_in_add_rule = _autograd(assign_in=("+",))
children_before_parents = _autograd(order="topological")
no_visited_set = _autograd(order="no_visited_set")
output_grad_not_seeded = _autograd(seed=False)
backward_twice = _autograd(runs=2)
sigmoid_slope_at_input = _autograd(sigmoid_slope_at="input")
multiplied_by_own_value = _autograd(multiply_by="own")
recursive_without_order = _autograd(order="recursive")
power_rule_kept_exponent = _autograd(power_drop=0)
