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
import gc
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
from desktop.item_detail import ItemDetail  # noqa: E402
from desktop.services.canned import CannedService, CannedSummary  # noqa: E402
from desktop.suggest import SuggestionIndex, stems  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402
from tests.support.answer_picks import LABELS, demo_items, quality  # noqa: E402

NOW = 1_790_000_000


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
    gc.freeze()  # as the panel does once it has built the index
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
