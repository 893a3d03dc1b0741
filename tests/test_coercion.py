"""The plain option converter gives what typer's own would, value for value and error for error."""

from enum import Enum
from pathlib import Path

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
    from typer import core

    runner = CliRunner()
    plain = runner.invoke(probe(), args)
    with monkeypatch.context() as patch:
        patch.setattr(core._TyperParameter, "get_runtime_param", _typers_own)
        own = runner.invoke(probe(), args)
    assert (plain.exit_code, plain.output) == (own.exit_code, own.output)


def _typers_own(self):
    from typer._coercion import build_runtime_param

    if self._runtime_param is None:
        self._runtime_param = build_runtime_param(self.type_descriptor)
    return self._runtime_param
