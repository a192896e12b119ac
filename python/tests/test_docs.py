"""The documentation: every public name has a docstring with an example,
and every example runs as written (from the checkout's root, as the
examples name its files), as do python/examples/."""
import doctest
import inspect
import os
import subprocess
import sys

import numpy as np
import pytest

import careerlib

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(PYTHON_DIR)


def public_objects():
    """(name, object) of every public name and its public members."""
    for name in careerlib.__all__:
        obj = getattr(careerlib, name)
        if isinstance(obj, (int, str)):
            continue
        yield name, obj
        if not inspect.isclass(obj) or issubclass(obj, BaseException):
            continue
        for key, member in vars(obj).items():
            if key.startswith("_"):
                continue
            if isinstance(member, (classmethod, staticmethod)):
                member = member.__func__
            if callable(member) or isinstance(member, property):
                yield f"{name}.{key}", member


def test_every_public_name_has_a_docstring_with_an_example():
    missing = [name for name, obj in public_objects()
               if ">>>" not in (inspect.getdoc(obj) or "")]
    assert not missing, missing


def test_the_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    finder = doctest.DocTestFinder(recurse=False)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    report = []
    runner = doctest.DocTestRunner(optionflags=flags)
    count = 0
    for name, obj in public_objects():
        for test in finder.find(obj, name, globs={"careerlib": careerlib, "np": np}):
            count += len(test.examples)
            runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
    assert count > 150


def _run_example(name, *args):
    return subprocess.run([sys.executable, os.path.join(PYTHON_DIR, "examples", name), *args],
                          capture_output=True, text=True, cwd=PYTHON_DIR,
                          env=dict(os.environ, MPLBACKEND="Agg"))


def test_the_bls_and_merit_example_runs(tmp_path):
    pytest.importorskip("pandas")
    out = tmp_path / "raises.csv"
    r = _run_example("bls_merit.py", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "Software Developers, Systems Software" in r.stdout
    assert "budget $931,472.90, cost $931,472.90" in r.stdout
    lines = out.read_text().splitlines()
    assert lines[0].startswith("id,") and len(lines) == 201


def test_python_readme_names_what_it_shows():
    """python/README.md's examples run in make check (tests/sh/doc-commands.sh,
    with the BLS files it names stood in for by the fixtures); here: it
    exists and walks through the four jobs."""
    with open(os.path.join(PYTHON_DIR, "README.md"), encoding="utf-8") as f:
        text = f.read()
    for heading in ("Estimate", "Project", "Import BLS", "Merit cycle"):
        assert f"## {heading}" in text, heading
    assert text.count("```python") >= 4
