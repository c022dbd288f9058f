from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from desktop.demo import load_demo_answers
from desktop.services.canned_library import (
    LibraryFileError,
    export_library,
    import_library,
)
from desktop.workspace import Workspace
from tests.conftest import NOW
from tests.desktop.test_cli import steward


def test_export_then_import_into_an_empty_workspace_gives_the_same_library(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_demo_answers(workspace.db, NOW)
    exported = export_library(workspace.db)
    assert len(exported["answers"]) == 30
    other = Workspace.open(tmp_path / "other")
    try:
        first = import_library(other.db, json.loads(json.dumps(exported)), NOW)
        assert (first.added, first.updated, first.unchanged) == (30, 0, 0)
        assert export_library(other.db) == exported
        again = import_library(other.db, exported, NOW)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 30)
        changed = copy.deepcopy(exported)
        changed["answers"][0]["variants"][0]["body"] += " Edited."
        assert import_library(other.db, changed, NOW).updated == 1
        assert export_library(other.db) == changed
    finally:
        other.close()


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda d: d.update(format="other"), "not a Steward answer library"),
        (lambda d: d.update(version=99), "format version 99"),
        (lambda d: d["answers"][1].update(category="jokes"), "unknown category"),
        (lambda d: d["answers"][2].update(variants=[]), "no variants"),
        (lambda d: d["answers"][3].update(shortcut=d["answers"][4]["shortcut"]), "reuses"),
        (lambda d: d["answers"].append(dict(d["answers"][0])), "appears twice"),
    ],
)
def test_a_broken_file_changes_nothing_and_says_why(
    workspace: Workspace, break_it: object, message: str
) -> None:
    load_demo_answers(workspace.db, NOW)
    data = export_library(workspace.db)
    before = copy.deepcopy(data)
    data["answers"][0]["variants"][0]["body"] = "This change must not land."
    break_it(data)  # type: ignore[operator]
    with pytest.raises(LibraryFileError, match=message):
        import_library(workspace.db, data, NOW)
    assert export_library(workspace.db) == before


def test_the_command_line_exports_and_imports(tmp_path: Path) -> None:
    file = tmp_path / "answers.json"
    exported = steward("--demo", "canned", "export", str(file), data_root=tmp_path)
    assert exported.returncode == 0, exported.stderr
    fresh = tmp_path / "fresh"
    imported = steward("--workspace", str(fresh), "canned", "import", str(file), data_root=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "30 added, 0 updated, 0 unchanged"
    file.write_text("{not json", encoding="utf-8")
    broken = steward("--workspace", str(fresh), "canned", "import", str(file), data_root=tmp_path)
    assert broken.returncode == 1 and "nothing was imported" in broken.stderr
