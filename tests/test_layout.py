"""The README's layout is a map of grader/: every folder and module it names exists, and every
folder and module that exists is named."""

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
