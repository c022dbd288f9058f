"""Importing review exports: Google Play's CSV, the generic CSV/JSON format, broken files, and
memory that stays bounded however big the file is."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.cli import build_parser, run_command
from desktop.db.models import Item, Source
from desktop.importer import (
    ImportFailed,
    Progress,
    apply_overrides,
    import_source,
    inspect_file,
    parse_map_options,
    run_import,
    suggest_mapping,
)
from desktop.importer.formats import PLAY_COLUMNS, play_review_id
from desktop.services.outbox import OutboxService
from desktop.workspace import Workspace

NOW = 1_790_000_000
PACKAGE = "com.example.notes"
LINK = (
    "https://play.google.com/console/u/0/developers/5550001/app/4970001/user-feedback/"
    "review-details?reviewId=gp:AOqpTOH{n}&corpus=PUBLIC_REVIEWS"
)


def play_row(n: int, **values: str) -> list[str]:
    """A Play Console row; `n` makes it unique and orders it in time."""
    millis = 1_714_557_600_000 + n * 3_600_000
    row = {
        "Package Name": PACKAGE,
        "App Version Code": "412",
        "App Version Name": "4.1.2",
        "Reviewer Language": "en",
        "Device": "a52q",
        "Review Submit Date and Time": "2024-05-01T10:00:00Z",
        "Review Submit Millis Since Epoch": str(millis),
        "Review Last Update Date and Time": "2024-05-01T10:00:00Z",
        "Review Last Update Millis Since Epoch": str(millis),
        "Star Rating": str(1 + n % 5),
        "Review Title": "",
        "Review Text": f"Review number {n}",
        "Developer Reply Date and Time": "",
        "Developer Reply Millis Since Epoch": "",
        "Developer Reply Text": "",
        "Review Link": LINK.format(n=n),
    }
    row.update(values)
    return [row[c] for c in PLAY_COLUMNS]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_play(path: Path, rows: Iterable[Sequence[str]], *, encoding: str = "utf-16") -> Path:
    """As the Play Console writes it: UTF-16 LE with a byte order mark."""
    text = csv_text(PLAY_COLUMNS, rows)
    data = b"\xff\xfe" + text.encode("utf-16-le") if encoding == "utf-16" else text.encode(encoding)
    path.write_bytes(data)
    return path


def items_of(workspace: Workspace, source_id: int) -> dict[str, Item]:
    with workspace.db.sessions() as session:
        rows = session.scalars(select(Item).where(Item.source_id == source_id))
        return {item.remote_id: item for item in rows}


def import_file(workspace: Workspace, path: Path, **options: Any) -> tuple[int, Any]:
    fmt = options.pop("fmt", None)
    encoding = options.pop("encoding", None)
    info = inspect_file(path, fmt, encoding)
    source_id = import_source(workspace.db, info, now=NOW)
    return source_id, run_import(workspace.db, info, source_id, clock=lambda: NOW, **options)


# -- Google Play's CSV ----------------------------------------------------------------------------


def test_a_play_export_becomes_reviews_with_their_developer_replies(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_play(
        tmp_path / f"reviews_{PACKAGE}_202405.csv",
        [
            play_row(
                1,
                **{
                    "Review Text": "Crashes when I open a note.\nEvery single time, since 4.1",
                    "Review Title": "Broken",
                    "Developer Reply Text": "Sorry! Fixed in 4.1.3.",
                    "Developer Reply Millis Since Epoch": "1714650000000",
                },
            ),
            play_row(2, **{"Review Link": "", "Reviewer Language": "de", "Review Text": "Gut"}),
            play_row(3, **{"Review Text": "", "Star Rating": "4"}),  # a rating without words
        ],
    )
    info = inspect_file(path)
    assert info.format == "play-csv" and info.encoding == "utf-16"
    assert info.package == PACKAGE and info.platform == "google_play"
    assert info.default_source_name == f"Google Play import ({PACKAGE})"

    source_id = import_source(workspace.db, info, now=NOW)
    report = run_import(workspace.db, info, source_id, clock=lambda: NOW)
    assert (report.added, report.updated, report.skipped, report.error) == (4, 0, 0, None)

    items = items_of(workspace, source_id)
    review = items["gp:AOqpTOH1"]  # the API's reviewId, read from the link
    assert review.kind == "review" and review.rating == 2
    assert review.text == "Broken\nCrashes when I open a note.\nEvery single time, since 4.1"
    assert (review.app_version, review.device, review.language) == ("4.1.2", "a52q", "en")
    assert review.created_at == 1_714_561_200
    reply = items["gp:AOqpTOH1/reply"]
    assert reply.kind == "reply" and reply.parent_id == review.id
    assert reply.text == "Sorry! Fixed in 4.1.3." and reply.created_at == 1_714_650_000
    assert json.loads(reply.extra)["own"] is True and reply.status == "done"

    unlinked = play_review_id(PACKAGE, play_row(2)[6], "Gut", "")
    assert unlinked.startswith("play-csv:") and items[unlinked].language == "de"
    assert len(items) == 4


def test_the_same_export_twice_adds_nothing_and_an_edited_review_is_updated(
    workspace: Workspace, tmp_path: Path
) -> None:
    rows = [play_row(n) for n in range(1, 6)]
    rows.append(play_row(6, **{"Review Link": ""}))  # by hash: stable as well
    path = write_play(tmp_path / "reviews.csv", rows)
    source_id, first = import_file(workspace, path)
    assert (first.added, first.updated, first.unchanged) == (6, 0, 0)

    _, again = import_file(workspace, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)

    rows[2] = play_row(3, **{"Review Text": "Review number 3, now with more to say"})
    write_play(path, rows)
    _, edited = import_file(workspace, path)
    assert (edited.added, edited.updated, edited.unchanged) == (0, 1, 5)
    assert items_of(workspace, source_id)["gp:AOqpTOH3"].text.endswith("more to say")
    with workspace.db.sessions() as session:
        assert len(list(session.scalars(select(Source)))) == 1  # found again by its name


def test_a_malformed_row_is_reported_by_its_physical_line_and_the_others_kept(
    workspace: Workspace, tmp_path: Path
) -> None:
    text = csv_text(
        PLAY_COLUMNS,
        [
            play_row(1, **{"Review Text": "line one\nline two\nline three"}),  # lines 2-4
            play_row(2),  # line 5
            [*play_row(3), "an extra field"],  # line 6
            play_row(4, **{"Star Rating": "lots"}),  # line 7
            play_row(5, **{"Review Text": "two\nlines"}),  # lines 8-9
            play_row(
                6, **{"Review Submit Millis Since Epoch": "", "Review Submit Date and Time": ""}
            ),
        ],
    )
    path = tmp_path / "reviews.csv"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    seen = []
    _, report = import_file(workspace, path, problem=seen.append)
    assert [p.line for p in report.problems] == [6, 7, 10]
    assert seen == report.problems and report.skipped == 3
    assert "17 fields where the header has 16" in report.problems[0].message
    assert "'lots'" in report.problems[1].message
    assert "Review Submit time" in report.problems[2].message
    assert report.added == 3
    assert report.summary() == "3 added, 0 updated, 0 unchanged, 3 rows skipped (see above)"


def test_a_utf8_play_export_is_read_but_a_wrong_claim_is_explained(
    workspace: Workspace, tmp_path: Path
) -> None:
    # A spreadsheet saving the export again writes UTF-8: the header still says what it is.
    resaved = write_play(tmp_path / "resaved.csv", [play_row(1)], encoding="utf-8")
    assert inspect_file(resaved).format == "play-csv"

    with pytest.raises(ImportFailed, match=r"does not read as utf-16.*try the encoding utf-8"):
        inspect_file(resaved, "play-csv", "utf-16")

    other = tmp_path / "export.csv"
    other.write_text(csv_text(["date", "text"], [["2024-05-01", "Nice"]]), encoding="utf-8")
    with pytest.raises(ImportFailed) as raised:
        inspect_file(other, "play-csv")
    message = str(raised.value)
    assert "not a Google Play reviews export" in message
    assert "Package Name, Review Submit Date and Time" in message and "UTF-16" in message


def test_a_play_export_goes_only_into_a_google_play_source(
    workspace: Workspace, tmp_path: Path
) -> None:
    with workspace.db.transaction() as session:
        session.add(Source(platform="youtube", name="Channel", settings="{}", created_at=NOW))
    path = write_play(tmp_path / "reviews.csv", [play_row(1)])
    args = build_parser().parse_args(
        ["--workspace", str(workspace.path), "import", str(path), "--source", "Channel"]
    )
    out = io.StringIO()
    assert run_command(args, out) == 1
    assert items_of(workspace, 1) == {}


# -- the generic format ---------------------------------------------------------------------------


def test_the_mapping_is_guessed_from_the_names_and_corrected_with_map_options() -> None:
    columns = ["Review ID", "When", "Body", "Stars", "Reviewer", "Country", "Reply", "Notes"]
    suggested = suggest_mapping(columns)
    assert suggested == {
        "id": "Review ID",
        "text": "Body",
        "rating": "Stars",
        "author": "Reviewer",
        "territory": "Country",
        "reply_text": "Reply",
    }
    mapping = apply_overrides(suggested, parse_map_options(["When=created_at"]), columns)
    assert mapping["created_at"] == "When"
    moved = apply_overrides(mapping, parse_map_options(["Body=title", "Notes=text"]), columns)
    assert moved["title"] == "Body" and moved["text"] == "Notes"
    with pytest.raises(ImportFailed, match="no field 'stars'"):
        parse_map_options(["Stars=stars"])
    with pytest.raises(ImportFailed, match="no column 'Score'"):
        apply_overrides(suggested, {"rating": "Score"}, columns)


def test_a_generic_csv_with_a_mapping_through_the_command_line(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "store-reviews.csv"
    path.write_text(
        csv_text(
            ["Review ID", "When", "Body", "Stars", "Reviewer", "Country", "Reply", "Replied"],
            [
                ["r1", "2024-05-01T12:30:00Z", "Lovely; works offline", "5", "Ann", "FR", "", ""],
                [
                    "r2",
                    "1714570000",
                    "Slow\non my phone",
                    "2",
                    "Bob",
                    "US",
                    "Try 2.0",
                    "1714600000",
                ],
                ["r3", "yesterday", "?", "3", "Cy", "", "", ""],
            ],
        ),
        encoding="utf-8",
    )
    argv = ["--workspace", str(workspace.path), "import", str(path), "--map", "When=created_at"]
    out = io.StringIO()
    assert run_command(build_parser().parse_args(argv), out) == 0
    assert out.getvalue() == (
        "Imported into “Import (store-reviews)”: "
        "3 added, 0 updated, 0 unchanged, 1 rows skipped (see above)\n"
    )
    err = capsys.readouterr().err
    assert "When → created_at" in err
    assert "store-reviews.csv line 5: has the time 'yesterday'" in err

    with workspace.db.sessions() as session:
        source = session.scalars(select(Source)).one()
    items = items_of(workspace, source.id)
    assert items["r1"].created_at == 1_714_566_600 and items["r1"].rating == 5
    assert json.loads(items["r1"].extra) == {"territory": "FR"}
    assert items["r2"].text == "Slow\non my phone"
    assert items["r2/reply"].parent_id == items["r2"].id
    assert items["r2/reply"].created_at == 1_714_600_000

    assert run_command(build_parser().parse_args(argv), out) == 0
    assert out.getvalue().endswith("0 added, 0 updated, 3 unchanged, 1 rows skipped (see above)\n")


def test_an_import_source_has_no_connector_sync_passes_it_and_no_action_is_offered(
    workspace: Workspace, tmp_path: Path
) -> None:
    import asyncio

    from desktop.sync.engine import SyncEngine

    path = write_play(tmp_path / "reviews.csv", [play_row(1)])
    source_id, _report = import_file(workspace, path)
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        assert source.enabled is False and json.loads(source.settings) == {"connector": "import"}
        item_id = session.scalars(select(Item.id).where(Item.kind == "review")).one()
    assert not OutboxService(workspace.db, actor=lambda: "Tester").capabilities(item_id).actions
    engine = SyncEngine(workspace.db)
    try:
        assert asyncio.run(engine.run_once()) == []
    finally:
        engine.close()


def test_a_missing_required_column_is_named(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(csv_text(["id", "comment", "stars"], [["1", "Hi", "4"]]), encoding="utf-8")
    info = inspect_file(path)
    assert info.format == "csv" and "created_at" not in info.mapping
    with pytest.raises(ImportFailed, match=r"No column is mapped to created_at \(required\)"):
        run_import(workspace.db, info, import_source(workspace.db, info, now=NOW))


def test_latin1_bytes_are_reported_and_read_with_the_encoding_given(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    text = csv_text(
        ["id", "created_at", "text"], [["1", "1714570000", "ok"], ["2", "1714570001", "Très bien"]]
    )
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(ImportFailed) as raised:
        inspect_file(path)
    assert "not UTF-8 text (byte 0xE8 on line 3" in str(raised.value)
    assert "cp1252" in str(raised.value)

    source_id, report = import_file(workspace, path, encoding="latin-1")
    assert report.added == 2 and items_of(workspace, source_id)["2"].text == "Très bien"
    with pytest.raises(ImportFailed, match="does not know the encoding 'klingon'"):
        inspect_file(path, encoding="klingon")


def test_a_json_array_is_read_incrementally_with_lines_for_bad_elements(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "reviews.json"
    elements = [
        {"id": "a1", "created_at": "2024-05-01T10:00:00+02:00", "text": "Good", "rating": 4},
        "not an object",
        {
            "id": 7,
            "created_at": 1714570000,
            "text": 'Bad "sync"\n',
            "author": "Dee",
            "author_id": "u9",
            "reply_text": "Fixed",
            "reply_at": 1714580000,
            "kind": "comment",
        },
    ]
    # Pretty-printed: each element spreads over several lines.
    path.write_text(json.dumps(elements, indent=2), encoding="utf-8")
    info = inspect_file(path)
    assert info.format == "json"
    assert info.columns[:3] == ["id", "created_at", "text"] and "reply_at" in info.columns
    source_id = import_source(workspace.db, info, now=NOW)
    report = run_import(workspace.db, info, source_id, batch_rows=1)
    assert report.added == 3 and report.skipped == 1
    assert str(report.problems[0]) == "line 8: element 2 is a JSON str, not an object; skipped"
    items = items_of(workspace, source_id)
    assert items["a1"].created_at == 1_714_550_400
    assert items["7"].kind == "comment" and items["7/reply"].parent_id == items["7"].id
    with workspace.db.sessions() as session:
        author = session.scalars(select(Item.author_id).where(Item.remote_id == "7")).one()
    assert author is not None


def test_json_lines_skip_a_malformed_line_and_keep_the_rest(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "reviews.jsonl"
    lines = [
        json.dumps({"id": "1", "created_at": 1714570000, "text": "one"}),
        "",
        '{"id": "2", "created_at": 1714570001, "text": "two"',  # not closed
        json.dumps({"id": "3", "created_at": 1714570002, "text": "three", "rating": 9}),
        json.dumps({"id": "4", "created_at": 1714570003, "text": "four"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source_id, report = import_file(workspace, path)
    assert [(p.line, p.message.split(" (")[0]) for p in report.problems] == [
        (3, "is not valid JSON"),
        (4, "has the rating '9'; a rating is a whole number from 1 to 5"),
    ]
    assert sorted(items_of(workspace, source_id)) == ["1", "4"]


def test_json_that_is_not_a_list_of_objects_or_breaks_off(
    workspace: Workspace, tmp_path: Path
) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"reviews": [{"id": 1}]}, indent=2), encoding="utf-8")
    with pytest.raises(ImportFailed, match="one JSON object, not a list of objects"):
        inspect_file(single)
    number = tmp_path / "number.json"
    number.write_text("42", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not a JSON list of objects"):
        inspect_file(number, "json")

    broken = tmp_path / "broken.json"
    good = [{"id": str(n), "created_at": 1714570000 + n, "text": f"t{n}"} for n in range(3)]
    body = ",\n".join(json.dumps(e) for e in good)
    broken.write_text(f'[\n{body},\n{{"id": "x", "text": }}\n]', encoding="utf-8")
    source_id, report = import_file(workspace, broken)
    assert report.error is not None and "malformed at line 5" in report.error
    assert report.added == 3 and len(items_of(workspace, source_id)) == 3


def test_empty_files_say_so(tmp_path: Path) -> None:
    for name in ("empty.csv", "empty.json"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(ImportFailed, match="The file is empty"):
            inspect_file(tmp_path / name)
    (tmp_path / "bom-only.csv").write_bytes(b"\xff\xfe")
    with pytest.raises(ImportFailed, match="The file is empty"):
        inspect_file(tmp_path / "bom-only.csv")
    header_only = write_play(tmp_path / "reviews.csv", [])
    assert inspect_file(header_only).preview == []


# -- size: progress, cancelling, memory -----------------------------------------------------------


def test_progress_follows_the_bytes_and_cancel_keeps_the_batches_stored(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_play(tmp_path / "reviews.csv", [play_row(n) for n in range(1, 1001)])
    seen: list[Progress] = []
    source_id, report = import_file(workspace, path, progress=seen.append, batch_rows=100)
    # After each batch of 100 rows, and once at the end.
    assert len(seen) == 11 and seen[-1].fraction == 1.0 and seen[-1].rows == 1000
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and fractions[0] < 0.5

    path2 = write_play(tmp_path / "more.csv", [play_row(n) for n in range(2001, 3001)])
    calls: list[Progress] = []
    info = inspect_file(path2)
    report = run_import(
        workspace.db,
        info,
        source_id,
        batch_rows=100,
        progress=calls.append,
        cancelled=lambda: len(calls) >= 3,
    )
    assert report.cancelled and report.added == 300
    assert len(items_of(workspace, source_id)) == 1300


def _big_play_file(path: Path, target_bytes: int) -> int:
    """A Play export of about `target_bytes`, written row by row; returns the row count."""
    filler = "The app keeps my notes in order, but syncing could be faster. " * 12
    rows = 0
    with path.open("w", encoding="utf-16", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(PLAY_COLUMNS)
        while handle.tell() < target_bytes:
            rows += 1
            writer.writerow(play_row(rows, **{"Review Text": f"{rows}: {filler}"}))
    return rows


def test_a_big_file_is_imported_in_bounded_memory(workspace: Workspace, tmp_path: Path) -> None:
    """A 20 MB export is about 10 million characters once decoded: holding the file, its text
    or its rows at once would need well over 20 MB of Python memory. Streaming it in batches
    peaks at the size of one batch."""
    path = tmp_path / "reviews_big.csv"
    rows = _big_play_file(path, 20 << 20)
    info = inspect_file(path)
    source_id = import_source(workspace.db, info, now=NOW)
    tracemalloc.start()
    try:
        report = run_import(workspace.db, info, source_id, batch_rows=500)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.added == rows and report.skipped == 0
    assert path.stat().st_size > 20 << 20
    assert peak < 6 << 20, f"peak {peak / 2**20:.1f} MiB"

    # The whole-file way, for scale: every row held at once.
    tracemalloc.start()
    try:
        with path.open(encoding="utf-16", newline="") as handle:
            held = list(csv.reader(handle))
        _current, whole_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(held) == rows + 1 and whole_peak > 12 << 20 and peak < whole_peak / 2
