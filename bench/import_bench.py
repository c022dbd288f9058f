"""Importing a ~100 MB Google Play reviews export: rows/s and peak memory of `run_import`, beside
a baseline that only reads the same file with the csv module, in the same process.

    .venv/bin/python bench/import_bench.py [--megabytes 100] [--dir PATH] [--json]

The file is generated in a temporary folder (UTF-16 with a byte order mark, as the Play
Console writes it; review texts of 40 to 600 characters, some over several lines, a third with
a developer reply), then:

1. baseline: `csv.reader` over the file, every row turned into a dict;
2. import: `inspect_file`, then `run_import` into a fresh workspace (2,000 rows per batch).

Peak memory is the resident set's high-water mark of each step. On Linux it is reset between
the steps (/proc/self/clear_refs), so each step has its own peak; elsewhere it is
`getrusage`'s ru_maxrss, which only grows, and the import's figure is then "at most".
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import WORDS  # noqa: E402

from desktop.importer import import_source, inspect_file, run_import  # noqa: E402
from desktop.importer.formats import PLAY_COLUMNS  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402

SEED = 20240501
PACKAGE = "com.example.notes"
LINK = "https://play.google.com/console/developers/1/app/2/user-feedback/review-details?reviewId="


def _text(rng: random.Random) -> str:
    length = 40 + int(560 * rng.random() ** 2)
    words = rng.choices(WORDS[rng.choice(("en", "ru"))], k=length // 5 + 2)
    text = " ".join(words)[:length].capitalize()
    if rng.random() < 0.1:
        text = text.replace(" ", "\n", 2)  # quoted newlines
    return text


def generate(path: Path, megabytes: int) -> int:
    """Write the export; return its row count."""
    rng = random.Random(SEED)
    target = megabytes << 20
    rows = 0
    millis = 1_714_557_600_000
    with path.open("w", encoding="utf-16", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(PLAY_COLUMNS)
        while handle.tell() < target:
            rows += 1
            millis += rng.randrange(1000, 60_000)
            reply = rng.random() < 0.33
            writer.writerow(
                [
                    PACKAGE,
                    "412",
                    "4.1.2",
                    rng.choice(("en", "ru", "de", "pt_BR")),
                    rng.choice(("a52q", "redfin", "OnePlus9", "")),
                    "2024-05-01T10:00:00Z",
                    str(millis),
                    "2024-05-01T10:00:00Z",
                    str(millis),
                    str(rng.randint(1, 5)),
                    "",
                    _text(rng),
                    "2024-05-02T10:00:00Z" if reply else "",
                    str(millis + 86_400_000) if reply else "",
                    "Thank you for the review!" if reply else "",
                    f"{LINK}gp:AOqpTO{rows:010d}&corpus=PUBLIC_REVIEWS",
                ]
            )
    return rows


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def baseline(path: Path) -> dict[str, Any]:
    separate = _reset_peak()
    started = time.perf_counter()
    rows = 0
    with path.open(encoding="utf-16", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for row in reader:
            dict(zip(header, row, strict=True))
            rows += 1
    seconds = time.perf_counter() - started
    return {"rows": rows, "seconds": seconds, "peak_mb": _peak_mb(), "separate_peak": separate}


def import_run(path: Path, folder: Path) -> dict[str, Any]:
    workspace = Workspace.open(folder / "workspace")
    try:
        separate = _reset_peak()
        started = time.perf_counter()
        info = inspect_file(path)
        source_id = import_source(workspace.db, info, now=int(time.time()))
        report = run_import(workspace.db, info, source_id)
        seconds = time.perf_counter() - started
        peak = _peak_mb()
    finally:
        workspace.close()
    return {
        "rows": report.rows,
        "items_added": report.added,
        "skipped": report.skipped,
        "seconds": seconds,
        "peak_mb": peak,
        "separate_peak": separate,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--dir", type=Path, help="work here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="steward-import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"reviews_{PACKAGE}_202405.csv"
    try:
        started = time.perf_counter()
        rows = generate(path, args.megabytes)
        size_mb = path.stat().st_size / 2**20
        print(
            f"generated {rows:,} rows, {size_mb:.1f} MB in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        start_mb = _peak_mb()
        read = baseline(path)
        imported = import_run(path, folder)
    finally:
        if args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    figures = {
        "file_mb": round(size_mb, 1),
        "rows": rows,
        "process_before_mb": round(start_mb, 1),
        "baseline": read,
        "import": imported,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    at_most = "" if imported["separate_peak"] else "≤ "
    print(f"file: {size_mb:.1f} MB, {rows:,} rows (resident before: {start_mb:.0f} MB)")
    print(f"{'':<22}{'rows/s':>10}{'seconds':>10}{'peak RSS':>12}")
    for name, run, prefix in (
        ("csv reading only", read, ""),
        ("import (run_import)", imported, at_most),
    ):
        print(
            f"{name:<22}{run['rows'] / run['seconds']:>10,.0f}{run['seconds']:>10.1f}"
            f"{prefix:>4}{run['peak_mb']:>5.0f} MB"
        )
    print(f"items added: {imported['items_added']:,} (reviews and their replies)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
