"""Sync throughput and GUI responsiveness: a first pull of 100,000 items from the community
server (running in its own process) by SyncEngine.run_once() on a qasync loop, beside the raw
sqlite3 executemany upsert rate of the same rows, while a 10 ms QTimer heartbeat watches the loop.

    .venv/bin/python bench/sync_bench.py [--items 100000] [--page-size 500] [--runs 3] [--json]

Each run is a fresh process (the pull, then the raw baselines); the table shows medians.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus import NAMES, WORDS

Figures = dict[str, Any]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "sync.json"
ITEMS, PAGE_SIZE, AUTHORS, CONTEXTS, SEED = 100_000, 500, 5_000, 200, 20240601
COMMUNITY, ACCOUNT = "bench", "@lumo_team"
HEARTBEAT_MS = 10
DAY = 86400


# -- the platform: runs in its own process (--serve) ------------------------------------------


def _text(rng: random.Random, language: str) -> str:
    """40 to 600 characters, more short ones than long ones (mean ≈ 225)."""
    length = 40 + int(560 * rng.random() ** 2)
    words = rng.choices(WORDS[language], k=length // 5 + 2)
    text = " ".join(words).capitalize()
    while len(text) < length:
        text += ". " + " ".join(rng.choices(WORDS[language], k=8)).capitalize()
    return text[:length].rstrip() + rng.choice((".", "!", "?"))


def platform_items(count: int, seed: int, now: int) -> Iterator[dict[str, Any]]:
    """The community's items in creation order, spread over the last 13 days (inside the
    source's 14-day backfill): about 5,000 authors (a few very active), 200 contexts,
    Russian and English, a fifth of them replies to a recent item, a few held or spam."""
    rng = random.Random(seed)
    authors = []
    for a in range(AUTHORS):
        language = "ru" if rng.random() < 0.4 else "en"
        first, last = rng.choice(NAMES[language][0]), rng.choice(NAMES[language][1])
        authors.append(
            {"id": f"a{a}", "handle": f"@user{a}", "name": f"{first} {last}", "language": language}
        )
    contexts = [
        {
            "id": f"v{c}",
            "kind": "video" if c % 3 else "post",
            "title": f"Video {c}: " + " ".join(rng.choices(WORDS["en"], k=4)),
            "url": f"https://example.com/v/{c}",
        }
        for c in range(CONTEXTS)
    ]
    start, span = now - 13 * DAY, 13 * DAY - 3600
    for n in range(count):
        author = authors[int(AUTHORS * rng.random() ** 2)]
        language = author["language"] if rng.random() < 0.9 else rng.choice(("en", "ru"))
        roll = rng.random()
        item: dict[str, Any] = {
            "id": f"c{n}",
            "kind": "comment",
            "text": _text(rng, language),
            "created_at": start + n * span // count,  # parents come before their replies
            "language": language,
            "author": author,
            "context": contexts[int(CONTEXTS * rng.random() ** 2)],
            "sentiment": round(rng.uniform(-1, 1), 2),
            "spam_score": round(rng.uniform(0.6, 1) if roll < 0.03 else rng.uniform(0, 0.3), 2),
            "state": "spam" if roll < 0.01 else "held" if roll < 0.03 else "visible",
        }
        if n > 10 and rng.random() < 0.2:
            item["kind"] = "reply"
            item["parent_id"] = f"c{n - rng.randint(1, min(n, 500))}"
        yield item


def serve(count: int, seed: int, now: int) -> None:
    """The server process: build the community, print the port, then serve. Each line on stdin
    asks for what serving cost since the last one; end of input stops the server."""
    from desktop.demo_platform.community import Community
    from desktop.demo_platform.server import CommunityServer

    started = time.perf_counter()
    community = Community(COMMUNITY, ACCOUNT, "Lumo Team")
    items = list(platform_items(count, seed, now))
    community.add_many(items)
    mean_text = statistics.fmean(len(i["text"]) for i in items)
    del items
    page_s = [0.0]
    real_page = Community.page

    def timed_page(self: Community, *args: Any) -> dict[str, Any]:
        t = time.perf_counter()
        body = real_page(self, *args)
        page_s[0] += time.perf_counter() - t
        return body

    setattr(Community, "page", timed_page)  # noqa: B010
    server = CommunityServer().start()
    server.add_community(community)
    build_s = time.perf_counter() - started
    print(json.dumps({"port": server.port, "build_s": build_s, "mean_text": mean_text}), flush=True)
    cpu0, requests0 = time.process_time(), 0
    for _ in sys.stdin:
        cpu, requests = time.process_time(), len(server.requests)
        figures = {"cpu_s": cpu - cpu0, "page_s": page_s[0], "requests": requests - requests0}
        print(json.dumps(figures), flush=True)
        cpu0, requests0, page_s[0] = cpu, requests, 0.0
    server.stop()


class Server:
    """The platform process, seen from the driver."""

    def __init__(self, count: int, now: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", "--items", str(count), "--now", str(now)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        line = self.stdout.readline()
        if not line:
            self.process.wait()
            sys.exit(f"the server process failed ({self.process.returncode})")
        self.hello: Figures = json.loads(line)

    def costs(self) -> Figures:
        """What serving cost since the last call."""
        self.stdin.write("\n")
        self.stdin.flush()
        costs: Figures = json.loads(self.stdout.readline())
        return costs

    def stop(self) -> None:
        self.stdin.close()
        self.process.wait(timeout=60)


# -- one run: a fresh process ----------------------------------------------------------------


class Heartbeat:
    """A QTimer ticking every 10 ms on the GUI thread; the gaps between ticks are how long the
    event loop could not run anything (a gap of 10 ms is a perfectly idle loop)."""

    def __init__(self, interval_ms: int = HEARTBEAT_MS) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.ticks: list[float] = []

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        self.ticks.append(time.perf_counter())
        return [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:], strict=False)]

    def longest(self, gaps: list[float], count: int = 5) -> list[tuple[float, float]]:
        """The longest gaps as (ms, seconds from the start to the gap's beginning)."""
        worst = sorted(range(len(gaps)), key=gaps.__getitem__, reverse=True)[:count]
        return [(gaps[n], self.ticks[n] - self.ticks[0]) for n in sorted(worst)]


class FullCollections:
    """Python's full (generation 2) garbage collections: each one stops every thread."""

    def __init__(self) -> None:
        self.pauses: list[tuple[float, float]] = []  # (start, ms)
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((self._started, (time.perf_counter() - self._started) * 1000))


def _add_source(workspace: Any, port: int, page_size: int) -> int:
    from desktop.db.models import Source, SyncState

    settings = {
        "connector": "community",
        "base_url": f"http://127.0.0.1:{port}/c/{COMMUNITY}",
        "page_size": page_size,
        "rescan_interval_s": 10**9,
    }
    with workspace.db.transaction() as session:
        source = Source(
            platform="community",
            name="Community bench",
            account=ACCOUNT,
            settings=json.dumps(settings),
            sync_interval_s=60,
            created_at=int(time.time()),
        )
        session.add(source)
        session.flush()
        # As if recent days had just been re-scanned: run_once does the pull and nothing else.
        session.add(SyncState(source_id=source.id, failures=0, last_rescan_at=int(time.time())))
        return source.id


Rows = dict[str, list[tuple[Any, ...]]]


def pull(folder: Path, port: int, page_size: int, freeze_gc: bool) -> tuple[Figures, Rows]:
    """Steward's own path: SyncEngine.run_once() on a qasync loop in a QApplication."""
    import qasync  # type: ignore[import-untyped]

    import desktop.sync.engine as engine_module
    from desktop.sync.engine import SyncEngine
    from desktop.workspace import Workspace
    from ui.app import create_application, settle_heap

    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    workspace = Workspace.open(folder)
    source_id = _add_source(workspace, port, page_size)

    # Where the time goes: ingest_batch on the sync-db worker thread (wall and that thread's
    # CPU). The connector module is not imported here: the engine imports it on its first
    # pass, as in the app.
    ingest_ms: list[float] = []
    ingest_done: list[float] = []
    ingest_cpu = [0.0]
    real_ingest = getattr(engine_module, "ingest_batch")  # noqa: B009

    def timed_ingest(*args: Any, **kwargs: Any) -> Any:
        t, c = time.perf_counter(), time.thread_time()
        result = real_ingest(*args, **kwargs)
        ingest_cpu[0] += time.thread_time() - c
        ingest_ms.append((time.perf_counter() - t) * 1000)
        ingest_done.append(time.perf_counter())
        return result

    setattr(engine_module, "ingest_batch", timed_ingest)  # noqa: B010
    engine = SyncEngine(workspace.db, sla_seconds=workspace.settings.reply_sla_hours * 3600)
    if freeze_gc:  # what the window does once its first view is loaded
        settle_heap()
    collections = FullCollections()
    gc.callbacks.append(collections)
    heartbeat = Heartbeat()
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    gui_cpu0 = time.thread_time()
    heartbeat.start()
    started = time.perf_counter()
    reports = loop.run_until_complete(engine.run_once([source_id]))
    elapsed = time.perf_counter() - started
    gaps = heartbeat.stop()
    gui_cpu = time.thread_time() - gui_cpu0
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    gc.callbacks.remove(collections)
    setattr(engine_module, "ingest_batch", real_ingest)  # noqa: B010
    engine.close()
    [report] = reports
    if report.error:
        sys.exit(f"the pull failed: {report.error}")

    connection = sqlite3.connect(workspace.db.path)
    count = connection.execute("SELECT count(*) FROM items").fetchone()[0]
    indexed = connection.execute("SELECT count(*) FROM items_fts").fetchone()[0]
    replies = connection.execute("SELECT count(*) FROM items WHERE parent_id IS NOT NULL")
    linked = replies.fetchone()[0]
    rows = {
        table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("sources", "authors", "contexts", "items")
    }
    connection.close()
    workspace.close()
    loop.close()
    first_page_at = ingest_done[0] if ingest_done else heartbeat.ticks[-1]
    pauses = [(at - heartbeat.ticks[0], ms) for at, ms in collections.pauses]
    figures = {
        "seconds": elapsed,
        "items": report.pulled,
        "items_per_s": report.pulled / elapsed,
        "rows_in_db": count,
        "fts_rows": indexed,
        "replies_linked": linked,
        "pages": len(ingest_ms),
        "ingest_s": sum(ingest_ms) / 1000,
        "ingest_cpu_s": ingest_cpu[0],
        "ingest_page_max_ms": max(ingest_ms, default=0.0),
        "gui_thread_cpu_s": gui_cpu,
        "process_cpu_s": (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime),
        "heartbeat_max_ms": max(gaps),
        "heartbeat_p99_ms": statistics.quantiles(gaps, n=100)[98] if len(gaps) > 1 else gaps[0],
        "heartbeat_median_ms": statistics.median(gaps),
        "heartbeat_max_after_first_page_ms": max(
            (g for g, t in zip(gaps, heartbeat.ticks, strict=False) if t > first_page_at),
            default=0.0,
        ),
        "gaps_over_50ms": sum(g > 50 for g in gaps),
        "gaps_over_100ms": sum(g > 100 for g in gaps),
        "ticks": len(gaps),
        "longest_gaps": heartbeat.longest(gaps),
        "full_gc": pauses,
        "gc_frozen": freeze_gc,
    }
    return figures, rows


UPSERT_UPDATE = (
    "text = excluded.text, remote_state = excluded.remote_state, edited_at = excluded.edited_at,"
    " rating = excluded.rating, updated_at = excluded.updated_at"
)


def raw_upsert(folder: Path, rows: Rows, batch: int, *, with_fts: bool) -> Figures:
    """The baseline: the rows the pull stored, every column of the items table, upserted with
    plain sqlite3 executemany into a fresh workspace's database (same migrations, indexes and
    pragmas), one transaction per `batch` rows. Sources, authors and contexts are copied in
    first, untimed, so that the foreign keys hold. With `with_fts`, each batch also inserts
    the items' FTS rows, as Steward's ingest does."""
    from desktop.db.engine import _pragmas
    from desktop.workspace import Workspace

    Workspace.open(folder).close()  # the schema, exactly as Steward creates it
    connection = sqlite3.connect(folder / "steward.db", isolation_level=None)
    _pragmas(5000)(connection, None)
    for table in ("sources", "authors", "contexts"):
        if rows[table]:
            marks = ",".join("?" * len(rows[table][0]))
            connection.execute("BEGIN")
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
            connection.execute("COMMIT")
    columns = [row[1] for row in connection.execute("PRAGMA table_info(items)")]
    sql = (
        f"INSERT INTO items({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})"
        f" ON CONFLICT(source_id, remote_id) DO UPDATE SET {UPSERT_UPDATE}"
    )
    items = rows["items"]
    fts: list[tuple[Any, ...]] = []
    if with_fts:
        names = {a[0]: f"{a[4]} {a[3]}" for a in rows["authors"]}  # id, ..., handle, display_name
        at = {name: n for n, name in enumerate(columns)}
        fts = [(i[at["id"]], i[at["text"]], names.get(i[at["author_id"]], " ")) for i in items]
    started = time.perf_counter()
    for start in range(0, len(items), batch):
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(sql, items[start : start + batch])
        if with_fts:
            connection.executemany(
                "INSERT INTO items_fts(rowid, text, author) VALUES (?, ?, ?)",
                fts[start : start + batch],
            )
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    stored = connection.execute("SELECT count(*) FROM items").fetchone()[0]
    connection.close()
    return {"seconds": elapsed, "rows": stored, "rows_per_s": len(items) / elapsed}


def one_run(port: int, page_size: int, freeze_gc: bool) -> Figures:
    """In the run's own process: the pull, then both baselines on the rows it stored."""
    folder = Path(tempfile.mkdtemp(prefix="steward-sync-bench-"))
    os.environ["STEWARD_DATA_DIR"] = str(folder / "data-root")
    try:
        pulled, rows = pull(folder / "pull", port, page_size, freeze_gc)
        raw = raw_upsert(folder / "raw", rows, page_size, with_fts=False)
        raw_fts = raw_upsert(folder / "raw-fts", rows, page_size, with_fts=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not pulled["rows_in_db"] == raw["rows"] == raw_fts["rows"] == len(rows["items"]):
        sys.exit("the pull and the baselines stored different numbers of rows")
    return {
        "pull": pulled,
        "raw": raw,
        "raw_fts": raw_fts,
        "ratio": pulled["items_per_s"] / raw["rows_per_s"],
    }


def run_child(port: int, page_size: int, freeze_gc: bool) -> Figures:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, __file__, "--child", str(port), "--page-size", str(page_size)]
    done = subprocess.run(
        command + ([] if freeze_gc else ["--no-freeze-gc"]),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"the run failed ({done.returncode}):\n{done.stderr}")
    figures: Figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


# -- the report ------------------------------------------------------------------------------


def report(result: Figures, path: Path | None) -> None:
    runs = result["runs"]
    median = statistics.median

    def m(part: str, key: str) -> float:
        return float(median(r[part][key] for r in runs))

    ratio = median(r["ratio"] for r in runs)
    stall = median(r["pull"]["heartbeat_max_ms"] for r in runs)
    worst = max(r["pull"]["heartbeat_max_ms"] for r in runs)
    pages, batch = result["page_size"], result["page_size"]
    rows = [
        (
            "Steward pull, run_once (all of it)",
            f"{m('pull', 'seconds'):.1f} s, {m('pull', 'items_per_s'):,.0f} items/s",
            "—",
            None,
        ),
        (
            f"Raw sqlite3 upsert, items only ({batch}/txn)",
            f"{m('raw', 'seconds'):.1f} s, {m('raw', 'rows_per_s'):,.0f} rows/s",
            "—",
            None,
        ),
        ("Ratio Steward / raw (same process)", f"{ratio:.0%}", "≥ 40%", ratio >= 0.4),
        (
            "Longest heartbeat gap (10 ms timer)",
            f"{stall:.0f} ms (worst run {worst:.0f})",
            "< 100 ms",
            stall < 100,
        ),
        ("Heartbeat gap, 99th percentile", f"{m('pull', 'heartbeat_p99_ms'):.0f} ms", "—", None),
        (
            "Longest gap after the first page",
            f"{m('pull', 'heartbeat_max_after_first_page_ms'):.0f} ms",
            "—",
            None,
        ),
        (
            "Raw upsert + FTS rows (reference)",
            f"{m('raw_fts', 'seconds'):.1f} s, {m('raw_fts', 'rows_per_s'):,.0f} rows/s",
            "—",
            None,
        ),
    ]
    server = result["server"]
    print(
        f"\nSteward sync benchmark — {result['items']:,} items, page size {pages}, "
        f"{os.cpu_count()} CPUs, medians of {len(runs)} fresh processes, server in its own "
        "process, QT_QPA_PLATFORM=offscreen"
        + ("" if result["freeze_gc"] else ", without the app's gc.freeze() after start-up")
        + "\n"
    )
    print(f"{'Metric':40} {'Value':32} {'Target':10} Result")
    print("-" * 92)
    for name, value, target, ok in rows:
        verdict = "" if ok is None else "PASS" if ok else "MISS"
        print(f"{name:40} {value:32} {target:10} {verdict}")
    full_gc = [ms for r in runs for _, ms in r["pull"]["full_gc"]]
    costs = result["server_costs"]
    print(
        f"\nWhere the pull's {m('pull', 'seconds'):.1f} s went (medians; {m('pull', 'pages'):.0f}"
        " pages):\n"
        f"  ingest_batch on the sync-db thread  {m('pull', 'ingest_s'):5.1f} s wall,"
        f" {m('pull', 'ingest_cpu_s'):.1f} s CPU; slowest page"
        f" {m('pull', 'ingest_page_max_ms'):.0f} ms\n"
        f"  the rest (HTTP, JSON, parsing)      {m('pull', 'seconds') - m('pull', 'ingest_s'):5.1f}"
        " s, while the database thread waits\n"
        f"  GUI thread CPU                      {m('pull', 'gui_thread_cpu_s'):5.1f} s;"
        f" whole process CPU {m('pull', 'process_cpu_s'):.1f} s\n"
        f"  server process CPU while serving    {median(c['cpu_s'] for c in costs):5.1f} s"
        f" (Community.page {median(c['page_s'] for c in costs):.1f} s,"
        f" {costs[0]['requests']} requests)\n"
        f"  full garbage collections            {len(full_gc) / len(runs):5.1f} per pull,"
        f" {max(full_gc, default=0):.0f} ms longest"
    )
    for n, r in enumerate(runs, 1):
        p = r["pull"]
        print(
            f"  run {n}: {p['seconds']:.1f} s, {p['items_per_s']:,.0f} items/s, raw"
            f" {r['raw']['rows_per_s']:,.0f} rows/s, ratio {r['ratio']:.0%}; gaps"
            f" {p['gaps_over_50ms']} > 50 ms, longest at "
            + ", ".join(f"{at:.2f} s ({ms:.0f})" for ms, at in p["longest_gaps"])
        )
    first = runs[0]["pull"]
    print(
        f"Stored {first['rows_in_db']:,} items, {first['fts_rows']:,} FTS rows,"
        f" {first['replies_linked']:,} replies linked to their parents; mean text"
        f" {server['mean_text']:.0f} chars; the server built its items in"
        f" {server['build_s']:.1f} s (before any clock starts)"
    )
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        table = [{"metric": n, "value": v, "target": t, "pass": ok} for n, v, t, ok in rows]
        path.write_text(
            json.dumps({**result, "ratio": ratio, "table": table}, indent=2, ensure_ascii=False)
        )
        print(f"\nWrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=ITEMS, help="items on the server")
    parser.add_argument(
        "--page-size",
        type=int,
        default=PAGE_SIZE,
        help="the source's page_size (the server allows up to 1000); also the raw baseline's"
        " rows per transaction",
    )
    parser.add_argument("--runs", type=int, default=3, help="fresh processes, each a full run")
    parser.add_argument(
        "--json",
        type=Path,
        nargs="?",
        const=RESULTS,
        default=None,
        help=f"write the figures as JSON (default path {RESULTS.relative_to(ROOT)})",
    )
    parser.add_argument(
        "--no-freeze-gc",
        dest="freeze_gc",
        action="store_false",
        help="skip the app's gc.freeze() after start-up (ui.app.settle_heap), to compare",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--now", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.serve:
        serve(args.items, SEED, args.now if args.now is not None else int(time.time()))
        return
    if args.child is not None:
        print(json.dumps(one_run(args.child, args.page_size, args.freeze_gc)))
        return
    print(f"Starting the server with {args.items:,} items ...", flush=True)
    server = Server(args.items, int(time.time()))
    print(f"  built in {server.hello['build_s']:.1f} s, port {server.hello['port']}", flush=True)
    runs, costs = [], []
    try:
        for n in range(args.runs):
            runs.append(run_child(server.hello["port"], args.page_size, args.freeze_gc))
            costs.append(server.costs())
            p = runs[-1]["pull"]
            print(
                f"  run {n + 1}: pull {p['seconds']:.1f} s ({p['items_per_s']:,.0f} items/s),"
                f" raw {runs[-1]['raw']['rows_per_s']:,.0f} rows/s,"
                f" longest gap {p['heartbeat_max_ms']:.0f} ms",
                flush=True,
            )
    finally:
        server.stop()
    result = {
        "items": args.items,
        "page_size": args.page_size,
        "cpus": os.cpu_count(),
        "freeze_gc": args.freeze_gc,
        "server": server.hello,
        "server_costs": costs,
        "runs": runs,
    }
    report(result, args.json)


if __name__ == "__main__":
    main()
