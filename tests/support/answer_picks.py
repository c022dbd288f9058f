"""The labelled set of demo items and the answers that fit them (tests/data/answer_picks.json),
and how well the suggestions find them: shared by the regression test and bench/suggest_bench.py.
"""

from __future__ import annotations

from pathlib import Path

from desktop.item_detail import ItemDetail, load_item
from desktop.services.canned import CannedSummary
from desktop.suggest import PastPick, SuggestionIndex, stems
from desktop.workspace import Workspace

LABELS = Path(__file__).resolve().parent.parent / "data" / "answer_picks.json"


def demo_items(workspace: Workspace) -> dict[str, ItemDetail]:
    connection = workspace.db.raw()
    try:
        rows = connection.execute("SELECT id, remote_id FROM items").fetchall()
    finally:
        connection.close()
    found = {}
    for item_id, remote_id in rows:
        detail = load_item(workspace.db, item_id)
        if detail is not None:
            found[remote_id] = detail
    return found


def quality(
    answers: list[CannedSummary], items: dict[str, ItemDetail], labels: list[dict[str, object]]
) -> dict[str, object]:
    by_key = {a.key: a for a in answers}
    cold = SuggestionIndex(answers)
    results = {"cold": [0, 0], "with_history": [0, 0]}
    misses: list[str] = []
    for n, label in enumerate(labels):
        detail = items[f"{label['platform']}-{label['key']}"]
        acceptable = set(label["acceptable"])  # type: ignore[arg-type]
        others = [
            PastPick(
                by_key[str(o["best"])].id,
                stems(items[f"{o['platform']}-{o['key']}"].text),
            )
            for m, o in enumerate(labels)
            if m != n
        ]
        for name, index in (("cold", cold), ("with_history", SuggestionIndex(answers, others))):
            top = [s.answer.key for s in index.suggest(detail, 3)]
            results[name][0] += bool(acceptable & set(top))
            results[name][1] += bool(top) and top[0] in acceptable
            if name == "cold" and not acceptable & set(top):
                misses.append(f"{label['platform']}-{label['key']}: wanted {sorted(acceptable)}")
    total = len(labels)
    return {
        "labelled_items": total,
        "top3_cold": results["cold"][0] / total,
        "top1_cold": results["cold"][1] / total,
        "top3_with_history": results["with_history"][0] / total,
        "top1_with_history": results["with_history"][1] / total,
        "cold_misses": misses,
    }
