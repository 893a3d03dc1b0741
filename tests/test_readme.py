"""The README's commands are the ones that work: set-up lines, CI and the examples."""

import re
import shlex

from typer.testing import CliRunner

from tracker.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
runner = CliRunner()


def setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, re.S)


def test_exactly_two_setup_commands_and_ci_runs_the_test_one():
    main, tests = setup_commands()
    assert main.startswith("pip install -e . && tracker ingest seeds/")
    assert "pytest" in tests
    assert tests in (ROOT / ".ci" / "run").read_text("utf-8")


def tracker_steps(command: str) -> list[list[str]]:
    return [shlex.split(part)[1:] for part in command.split("&&") if part.strip().startswith("tracker ")]


def test_the_main_job_runs_on_the_bundled_seeds(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    db = str(tmp_path / "readme.db")
    steps = tracker_steps(setup_commands()[0])
    assert steps[0][0] == "ingest"
    for step in steps:
        result = runner.invoke(app, [*step, "--db", db], env={"COLUMNS": "120"})
        assert result.exit_code == 0, (step, result.output)


def test_the_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    db = str(tmp_path / "examples.db")
    assert runner.invoke(app, ["ingest", "seeds/", "--db", db]).exit_code == 0
    examples = README.split("## Examples", 1)[1].split("\n## ", 1)[0]
    lines = [line.split("#")[0].strip() for line in re.findall(r"^tracker .+$", examples, re.M)]
    ran = 0
    for line in lines:
        args = shlex.split(line)[1:]
        if any(a.endswith((".html", ".db")) or a.startswith("../") for a in args):
            continue  # files that are the reader's, not the repository's
        result = runner.invoke(app, [*args, "--db", db], env={"COLUMNS": "120"})
        assert result.exit_code == 0, (line, result.output)
        ran += 1
    assert ran >= 5
