"""Suggestions: how often the answer a moderator would pick is among the top 3, and how fast the
ranking is for a library of 1,000 answers.

Quality is measured on the demo workspace against tests/data/answer_picks.json (demo items
labelled with the answers that fit them): once with no history, and once "leave one out",
where every other labelled item counts as an answer the moderator picked before.
Speed: SuggestionIndex.suggest over every demo item with a 1,000-answer library (the demo's 30
answers, repeated with their words shuffled), beside the simplest possible ranking (shared
word count only) timed in the same process.

    .venv/bin/python bench/suggest_bench.py [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.demo import load_demo  # noqa: E402
from desktop.item_detail import ItemDetail, load_item  # noqa: E402
from desktop.services.canned import CannedService, CannedSummary  # noqa: E402
from desktop.suggest import PastPick, SuggestionIndex, stems  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402

LABELS = ROOT / "tests" / "data" / "answer_picks.json"
NOW = 1_790_000_000


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


def big_library(answers: list[CannedSummary], size: int) -> list[CannedSummary]:
    chooser = random.Random(5)
    library = []
    for n in range(size):
        base = answers[n % len(answers)]
        variants = []
        for language, tone, body in base.variants:
            words = body.split()
            chooser.shuffle(words)
            variants.append((language, tone, " ".join(words)))
        library.append(
            replace(base, id=100_000 + n, key=f"{base.key}-{n}", variants=tuple(variants))
        )
    return library


def speed(answers: list[CannedSummary], items: list[ItemDetail]) -> dict[str, float]:
    library = big_library(answers, 1000)
    started = time.perf_counter()
    index = SuggestionIndex(library)
    build_ms = (time.perf_counter() - started) * 1000
    timings = []
    for item in items:
        started = time.perf_counter()
        index.suggest(item, 3)
        timings.append((time.perf_counter() - started) * 1000)
    profiles = [stems(" ".join(body for _l, _t, body in a.variants)) for a in library]
    baseline = []
    for item in items:
        started = time.perf_counter()
        item_stems = stems(item.text)
        sorted(range(len(profiles)), key=lambda i: -len(item_stems & profiles[i]))[:3]
        baseline.append((time.perf_counter() - started) * 1000)
    return {
        "library": len(library),
        "items": len(items),
        "build_ms": build_ms,
        "median_ms": statistics.median(timings),
        "max_ms": max(timings),
        "baseline_median_ms": statistics.median(baseline),
        "ratio_to_baseline": statistics.median(timings) / statistics.median(baseline),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="write bench/results/suggest.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.open(Path(folder) / "demo")
        load_demo(workspace.db, workspace.settings, NOW)
        answers = CannedService(workspace.db, lambda: "Bench").search()
        items = demo_items(workspace)
        labels = json.loads(LABELS.read_text(encoding="utf-8"))["items"]
        figures = {
            "quality": quality(answers, items, labels),
            "speed": speed(answers, list(items.values())),
        }
        workspace.close()
    q, s = figures["quality"], figures["speed"]
    print(f"Labelled demo items: {q['labelled_items']}")
    print(
        f"  acceptable answer in the top 3: {q['top3_cold']:.0%} (no history), "
        f"{q['top3_with_history']:.0%} (other items' picks as history)"
    )
    print(
        f"  best answer first:              {q['top1_cold']:.0%} (no history), "
        f"{q['top1_with_history']:.0%} (with history)"
    )
    print(
        f"Speed, {s['library']} answers, {s['items']} demo items: median {s['median_ms']:.2f} ms, "
        f"max {s['max_ms']:.2f} ms (target < 20 ms); index built in {s['build_ms']:.0f} ms; "
        f"{s['ratio_to_baseline']:.1f}x the shared-words-only ranking "
        f"({s['baseline_median_ms']:.2f} ms)"
    )
    if q["cold_misses"]:
        print("Missed with no history:")
        for miss in q["cold_misses"]:
            print(f"  {miss}")
    if args.json:
        out = ROOT / "bench" / "results" / "suggest.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"Wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
