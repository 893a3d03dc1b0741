"""The plain option converter gives what typer's own would, value for value and error for error."""

from enum import Enum
from pathlib import Path
from typing import List, Optional

import pytest
import typer
from typer.testing import CliRunner

import tracker.cli  # noqa: F401 - installs the converter

Choice = Enum("Choice", {"table": "table", "json": "json"}, type=str)


def probe():
    """A command that echoes what typer handed it, with each kind of option the commands use."""
    app = typer.Typer(add_completion=False)

    @app.command()
    def run(name: str = typer.Argument(...), limit: int = typer.Option(50, "--limit", min=1),
            cap: int = typer.Option(None, "--cap", max=9), fmt: Choice = typer.Option(Choice.table, "--format"),
            out: Path = typer.Option(None, "--out"), flag: bool = typer.Option(False, "--flag")):
        print(repr((name, limit, cap, fmt, out, flag)))

    return app


VALUES = [["x"], ["x", "--limit", "7"], ["x", "--limit", "007"], ["x", "--limit", " 5"], ["x", "--limit", "+3"],
          ["x", "--limit", "0"], ["x", "--limit", "abc"], ["x", "--limit", "3.0"], ["x", "--cap", "10"],
          ["x", "--cap", "9"], ["x", "--format", "json"], ["x", "--format", "JSON"], ["x", "--format", "csv"],
          ["x", "--out", "a/b.txt"], ["x", "--out", ""], ["x", "--flag"], ["雄安"], ["x", "--limit", "٣"]]


@pytest.mark.parametrize("args", VALUES)
def test_plain_conversion_matches_typers(args, monkeypatch):
    assert_as_typers_own(probe, args, monkeypatch)


def assert_as_typers_own(make_app, args, monkeypatch):
    """``make_app()`` run on ``args`` says the same with the plain converter as with typer's own."""
    from typer import core

    runner = CliRunner()
    plain = runner.invoke(make_app(), args)
    with monkeypatch.context() as patch:
        patch.setattr(core._TyperParameter, "get_runtime_param", _typers_own)
        own = runner.invoke(make_app(), args)
    assert (plain.exit_code, plain.output) == (own.exit_code, own.output)


def _typers_own(self):
    from typer._coercion import build_runtime_param

    if self._runtime_param is None:
        self._runtime_param = build_runtime_param(self.type_descriptor)
    return self._runtime_param


def list_probe():
    app = typer.Typer(add_completion=False)

    @app.command()
    def run(paths: List[str] = typer.Argument(...), published: Optional[str] = typer.Option(None, "--published")):
        print(repr((type(paths).__name__, paths, published)))

    return app


@pytest.mark.parametrize("args", [["a"], ["a", "b", "雄安.md"], [], ["a", "--published", "2024"], ["--published"]])
def test_a_list_of_paths_converts_as_typers_own(args, monkeypatch):
    assert_as_typers_own(list_probe, args, monkeypatch)


def test_ingest_of_one_file_loads_no_pydantic(tmp_path):
    # typer converted ingest's list of paths through a pydantic adapter: 0.1 s of every one-file ingest.
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("2024年5月12日，雄安新区召开座谈会。", "utf-8")
    probe = ("import sys; from tracker.cli import app\n"
             "try:\n    app()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code\n"
             "print('pydantic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe, "ingest", str(article), "--jobs", "1",
                           "--db", str(tmp_path / "t.db")], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("False"), done.stdout + done.stderr
