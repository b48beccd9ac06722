"""Docs and code kept in step: every command and setting is documented; the public API is pinned."""

import re

import click
import pytest

import corroborate
from corroborate.cli import main
from corroborate.config import Settings
from tests.conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text()


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        out.extend(_commands(cmd, full + " ") if isinstance(cmd, click.Group) else [full])
    return out


def test_public_api_is_pinned():
    assert sorted(corroborate.__all__) == sorted(
        [
            "CheckResult", "Claim", "CorroborateError", "Document", "Evidence", "IndexReport", "Judgement",
            "Label", "Library", "Passage", "Sentence", "Settings", "Verdict", "__version__", "check",
            "default_library_path", "read_article",
        ]
    )  # fmt: skip


def test_readme_opens_with_the_two_quickstart_commands():
    quickstart = README.split("## Quickstart", 1)[1].split("```")[1].strip().splitlines()
    assert quickstart == ["make example", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", _commands(main))
def test_every_command_is_documented_in_the_readme(command):
    assert f"corroborate {command}" in README


@pytest.mark.parametrize("command", _commands(main))
def test_every_command_has_help(command):
    result = run_cli(*command.split(), "--help")
    assert result.returncode == 0 and "Usage:" in result.stdout


@pytest.mark.parametrize("name", list(Settings.documentation()))
def test_every_setting_is_documented(name):
    assert re.search(rf"\| `{name}` \|", README)


def test_settings_are_validated():
    with pytest.raises(ValueError, match="batch_size"):
        Settings(batch_size=0)
