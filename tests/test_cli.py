"""Every command and option has help that reads well, and the docs describe them all."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from generator.cli import cli
from tests.support import PortalDir, run_cli

ROOT = Path(__file__).resolve().parents[1]


def _walk(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    """Every command by its full name (`votes import`), groups included."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        found[prefix + name] = command
        if isinstance(command, click.Group):
            found.update(_walk(command, f"{prefix}{name} "))
    return found


ALL = _walk(cli)
COMMANDS = sorted(ALL)


def test_there_are_commands() -> None:
    assert {"validate", "new", "answer", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_an_example(name: str) -> None:
    command = ALL[name]
    assert command.help, f"{name} lacks help"
    assert len(command.help) > 40, f"{name} help is too short"
    assert "Example:" in command.help, f"{name} help has no example"
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.help, f"{name} {param.opts} lacks help"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_long_option_is_in_the_docs(name: str) -> None:
    docs = (ROOT / "docs/cli.md").read_text(encoding="utf-8")
    assert f"`portal {name}" in docs
    for param in ALL[name].params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in docs, f"docs/cli.md does not mention {name} {opt}"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_flags(tmp_path: Path, flag: str) -> None:
    result = run_cli(tmp_path, flag)
    assert result.exit_code == 0
    assert "validate" in result.output


def test_unknown_option_is_a_usage_error(portal: PortalDir) -> None:
    result = portal.validate("--colour")
    assert result.exit_code == 2


def test_missing_config_file_is_a_usage_error(portal: PortalDir) -> None:
    result = portal.validate("-f", "nope.yml")
    assert result.exit_code == 2
    assert "no such configuration file" in result.output


def test_version(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--version")
    assert re.match(r"portal, version \d+\.\d+\.\d+", result.output)


@pytest.mark.parametrize(("body", "depth"), [("1. " * 494 + "x", 494), ("- " * 800, 800), ("> " * 30 + "x", 30)])
def test_validate_refuses_lists_and_quotes_nested_too_deep(portal: PortalDir, body: str, depth: int) -> None:
    # Such a short body once passed validation and then stopped `mkdocs build` with a RecursionError.
    idea = (portal.root / "content/ideas/2026-0001.yaml").read_text(encoding="utf-8")
    portal.write("content/ideas/2026-0001.yaml", idea + f"  Ordinary text.\n\n  {body}\n")
    result = portal.validate()
    assert result.exit_code == 1
    assert (
        f"content/ideas/2026-0001.yaml:12:3: error: body nests lists or quotes {depth} levels deep; "
        "the site shows at most 20"
    ) in result.output
    assert "Traceback" not in result.output
