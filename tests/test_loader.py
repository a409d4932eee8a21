"""`generator.loader`: which files are content, how big they may be, and what `only_ids` reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import Problem
from generator.loader import FILE_KINDS, KIB, FileKind, Loaded, Source, discover, load, load_ideas, read
from tests.support import PortalDir

KINDS = {kind.name: kind for kind in FILE_KINDS}
PLACE = {
    "idea": "content/ideas/2026-0003.yaml",
    "answers": "content/answers/2026-0003.yaml",
    "votes": "content/votes/2026-0003.yaml",
    "community": "content/community/2026-0003.yaml",
    "categories": "content/categories.yaml",
    "departments": "content/departments.yaml",
}


def found(portal: PortalDir) -> tuple[list[str], list[str]]:
    """The displayed paths discover() keeps, and its problems as text."""
    sources, problems = discover(portal.root / "content", portal.root)
    return [s.display for s in sources], [str(p) for p in problems]


def test_the_fixture_portal_is_discovered_completely(portal: PortalDir) -> None:
    sources, problems = discover(portal.root / "content", portal.root)
    assert problems == []
    assert sorted((s.display, s.kind.name, s.idea_id) for s in sources) == [
        ("content/answers/2026-0001.yaml", "answers", "2026-0001"),
        ("content/categories.yaml", "categories", None),
        ("content/departments.yaml", "departments", None),
        ("content/ideas/2026-0001.yaml", "idea", "2026-0001"),
        ("content/ideas/2026-0002.yaml", "idea", "2026-0002"),
        ("content/votes/2026-0001.yaml", "votes", "2026-0001"),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "idea1.yaml",
        "2026-0003.yml",
        "2026-0003.YAML",
        "2026-3.yaml",
        "2026-0003.yaml.bak",
        "2026_0003.yaml",
        "README.md",
    ],
)
def test_unexpected_files_are_reported(portal: PortalDir, name: str) -> None:
    portal.write(f"content/ideas/{name}", "title: x\n")
    kept, problems = found(portal)
    assert f"content/ideas/{name}" not in kept
    assert problems == [
        f"content/ideas/{name}:0:0: error: unexpected file in ideas/ "
        "(idea files are named by the idea id, e.g. ideas/2026-0042.yaml)"
    ]


def test_a_folder_named_like_a_content_file_is_unexpected(portal: PortalDir) -> None:
    (portal.root / "content/votes/2026-0002.yaml").mkdir()
    kept, problems = found(portal)
    assert "content/votes/2026-0002.yaml" not in kept
    assert problems == [
        "content/votes/2026-0002.yaml:0:0: error: unexpected file in votes/ "
        "(votes files are named by the idea id, e.g. votes/2026-0042.yaml)"
    ]


@pytest.mark.parametrize(
    "relative",
    [
        "content/ideas/.gitattributes",
        "content/votes/.gitattributes",
        "content/.gitattributes",
        "content/answers/.gitkeep",
        "content/answers/.2026-0003.yaml.swp",
        "content/ideas/.hidden.yaml",
    ],
)
def test_dot_files_are_refused(portal: PortalDir, relative: str) -> None:
    # `*.yaml -diff` would hide every change from review; an encoding attribute breaks later clones.
    portal.write(relative, "*.yaml -diff working-tree-encoding=UTF-16LE\n")
    kept, problems = found(portal)
    assert len(kept) == 6
    assert problems == [
        f"{relative}:0:0: error: unexpected hidden file (its name starts with a dot) (remove it: content folders "
        "hold only content files, and a file such as .gitattributes here changes how Git stores or shows them)"
    ]
    assert portal.validate().exit_code == 1


def test_a_file_name_ending_in_a_newline_is_not_the_idea_it_imitates(portal: PortalDir) -> None:
    # `$` matches before a final newline: this file would have shadowed the reviewed 2026-0001.
    portal.write("content/ideas/2026-0001.yaml\n", "title: Not the reviewed idea\n")
    kept, problems = found(portal)
    assert kept.count("content/ideas/2026-0001.yaml") == 1
    assert problems == [
        "content/ideas/2026-0001.yaml\n:0:0: error: unexpected file in ideas/ "
        "(idea files are named by the idea id, e.g. ideas/2026-0042.yaml)"
    ]


def test_a_symbolic_link_to_a_folder_is_refused_and_not_followed(
    portal: PortalDir, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "2026-0009.yaml").write_text("title: TOKEN_do_not_print\n", encoding="utf-8")
    for path in (portal.root / "content/votes").iterdir():
        path.unlink()
    (portal.root / "content/votes").rmdir()
    os.symlink(outside, portal.root / "content/votes")
    kept, problems = found(portal)
    assert not [k for k in kept if k.startswith("content/votes")]
    assert problems == [
        "content/votes:0:0: error: the folder is a symbolic link (content folders must be plain folders "
        "in the repository; replace the link with the folder)"
    ]
    result = portal.validate()
    assert result.exit_code == 1
    assert "TOKEN_do_not_print" not in result.output


def test_a_file_where_a_content_folder_belongs_is_reported(portal: PortalDir) -> None:
    for path in (portal.root / "content/answers").iterdir():
        path.unlink()
    (portal.root / "content/answers").rmdir()
    portal.write("content/answers", "answers: []\n")
    _, problems = found(portal)
    assert problems == ["content/answers:0:0: error: answers is a file, not a folder (make it a folder)"]


def test_a_case_clash_names_the_file_it_clashes_with_and_keeps_the_valid_one(portal: PortalDir) -> None:
    # Ids are digits, so only the extension can differ in case; a checkout on
    # Windows or macOS would hold one file where Git has two.
    portal.write("content/answers/2026-0001.YAML", "answers: []\n")
    portal.write("content/answers/2026-0001.Yaml", "answers: []\n")
    kept, problems = found(portal)
    assert "content/answers/2026-0001.yaml" in kept
    hint = "(keep one; such files collide on Windows and macOS checkouts)"
    assert problems == [
        f"content/answers/2026-0001.YAML:0:0: error: file name differs only in case from "
        f"content/answers/2026-0001.yaml {hint}",
        f"content/answers/2026-0001.Yaml:0:0: error: file name differs only in case from "
        f"content/answers/2026-0001.yaml {hint}",
    ]


def test_wrong_extension_case_without_a_twin_is_just_unexpected(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0003.YAML", "title: x\n")
    _, problems = found(portal)
    assert problems == [
        "content/ideas/2026-0003.YAML:0:0: error: unexpected file in ideas/ "
        "(idea files are named by the idea id, e.g. ideas/2026-0042.yaml)"
    ]


@pytest.mark.parametrize("relative", ["content/ideas/2026-0003.yaml", "content/departments.yaml"])
def test_symbolic_links_are_refused_and_not_read(
    portal: PortalDir, tmp_path_factory: pytest.TempPathFactory, relative: str
) -> None:
    # A link could make validation quote a file from outside the repository.
    secret = tmp_path_factory.mktemp("outside") / "secret.yaml"
    secret.write_text("kind: TOKEN_do_not_print\n", encoding="utf-8")
    link = portal.root / relative
    link.unlink(missing_ok=True)
    os.symlink(secret, link)
    kept, problems = found(portal)
    assert relative not in kept
    assert problems == [
        f"{relative}:0:0: error: the file is a symbolic link "
        "(content files must be plain files in the repository; replace the link with the file)"
    ]
    result = portal.validate()
    assert result.exit_code == 1
    assert "TOKEN_do_not_print" not in result.output


def test_taxonomies_are_found_only_under_their_exact_names(portal: PortalDir) -> None:
    (portal.root / "content/categories.yaml").rename(portal.root / "content/Categories.yaml")
    kept, problems = found(portal)
    assert "content/Categories.yaml" not in kept
    assert problems == [
        "content/Categories.yaml:0:0: error: unexpected entry in the content folder; it is ignored"
        " (did you mean categories.yaml?)"
    ]
    result = portal.validate()
    assert result.exit_code == 1
    assert "content/categories.yaml:0:0: error: the file is missing" in result.output


# --- size limits ---------------------------------------------------------------------------


def sparse(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        file.truncate(size)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_file_over_its_kinds_limit_is_refused_before_reading(portal: PortalDir, kind: str) -> None:
    limit = KINDS[kind].max_bytes
    path = portal.root / PLACE[kind]
    sparse(path, limit + 1)
    document, problems = read(Source(path, PLACE[kind], KINDS[kind], None))
    assert document is None
    assert problems == [
        Problem(
            PLACE[kind],
            0,
            0,
            f"the file is {limit // KIB + 1} KiB; {kind} files may be at most {limit // KIB} KiB",
            "split or shorten it",
        )
    ]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_file_at_its_kinds_limit_is_read(portal: PortalDir, kind: str) -> None:
    limit = KINDS[kind].max_bytes
    path = portal.root / PLACE[kind]
    path.parent.mkdir(parents=True, exist_ok=True)
    head = b"a: 1\n# "
    path.write_bytes(head + b"x" * (limit - len(head) - 1) + b"\n")
    assert path.stat().st_size == limit
    document, problems = read(Source(path, PLACE[kind], KINDS[kind], None))
    assert problems == []
    assert document is not None
    assert document.data == {"a": "1"}


def test_the_limits_are_those_documented() -> None:
    assert {kind.name: kind.max_bytes for kind in FILE_KINDS} == {
        "idea": 64 * KIB,
        "answers": 512 * KIB,
        "votes": 32 * KIB * KIB,
        "community": 512 * KIB,
        "categories": 256 * KIB,
        "departments": 256 * KIB,
    }


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "2026-0001.yaml"
    source = Source(path, "content/ideas/2026-0001.yaml", FileKind("idea", "ideas", 64 * KIB), "2026-0001")
    document, problems = read(source)
    assert document is None
    assert [str(p) for p in problems] == [
        "content/ideas/2026-0001.yaml:0:0: error: cannot read the file: No such file or directory"
    ]


# --- load ----------------------------------------------------------------------------------


def _displays(loaded: Loaded) -> dict[str, list[str]]:
    """The files read, by kind."""
    return {kind: sorted(source.display for source, _ in docs) for kind, docs in loaded.documents.items()}


def test_load_reads_everything(portal: PortalDir) -> None:
    loaded = load(portal.root / "content", portal.root)
    assert loaded.problems == []
    assert loaded.files_checked == 6
    assert loaded.idea_ids == {"2026-0001", "2026-0002"}
    assert {kind: len(docs) for kind, docs in loaded.documents.items()} == {
        "categories": 1,
        "departments": 1,
        "idea": 2,
        "answers": 1,
        "votes": 1,
    }


def test_load_with_only_ids_reads_taxonomies_all_answers_and_those_ids(portal: PortalDir) -> None:
    portal.write("content/answers/2026-0002.yaml", "answers: []\n")
    portal.write("content/votes/2026-0002.yaml", "supporters: []\n")
    # Broken files of other ids are not read, so they do not fail this run.
    portal.write("content/ideas/2026-0001.yaml", "title: [broken\n")
    portal.write("content/votes/2026-0001.yaml", b"\xff")
    loaded = load(portal.root / "content", portal.root, only_ids={"2026-0002"})
    assert loaded.problems == []
    assert _displays(loaded) == {
        "categories": ["content/categories.yaml"],
        "departments": ["content/departments.yaml"],
        "idea": ["content/ideas/2026-0002.yaml"],
        "answers": ["content/answers/2026-0001.yaml", "content/answers/2026-0002.yaml"],
        "votes": ["content/votes/2026-0002.yaml"],
    }
    assert loaded.files_checked == 6
    # Every idea id is known, read or not, so links to unread ideas still resolve.
    assert loaded.idea_ids == {"2026-0001", "2026-0002"}


def test_load_ideas_reads_the_taxonomies_and_those_ideas_files_and_nothing_else(portal: PortalDir) -> None:
    portal.write("content/answers/2026-0002.yaml", "answers: []\n")
    # Neither another idea's broken file nor a stray file is read or reported: no folder is listed.
    portal.write("content/answers/2026-0001.yaml", "answers: [broken\n")
    portal.write("content/ideas/notes.txt", "draft")
    known = {"2026-0001", "2026-0002", "2026-0003"}
    loaded = load_ideas(portal.root / "content", portal.root, {"2026-0002"}, known)
    assert loaded.problems == []
    assert _displays(loaded) == {
        "categories": ["content/categories.yaml"],
        "departments": ["content/departments.yaml"],
        "idea": ["content/ideas/2026-0002.yaml"],
        "answers": ["content/answers/2026-0002.yaml"],
    }
    assert loaded.files_checked == 4
    assert loaded.idea_ids == known


def test_load_ideas_refuses_a_symbolic_link_and_does_not_read_it(
    portal: PortalDir, tmp_path_factory: pytest.TempPathFactory
) -> None:
    secret = tmp_path_factory.mktemp("outside") / "secret.yaml"
    secret.write_text("supporters: []\n", encoding="utf-8")
    os.symlink(secret, portal.root / "content/votes/2026-0002.yaml")
    loaded = load_ideas(portal.root / "content", portal.root, {"2026-0002"}, {"2026-0002"})
    assert [str(p) for p in loaded.problems] == [
        "content/votes/2026-0002.yaml:0:0: error: the file is a symbolic link "
        "(content files must be plain files in the repository; replace the link with the file)"
    ]
    assert "votes" not in loaded.documents


def test_load_with_only_ids_still_reports_misplaced_files(portal: PortalDir) -> None:
    portal.write("content/ideas/idea.yaml", "title: x\n")
    loaded = load(portal.root / "content", portal.root, only_ids={"2026-0001"})
    assert [p.path for p in loaded.problems] == ["content/ideas/idea.yaml"]


def test_load_without_a_content_folder(tmp_path: Path) -> None:
    loaded = load(tmp_path / "content", tmp_path)
    assert [str(p) for p in loaded.problems] == [
        "content:0:0: error: the content folder does not exist (check content_dir in mkdocs.yml)"
    ]
    assert loaded.files_checked == 0


def test_load_keeps_going_after_a_broken_file(portal: PortalDir) -> None:
    portal.write("content/ideas/2026-0001.yaml", "title: [broken\n")
    loaded = load(portal.root / "content", portal.root)
    assert [p.path for p in loaded.problems] == ["content/ideas/2026-0001.yaml"]
    assert loaded.files_checked == 6
    assert [source.display for source, _ in loaded.documents["idea"]] == ["content/ideas/2026-0002.yaml"]
    # The broken idea still exists as far as its answers and votes are concerned.
    assert "2026-0001" in loaded.idea_ids


def test_a_misspelt_folder_in_content_is_reported(portal: PortalDir) -> None:
    portal.write("content/idea/2026-0003.yaml", "title: [broken\n")
    result = portal.validate()
    assert result.exit_code == 1
    assert (
        "content/idea:0:0: error: unexpected entry in the content folder; it is ignored (did you mean ideas?)"
        in result.output
    )
