"""The house stays as the README draws it: every module on the map, each small, each naming its tables."""

import ast
import re
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "tracker"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")
README = (ROOT / "README.md").read_text("utf-8")
TABLE_CALL = re.compile(r"\b(?:load_table|words|words_with_role)\(\s*\"(\w+)\"")


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_the_readme_design_map_lists_every_module_and_no_other():
    section = README.split("## Design", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\ntracker/\n(.+?)```", section, re.S).group(1)
    listed, folder = set(), ""
    for line in block.splitlines():
        cell = line.split()[0] if line.split() else ""
        if line.startswith("  ") and not line.startswith("    ") and cell.endswith("/"):
            folder = cell
        elif line.startswith("    ") and cell.endswith(".py"):
            listed.add(folder + cell)
        elif line.startswith("  ") and not line.startswith("    ") and cell.endswith(".py"):
            folder = ""
            listed.add(cell)
    assert listed == {_name(p) for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_modules_are_small_enough_to_read_in_one_sitting(path):
    assert len(path.read_text("utf-8").splitlines()) <= 600


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_each_module_says_which_data_tables_it_reads(path):
    source = path.read_text("utf-8")
    docstring = ast.get_docstring(ast.parse(source)) or ""
    for table in sorted(set(TABLE_CALL.findall(source))):
        assert f"data/{table}.tsv" in docstring, f"{_name(path)} reads data/{table}.tsv but does not say so"


def test_lower_layers_never_import_higher_ones():
    order = {"read": 1, "extract": 1, "compare": 2, "output": 3, "commands": 4}
    for path in MODULES:
        layer = path.relative_to(PACKAGE).parts[0] if len(path.relative_to(PACKAGE).parts) > 1 else None
        imported = re.findall(r"^\s*from \.+(\w+)", path.read_text("utf-8"), re.M)
        for target in imported:
            if layer in order and target in order:
                assert order[target] <= order[layer], f"{_name(path)} imports {target}"
        if layer != "commands" and _name(path) != "cli.py":
            assert "commands" not in imported and "cli" not in imported, _name(path)
