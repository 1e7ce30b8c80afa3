"""A computation graph with numbers (learn explain ex13, ex34): nodes in columns, left to right
the way values flow; above each arrow the value it carries, below it the gradient it carries
back; where a node is used more than once, its gradients added up.

The layout is in character cells (x, line), shared by the text and the SVG: place the columns,
route each edge, find where lines join, then put each number beside its line."""

from __future__ import annotations

import html
import textwrap

from grader.pictures.numbers import factor, show
from grader.pictures.terminal import WIDTH

E, W, N, S = 1, 2, 4, 8  # which neighbours a cell of a drawn line joins
LINE_CHARS = {E: "─", W: "─", E | W: "─", N: "│", S: "│", N | S: "│", E | S: "┌", W | S: "┐",
              E | N: "└", W | N: "┘", E | W | S: "┬", E | W | N: "┴", N | S | E: "├",
              N | S | W: "┤", E | W | N | S: "┼"}
KEY = "above each arrow: the value it carries; below: the gradient it carries back"

Cell = tuple[int, int]  # (x, line)
Run = tuple[int, int, int]  # a straight stretch of a line: (line, first x, last x)


def graph(nodes: list[tuple[str, int, int, float, float]], edges: list[tuple], *,
          title: str = "", legend: list[str] | tuple = (), wrt: str = "C") -> dict:
    """A computation graph in columns (left to right, the way values flow) and rows.

    `nodes`: (name, column, row, value, grad), grad being ∂{wrt}/∂node. `edges`: (source,
    target, share) or (source, target, share, via): `share` is what this use adds to the
    source's gradient (the local derivative times the target's gradient), so a node's grad is
    the sum of its edges' shares. An edge runs along its source's row and turns just before
    its target; with `via` it first climbs or drops to that row (a free track) right after the
    source. Drawn: the value above each arrow and the share below it; a node used more than
    once gets a line that adds its shares up. `legend`: lines written under the graph."""
    columns = {name: column for name, column, *_ in nodes}
    for source, target, *_ in edges:
        if columns[target] <= columns[source]:
            raise ValueError(f"the edge {source} → {target} must run to a later column")
    return {"kind": "graph", "title": title, "legend": list(legend), "wrt": wrt,
            "nodes": [{"name": n, "column": int(c), "row": int(r), "value": float(v),
                       "grad": float(g)} for n, c, r, v, g in nodes],
            "edges": [{"from": e[0], "to": e[1], "share": float(e[2]),
                       "via": int(e[3]) if len(e) > 3 and e[3] is not None else None}
                      for e in edges]}


# -- layout: columns, routes, joins, numbers ----------------------------------------------------

def _line(row: int) -> int:
    """A row is three lines: the values above, the lines, the gradients below."""
    return 3 * row + 1


def _columns(nodes: dict[str, dict]) -> tuple[list[int], list[int]]:
    """(where each column starts, how wide it is): as wide as its longest name, with gaps that
    keep the graph within 80 columns."""
    count = max(n["column"] for n in nodes.values()) + 1
    widths = [max([len(n["name"]) for n in nodes.values() if n["column"] == c], default=1) + 2
              for c in range(count)]
    gap = max(7, min(12, (WIDTH - 2 - sum(widths)) // max(count - 1, 1)))  # ≤ 80 wide
    return [2 + sum(widths[:c]) + c * gap for c in range(count)], widths


def _walk(corners: list[Cell]) -> list[Cell]:
    """Every cell from corner to corner, in order: (x, line)."""
    cells = [corners[0]]
    for x, y in corners[1:]:
        cx, cy = cells[-1]
        while (cx, cy) != (x, y):  # corners share a line or a column
            if cx != x:
                cx += 1 if x > cx else -1
            else:
                cy += 1 if y > cy else -1
            cells.append((cx, cy))
    return cells


def _route(edge: dict, nodes: dict[str, dict], left: list[int], widths: list[int]) -> list[Cell]:
    """The cells of one edge: out of its source along the source's line (or, with a `via`,
    over to that track just after the source), turning onto the target's line just before it."""
    a, b = nodes[edge["from"]], nodes[edge["to"]]
    source, target = _line(a["row"]), _line(b["row"])
    track = source if edge["via"] is None else _line(edge["via"])
    corners = [(left[a["column"]] + len(a["name"]) + 2, source)]
    if track != source:  # to the track just after the source
        lane = left[a["column"]] + widths[a["column"]] + 1
        corners += [(lane, source), (lane, track)]
    if track != target:  # off the track just before the target
        corners += [(left[b["column"]] - 3, track), (left[b["column"]] - 3, target)]
    corners.append((left[b["column"]] - 1, target))
    return _walk(corners)


def _joins(routes: list[list[Cell]]) -> dict[Cell, int]:
    """For each cell a line passes: which neighbours it joins (E, W, N, S), so the text can pick
    the character (─, ┐, ┴, ...) that joins them."""
    joins: dict[Cell, int] = {}
    for route in routes:
        for (x1, y1), (x2, y2) in zip(route, route[1:], strict=False):
            step = (E, W) if x2 > x1 else (W, E) if x2 < x1 else (S, N) if y2 > y1 else (N, S)
            joins[x1, y1] = joins.get((x1, y1), 0) | step[0]
            joins[x2, y2] = joins.get((x2, y2), 0) | step[1]
    return joins


class _Numbers:
    """The numbers written beside the lines. None covers a line or a node, sits just above or
    below a node (unless it is that node's own), or touches another number."""

    def __init__(self, nodes: dict[str, dict], left: list[int], routes: list[list[Cell]],
                 joins: dict[Cell, int], arrows: set[Cell]):
        self.joins, self.arrows = joins, arrows
        self.owners: dict[Cell, set[int]] = {}  # a cell -> the edges drawn through it
        for index, route in enumerate(routes):
            for cell in route:
                self.owners.setdefault(cell, set()).add(index)
        self.drawn = set(joins)
        self.near: set[Cell] = set()
        for n in nodes.values():
            x, y = left[n["column"]] + 1, _line(n["row"])
            self.drawn |= {(x + k, y) for k in range(len(n["name"]))}
            self.near |= {(x + k, y + d) for k in range(-1, len(n["name"]) + 1) for d in (-1, 1)}
        self.written: set[Cell] = set()
        self.labels: list[tuple[int, int, str, str]] = []  # (x, line, number, role)

    def runs(self, wanted: set[int]) -> list[Run]:
        """Straight stretches drawn for exactly the edges `wanted`, the longest first."""
        cells = sorted((y, x) for (x, y), who in self.owners.items() if who == wanted
                       and self.joins[x, y] in (E, W, E | W) and (x, y) not in self.arrows)
        found: list[Run] = []
        for y, x in cells:
            if found and found[-1][0] == y and found[-1][2] == x - 1:
                found[-1] = (y, found[-1][1], x)
            else:
                found.append((y, x, x))
        return sorted(found, key=lambda r: r[1] - r[2])

    def place(self, number: float, run: Run, offset: int, role: str, own: bool = False) -> None:
        """`number` over (offset −1) or under (+1) the stretch `run`, touching it, to 3
        significant digits or where that does not fit 2; else it is left out."""
        y, first, last = run
        y += offset
        short = show(number, 2)  # a fallback that still has 2 digits: 0.061, not 3 for 2.98
        texts = [show(number, 3)] + ([short] if len(short.lstrip("−0.")) > 1 else [])
        for shown in dict.fromkeys(texts):
            middle = (first + last + 1) // 2 - len(shown) // 2
            for shift in sorted(range(-len(shown) - 3, len(shown) + 4), key=abs):
                x = max(0, middle + shift)
                if self._free(x, y, len(shown), first, last, own):
                    self.written.update((x + k, y) for k in range(len(shown)))
                    self.labels.append((x, y, shown, role))
                    return

    def _free(self, x: int, y: int, length: int, first: int, last: int, own: bool) -> bool:
        """Whether `length` characters from (x, y) touch the stretch first..last and nothing
        they must not."""
        cells = [(x + k, y) for k in range(length)]
        return (x <= last and x + length > first and not self.drawn.intersection(cells)
                and (own or not self.near.intersection(cells))
                and not self.written.intersection((x + k, y) for k in range(-1, length + 1)))


def _label_nodes(picture: dict, nodes: dict[str, dict], left: list[int],
                 numbers: _Numbers) -> None:
    """Each node's value and gradient: on each arrow it sends alone, the value and that use's
    share; on the trunk its uses share where some arrow has no stretch of its own; on the node
    itself when it sends none (the output)."""
    for name, n in nodes.items():
        outs = [i for i, e in enumerate(picture["edges"]) if e["from"] == name]
        if not outs:
            own = (_line(n["row"]), left[n["column"]] + 1, left[n["column"]] + len(name))
            numbers.place(n["value"], own, -1, "value", own=True)
            numbers.place(n["grad"], own, 1, "grad", own=True)
            continue
        lonely = []
        for index in outs:
            own = numbers.runs({index})
            if own:
                numbers.place(n["value"], own[0], -1, "value")
                numbers.place(picture["edges"][index]["share"], own[0], 1, "grad")
            else:
                lonely.append(index)
        trunk = numbers.runs(set(outs)) if lonely else []
        if trunk:
            numbers.place(n["value"], trunk[0], -1, "value")
            numbers.place(n["grad"], trunk[0], 1, "grad")


def _splits(picture: dict, routes: list[list[Cell]]) -> list[Cell]:
    """Where the routes of a value used twice part: its gradients add up there."""
    splits = set()
    for name in (n["name"] for n in picture["nodes"]):
        mine = [routes[i] for i, e in enumerate(picture["edges"]) if e["from"] == name]
        for one in mine:
            for other in mine:
                same = 0
                while same < min(len(one), len(other)) and one[same] == other[same]:
                    same += 1
                if 0 < same < min(len(one), len(other)):
                    splits.add(one[same - 1])
    return sorted(splits)


def _layout(picture: dict) -> dict:
    """Where everything goes, in character cells (x, line): the text and the SVG share it."""
    nodes = {n["name"]: n for n in picture["nodes"]}
    left, widths = _columns(nodes)
    routes = [_route(edge, nodes, left, widths) for edge in picture["edges"]]
    joins = _joins(routes)
    arrows = {route[-1] for route in routes}
    numbers = _Numbers(nodes, left, routes, joins, arrows)
    _label_nodes(picture, nodes, left, numbers)
    lines = 3 * (max([n["row"] for n in nodes.values()]
                     + [e["via"] for e in picture["edges"] if e["via"] is not None]) + 1)
    width = max([x for x, _ in numbers.drawn]
                + [x + len(shown) for x, _, shown, _ in numbers.labels]) + 1
    return {"nodes": [(left[n["column"]] + 1, _line(n["row"]), name)
                      for name, n in nodes.items()],
            "joins": joins, "arrows": arrows, "routes": routes, "labels": numbers.labels,
            "splits": _splits(picture, routes), "lines": lines, "width": width}


# -- drawing -------------------------------------------------------------------------------------

def _sums(picture: dict) -> list[str]:
    """One line per node used more than once: its gradient is the sum of its uses' shares."""
    lines = []
    for n in picture["nodes"]:
        uses = [e for e in picture["edges"] if e["from"] == n["name"]]
        if len(uses) > 1:
            terms = " + ".join(f"{factor(e['share'], 4)} via {e['to']}" for e in uses)
            lines.append(f"{n['name']} ({len(uses)} uses): ∂{picture['wrt']}/∂{n['name']} = "
                         f"{terms} = {show(n['grad'], 4)}")
    return ["where a value is used more than once, the gradients of its uses add up:",
            *lines] if lines else []


def text(picture: dict) -> str:
    """The graph in box-drawing characters, then the legend, the key and the sums."""
    layout = _layout(picture)
    canvas = [[" "] * layout["width"] for _ in range(layout["lines"])]
    for (x, y), bits in layout["joins"].items():
        canvas[y][x] = "▶" if (x, y) in layout["arrows"] else LINE_CHARS[bits]
    for x, y, name in layout["nodes"]:
        canvas[y][x:x + len(name)] = list(name)
    for x, y, number, _ in layout["labels"]:
        canvas[y][x:x + len(number)] = list(number)
    drawn = ["".join(row).rstrip() for row in canvas]
    indent = "  "
    head = [f"{indent}{picture['title']}", ""] if picture["title"] else []
    notes = [*picture["legend"], KEY, *_sums(picture)]
    wrapped = [w for note in notes for w in textwrap.wrap(
        note, WIDTH, initial_indent=indent + "  " * (" uses): " in note),
        subsequent_indent=indent + "    ")]
    return "\n".join([*head, *drawn, "", *wrapped])


def svg(picture: dict, char: float = 7.4, height: float = 15.0) -> str:
    """The same layout, a cell `char` px wide and `height` px high: lines with arrowheads, a
    "+" where a value's uses split, the numbers in black (values) and red (gradients)."""
    layout = _layout(picture)
    top = 30.0 if picture["title"] else 8.0
    esc = html.escape

    def at(x: float, y: float) -> tuple[float, float]:
        return 8 + x * char + char / 2, top + y * height + height / 2

    parts = []
    for route in layout["routes"]:
        corners = [route[0]] + [c for p, c, q in zip(route, route[1:], route[2:], strict=False)
                                if (p[0] == c[0]) != (c[0] == q[0])] + [route[-1]]
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in (at(x, y) for x, y in corners))
        parts.append(f'<polyline points="{points}" fill="none" stroke="#57606a" '
                     'stroke-width="1.3"/>')
        ex, ey = at(*route[-1])
        parts.append(f'<path d="M{ex - 5:.1f} {ey - 4:.1f}L{ex + 3:.1f} {ey:.1f}L{ex - 5:.1f} '
                     f'{ey + 4:.1f}z" fill="#57606a"/>')
    for x, y in layout["splits"]:
        cx, cy = at(x, y)
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="#fbefff" '
                     f'stroke="#8250df"/><text x="{cx:.1f}" y="{cy + 4:.1f}" font-size="11" '
                     'text-anchor="middle" fill="#8250df">+</text>')
    for x, y, name in layout["nodes"]:
        cx, cy = at(x, y)
        parts.append(f'<rect x="{cx - char / 2 - 3:.1f}" y="{cy - 9:.1f}" '
                     f'width="{len(name) * char + 6:.1f}" height="18" rx="4" fill="#f6f8fa" '
                     f'stroke="#1f2328"/><text x="{cx - char / 2:.1f}" y="{cy + 4:.1f}" '
                     f'font-size="12" font-weight="bold">{esc(name)}</text>')
    colours = {"value": "#1f2328", "grad": "#cf222e"}
    for x, y, label, role in layout["labels"]:
        cx, cy = at(x, y)
        parts.append(f'<text x="{cx - char / 2:.1f}" y="{cy + 4:.1f}" font-size="12" '
                     f'fill="{colours[role]}">{esc(label)}</text>')
    bottom = top + layout["lines"] * height + 8
    sums = _sums(picture)
    notes = [*picture["legend"], KEY, *sums]
    for note in notes:
        bottom += 15
        colour = "#8250df" if note in sums else "#57606a"
        spaced = esc(note).replace("  ", "\u00a0\u00a0")  # SVG would fold the spaces
        parts.append(f'<text x="8" y="{bottom:.1f}" font-size="11" fill="{colour}">'
                     f"{spaced}</text>")
    width = max(16 + layout["width"] * char, 8 + max(len(n) for n in notes) * 6.6)
    title = (f'<text x="8" y="18" font-size="13" font-family="sans-serif">'
             f'{esc(picture["title"])}</text>' if picture["title"] else "")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
            f'height="{bottom + 8:.0f}" role="img" aria-label="computation graph" '
            f'font-family="monospace">{title}{"".join(parts)}</svg>')
