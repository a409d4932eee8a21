"""The staff and administrator guides exist, and the commands they show are the real ones."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest

from generator.cli import cli
from tests.support import run_cli

ROOT = Path(__file__).resolve().parents[1]
GUIDES = {
    "answer-an-idea.md": "# Answer an idea",
    "start-a-portal.md": "# Start a portal for your municipality",
    "personal-data-takedown.md": "# When personal data slipped in",
    "follow-decisions.md": "# Follow decisions",
}


def _portal_commands(text: str) -> list[list[str]]:
    """Every `portal ...` command line in the guide's code blocks, continuation lines joined."""
    commands = []
    for block in re.findall(r"```(?:sh|text)\n(.*?)```", text, re.DOTALL):
        joined = re.sub(r"\\\n\s*", " ", block)
        for raw in joined.splitlines():
            line = re.sub(r"^[A-Z_]+=\S+ ", "", raw.removeprefix("$ ").strip())
            if line.startswith("portal "):
                commands.append(shlex.split(line.split(" | ")[0].split(" && ")[0], comments=True))
    return commands


@pytest.mark.parametrize("name", sorted(GUIDES))
def test_the_guide_exists(name: str) -> None:
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert text.startswith(GUIDES[name] + "\n")


@pytest.mark.parametrize("name", sorted(GUIDES))
def test_every_command_in_the_guide_exists_with_its_options(name: str) -> None:
    commands = _portal_commands((ROOT / "docs" / name).read_text(encoding="utf-8"))
    if name != "personal-data-takedown.md":
        assert commands, f"{name} shows no portal command"
    for words in commands:
        command: click.Command = cli
        rest = words[1:]
        while isinstance(command, click.Group) and rest and rest[0] in command.commands:
            command = command.commands[rest[0]]
            rest = rest[1:]
        assert not isinstance(command, click.Group), f"{name}: {' '.join(words)}"
        options = {opt for param in command.params for opt in param.opts}
        for word in rest:
            if word.startswith("--"):
                assert word.split("=")[0] in options, f"{name}: {' '.join(words)}: no option {word}"


def test_the_guides_show_the_history_commands_journalists_need() -> None:
    text = (ROOT / "docs" / "follow-decisions.md").read_text(encoding="utf-8")
    assert "git log --follow -p -- content/answers/2025-0019.yaml" in text


def test_the_captured_check_output_is_what_portal_validate_prints(tmp_path: Path) -> None:
    """The annotations shown in "Answer an idea" come from a real run; a fresh run prints the same."""
    guide = (ROOT / "docs" / "answer-an-idea.md").read_text(encoding="utf-8")
    shown = re.findall(r"^::error .*$", guide, re.MULTILINE)
    assert len(shown) == 5
    for part in ("content", "mkdocs.yml"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / part)
    answers = tmp_path / "content/answers/2026-0014.yaml"
    original = answers.read_text(encoding="utf-8")
    broken = (
        "  - date: 2026-04-30\n"
        "    status: planed\n"
        "    department: health\n"
        "    body: |\n"
        "      Sansehaven er med i budgettet for 2027. Spørgsmål til projektet kan\n"
        "      stilles til projektlederen på 07700 900456.\n"
    )
    answers.write_text(original + broken, encoding="utf-8")
    first = run_cli(tmp_path, "validate", "--format", "github", "content/answers/2026-0014.yaml")
    assert first.exit_code == 1
    fixed = broken.replace("planed", "planned").replace(
        "    department: health\n",
        "    department: health\n    signed: Birgitte Holm, chef for Sundhed og Omsorg\n",
    )
    answers.write_text(original + fixed, encoding="utf-8")
    second = run_cli(tmp_path, "validate", "--format", "github", "content/answers/2026-0014.yaml")
    assert second.exit_code == 1
    printed = [line for line in (first.output + second.output).splitlines() if line.startswith("::error")]
    assert printed == shown
    assert "900456" not in first.output + second.output
