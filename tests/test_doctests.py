"""The examples in the docs run and say what they show.

* Every geomap module whose docstrings hold ``>>>`` examples (found by reading the
  sources, so a module that gains examples is tested without editing this file), and the
  gazetteer build script, is run through ``doctest``.
* The README's Python block is turned into a doctest and run in a scratch folder holding
  the sample corpus: every statement must run, and a statement whose trailing comment is a
  repr (``# Location(Gəncə, Azerbaijan, ...)``) must print that (``...`` matches anything).
"""

from __future__ import annotations

import ast
import doctest
import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
#: a trailing comment that states the statement's result: a repr such as ``Location(...)``
_STATED = re.compile(r"#\s*([A-Za-z_][\w.]*\(.*\))\s*$")


def _modules_with_examples() -> list[str]:
    names = []
    for path in sorted((ROOT / "geomap").rglob("*.py")):
        if ">>>" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


MODULES = _modules_with_examples()


def _run_doctests(module: ModuleType) -> doctest.TestResults:
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in finder.find(module, module.__name__):
        runner.run(test)
    return runner.summarize(verbose=False)


def test_the_modules_with_examples_are_found():
    # the discovery above is what this file relies on: it must find the known ones
    assert {"geomap.gazetteer", "geomap.geocoder"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(gazetteer, name):
    # ``gazetteer``: the compiled file is built (once) before any example opens it
    result = _run_doctests(importlib.import_module(name))
    assert result.attempted > 0, f"{name}: no example ran"
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


def test_gazetteer_build_script_doctests():
    from geomap.gazetteer import build_module

    result = _run_doctests(build_module())
    assert result.attempted > 0 and result.failed == 0


def readme_doctest(text: str) -> str:
    """The README's ```python block as doctest source.

    Each top-level statement becomes an example. A statement whose last line ends with a
    comment stating a repr expects that output; any other expression's value is discarded
    (``_ = …``), so that only what the README states is checked.

    Examples
    --------
    >>> readme_doctest("```python\\nx = 3\\nrange(x)  # range(0, 3)\\nx\\n```\\n").splitlines()
    ['>>> x = 3', '>>> range(x)', 'range(0, 3)', '>>> _ = x']
    """
    match = re.search(r"```python\n(.*?)```", text, re.S)
    assert match, "the README has no ```python block"
    source = match.group(1)
    lines = source.splitlines()
    out = []
    for node in ast.parse(source).body:
        code = ast.get_source_segment(source, node)
        assert code is not None
        comment = lines[node.end_lineno - 1][node.end_col_offset :]  # type: ignore[operator]
        stated = _STATED.search(comment)
        if isinstance(node, ast.Expr) and stated is None:
            code = f"_ = {code}"
        out.append(">>> " + code.replace("\n", "\n... "))
        if isinstance(node, ast.Expr) and stated is not None:
            out.append(stated.group(1))
    return "\n".join(out) + "\n"


def test_readme_to_doctest_conversion():
    test = doctest.DocTestFinder().find(readme_doctest, "readme_doctest")[0]
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    assert runner.summarize(verbose=False) == (0, 1)
    wrong = readme_doctest("```python\nrange(3)  # range(0, 4)\n```\n")
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(doctest.DocTestParser().get_doctest(wrong, {}, "wrong", None, 0), out=lambda s: None)
    assert runner.summarize(verbose=False).failed == 1  # a stated result that is not so fails


def test_readme_python_example(gazetteer, tmp_path, monkeypatch):
    source = readme_doctest((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "geocoder.geocode" in source  # the block this test is about
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(source, {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0 and result.failed == 0
    assert (tmp_path / "output" / "map.html").stat().st_size > 0
    assert (tmp_path / "output" / "events.geojson").stat().st_size > 0
