from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from desktop.demo import load_demo_answers
from desktop.history import item_timeline
from desktop.inbox import InboxQuery, item_ids
from desktop.services.canned import CannedService, word_changes
from desktop.services.canned_library import (
    LibraryFileError,
    category_counts,
    export_library,
    file_format,
    import_library,
    library_text,
    list_library,
    load_answer,
    new_key,
    parse_library,
    save_answer,
    set_archived,
)
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.helpers import add_source, ingest
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
    assert broken.returncode == 1
    assert "not valid JSON (line 1" in broken.stderr
    assert "Nothing was imported" in broken.stderr


def test_a_yaml_file_round_trips_into_an_empty_workspace(
    workspace: Workspace, tmp_path: Path
) -> None:
    load_demo_answers(workspace.db, NOW)
    exported = export_library(workspace.db)
    text = library_text(exported, "yaml")
    assert text.startswith("format: steward-answers\nversion: 1\n")
    assert "Спасибо" in text  # written as text, not escaped
    other = Workspace.open(tmp_path / "other")
    try:
        result = import_library(other.db, parse_library(text, "yaml"), NOW)
        assert (result.added, result.updated, result.unchanged) == (30, 0, 0)
        assert export_library(other.db) == exported
    finally:
        other.close()


def test_yaml_is_read_as_plain_data_only() -> None:
    hostile = "format: !!python/object/apply:os.system ['touch /tmp/steward-pwned']\n"
    with pytest.raises(LibraryFileError, match="not valid YAML"):
        parse_library(hostile, "yaml")
    with pytest.raises(LibraryFileError, match=r"not valid YAML \(line 2"):
        parse_library("format: x\n  - broken: [\n", "yaml")
    assert not Path("/tmp/steward-pwned").exists()


def test_the_file_format_follows_the_name() -> None:
    assert file_format("team.yaml") == file_format("TEAM.YML") == "yaml"
    assert file_format("team.json") == file_format("-") == "json"


def test_the_command_line_speaks_yaml(tmp_path: Path) -> None:
    file = tmp_path / "answers.yaml"
    exported = steward("--demo", "canned", "export", str(file), data_root=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert file.read_text(encoding="utf-8").startswith("format: steward-answers")
    fresh = tmp_path / "fresh"
    imported = steward("--workspace", str(fresh), "canned", "import", str(file), data_root=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "30 added, 0 updated, 0 unchanged"


def test_answers_are_created_edited_and_archived_one_at_a_time(workspace: Workspace) -> None:
    load_demo_answers(workspace.db, NOW)
    canned = CannedService(workspace.db, lambda: "Ann", clock=lambda: NOW)
    key = new_key(workspace.db, "Спасибо за отзыв! Thanks")
    assert key == "thanks"  # the Cyrillic part has no ASCII letters; "thanks" is free
    answer = {
        "key": key,
        "category": "thanks",
        "title": {"en": "Thanks for the review", "ru": "Спасибо за отзыв"},
        "shortcut": "thx",
        "platforms": [],
        "archived": False,
        "variants": [{"language": "en", "tone": "formal", "body": "Thank you, {author}."}],
    }
    answer_id = save_answer(workspace.db, answer, NOW)
    assert new_key(workspace.db, "Thanks") == "thanks-2"
    canned.record_use(answer_id, _any_item(workspace))
    answer["variants"].append({"language": "ru", "tone": "informal", "body": "Спасибо, {author}!"})
    assert save_answer(workspace.db, answer, NOW) == answer_id
    stored = load_answer(workspace.db, answer_id)
    assert stored is not None and len(stored["variants"]) == 2
    entry = next(e for e in list_library(workspace.db, "thx") if e.id == answer_id)
    assert (entry.usage_count, entry.last_used_at) == (1, NOW)  # editing keeps the usage

    clash = dict(answer, key="other", shortcut=list_library(workspace.db)[-1].shortcut)
    with pytest.raises(LibraryFileError, match="already used by"):
        save_answer(workspace.db, clash, NOW)
    with pytest.raises(LibraryFileError, match="no variants"):
        save_answer(workspace.db, dict(answer, variants=[]), NOW)

    counts = category_counts(workspace.db)
    set_archived(workspace.db, answer_id, True)
    assert category_counts(workspace.db)["thanks"] == counts["thanks"] - 1
    assert category_counts(workspace.db)["archived"] == counts.get("archived", 0) + 1
    assert answer_id not in {a.id for a in canned.search()}
    assert canned.by_shortcut("thx") is None
    assert [e.id for e in list_library(workspace.db, "thx", archived=True)] == [answer_id]
    assert all(e.category == "refute" for e in list_library(workspace.db, category="refute"))
    set_archived(workspace.db, answer_id, False)
    assert canned.by_shortcut("thx") is not None


def _any_item(workspace: Workspace) -> int:
    source_id = add_source(workspace)
    ingest(workspace, source_id, [remote_item(1)])
    return item_ids(workspace.db, InboxQuery())[0]


def test_the_reply_history_says_how_an_answer_was_edited(workspace: Workspace) -> None:
    load_demo_answers(workspace.db, NOW)
    canned = CannedService(workspace.db, lambda: "Ann", clock=lambda: NOW)
    item_id = _any_item(workspace)
    first, second = canned.search()[:2]
    canned.record_sent(
        item_id,
        [(first.id, "Thank you for the kind words."), (second.id, "We fixed it in 2.4.")],
        "Thank you so much for the words. We fixed it in 2.4.",
    )
    events = [e for e in item_timeline(workspace.db, item_id) if e.kind == "canned_sent"]
    by_key = {e.data["key"]: e.data for e in events}
    assert by_key[first.key]["inserted"] == "Thank you for the kind words."
    # "kind" dropped, "so much" added, and the second answer's 5 words are added to the first.
    assert (by_key[first.key]["words_added"], by_key[first.key]["words_removed"]) == (2 + 5, 1)
    assert (by_key[second.key]["words_added"], by_key[second.key]["words_removed"]) == (7, 0)
    assert word_changes(["a", "b"], ["a", "b"]) == (0, 0)
