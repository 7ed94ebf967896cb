"""The house stays readable: no module over about 400 lines and no function over about 60,
unless a comment right above it says why (`# Long: ...`); and every test checks something."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tabletop"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
WHY = "# Long:"


def justified(lines: list[str], line: int) -> bool:
    """A `# Long:` comment on one of the lines just above `line` (1-based), over decorators."""
    index = line - 2
    while index >= 0 and lines[index].strip().startswith(("@", "#")):
        if lines[index].strip().startswith(WHY):
            return True
        index -= 1
    return False


def long_modules() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > MAX_MODULE_LINES and not any(WHY in line for line in lines[:20]):
            found.append(f"{path.relative_to(PACKAGE.parent)}: {len(lines)} lines")
    return found


def long_functions() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES and not justified(lines, node.lineno):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} "
                             f"{node.name}: {length} lines")
    return found


def test_no_module_is_over_400_lines_without_saying_why() -> None:
    assert long_modules() == []


def test_no_function_is_over_60_lines_without_saying_why() -> None:
    assert long_functions() == []


def test_a_long_comment_above_the_decorators_justifies_a_function() -> None:
    lines = ["# Long: one table of cases", "@cache", "def f():", "    pass"]
    assert justified(lines, 3)
    assert not justified(["x = 1", "def f():"], 2)


TESTS = Path(__file__).resolve().parent
CHECKS = ("raises", "fail", "snap_compare")
"""Calls that make a test check something besides `assert`: pytest.raises, pytest.fail, and
a snapshot's comparison (asserted by the plugin's own helper)."""


def checks_something(test: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """An `assert`, or a call to one of `CHECKS` or to a helper named `assert_*` or
    `check_*`, anywhere in the test's body."""
    for node in ast.walk(test):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in CHECKS or name.startswith(("assert", "check")):
                return True
    return False


def silent_tests() -> list[str]:
    return [f"{path.relative_to(TESTS.parent)}:{node.lineno} {node.name}"
            for path in sorted(TESTS.rglob("test_*.py"))
            for node in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name.startswith("test_") and not checks_something(node)]


def test_every_test_checks_something() -> None:
    assert silent_tests() == []


def test_a_test_that_only_calls_the_code_is_found() -> None:
    silent = ast.parse("def test_a():\n    run()\n").body[0]
    loud = ast.parse("def test_b():\n    with pytest.raises(E):\n        run()\n").body[0]
    assert isinstance(silent, ast.FunctionDef)
    assert isinstance(loud, ast.FunctionDef)
    assert not checks_something(silent)
    assert checks_something(loud)


def deferred_imports_without_a_reason() -> list[str]:
    """Imports inside functions with no reason given: a comment on the import's line or just
    above its block of imports, or the word "import" in the function's or the module's
    docstring (a module whose every command imports what it uses says so once)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        lines = text.splitlines()
        if "import" in (ast.get_docstring(tree) or "").lower():
            continue
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) \
                    or "import" in (ast.get_docstring(function) or "").lower():
                continue
            found += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                      for node in ast.walk(function)
                      if isinstance(node, ast.Import | ast.ImportFrom)
                      and not _reason_given(lines, node.lineno)]
    return found


def _reason_given(lines: list[str], line: int) -> bool:
    """A comment on the import's line, or on the line above its block of imports."""
    if "#" in lines[line - 1]:
        return True
    index = line - 2
    while index >= 0 and (not lines[index].strip()
                          or lines[index].strip().startswith(("from ", "import "))):
        index -= 1
    return index >= 0 and "#" in lines[index]


def test_every_deferred_import_says_why() -> None:
    assert deferred_imports_without_a_reason() == []


def test_a_deferred_import_with_no_comment_is_found() -> None:
    assert not _reason_given(["def f():", "    x = 1", "    import json"], 3)
    assert _reason_given(["def f():", "    # off the way to first paint", "    import json"], 3)
