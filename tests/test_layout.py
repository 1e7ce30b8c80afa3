"""The README's layout is a map of grader/: every folder and module it names exists, and every
folder and module that exists is named. And the imports between grader's modules, at module
level, run one way: no cycles, and nothing below imports the doors above it."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def layout_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("- `grader/`, a folder per concern")
    return text[start:text.index("- `tests/`", start)]


def named_in_readme() -> dict[str, set[str]]:
    """Folder ('' for grader/ itself) -> the module names its README line lists."""
    found: dict[str, set[str]] = {}
    for item in re.split(r"\n  - ", layout_section())[1:]:
        folder = re.match(r"`(\w+)/`", item)
        key = folder.group(1) if folder else ""
        names = set(re.findall(r"`(\w+)`", item)) - {key}
        found[key] = names
    return found


def in_tree() -> dict[str, set[str]]:
    grader = ROOT / "grader"
    found = {"": {p.stem for p in grader.glob("*.py") if p.stem != "__init__"}}
    for folder in grader.iterdir():
        if (folder / "__init__.py").is_file():
            found[folder.name] = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    return found


def test_the_readme_layout_names_every_folder_and_module_of_grader():
    readme, tree = named_in_readme(), in_tree()
    assert set(readme) == set(tree)
    for folder, modules in tree.items():
        missing = modules - readme[folder]
        assert not missing, f"grader/{folder}: {sorted(missing)} not in the README's layout"


def test_every_folder_says_what_it_holds():
    for folder in (ROOT / "grader").iterdir():
        init = folder / "__init__.py"
        if init.is_file():
            assert init.read_text(encoding="utf-8").lstrip().startswith('"""'), folder


# -- imports at module level ------------------------------------------------------------------

# The folders below the doors: none of them may import the learner's or the instructor's side,
# or the command line.
LOWER = ("course", "grading", "database", "running", "wording", "pictures")
DOORS = ("grader.learner", "grader.instructor", "grader.cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def grader_modules() -> dict[str, Path]:
    return {module_name(p): p for p in (ROOT / "grader").rglob("*.py")}


def imported_at_module_level(path: Path, modules: dict[str, Path]) -> set[str]:
    """The grader modules `path` imports when it is imported: its top-level statements (inside
    a top-level if or try too), but not `if TYPE_CHECKING:`, nor anything in a function.
    `from package import name` is the submodule when `name` is one, else the package."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
            elif isinstance(node, ast.If | ast.Try):
                visit(node.body)
                visit(node.orelse)
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
                visit(getattr(node, "finalbody", []))
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([base] if base else []))
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    found.add(sub if sub in modules else base)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = grader_modules()
    return {name: imported_at_module_level(path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another, directly or round a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1 or module in graph[module]:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_the_import_graph_is_read_from_the_code():
    graph = import_graph()
    assert "grader.grading.verdict" in graph["grader.grading.grade"]
    assert "grader.running.child" in graph["grader.running.runner"]  # from package import module
    assert "grader.running.forkserver" not in graph["grader.learner.api"]  # in a function
    assert "grader.learner.api" not in graph["grader.presenting.blocks"]  # TYPE_CHECKING only


def test_no_grader_modules_import_one_another_in_a_cycle():
    assert cycles(import_graph()) == []


def test_a_cycle_would_be_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_folders_below_never_import_the_learner_the_instructor_or_the_cli():
    wrong = [f"{module} imports {imported}" for module, imports in import_graph().items()
             if module.split(".")[1:2] and module.split(".")[1] in LOWER
             for imported in sorted(imports) if imported.startswith(DOORS)]
    assert wrong == []


def test_nothing_imports_the_cli():
    assert [m for m, imports in import_graph().items() if "grader.cli" in imports] == []
