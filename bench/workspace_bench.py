"""Steward on a 200,000-item workspace: build time, cold start to the first painted inbox
(against a bare PySide6 window), item selection, full-text search and memory.

    .venv/bin/python bench/workspace_bench.py [--dir DIR] [--rebuild] [--runs 3]

The start-up figures come from fresh subprocesses (this script run with --child), timed from
the child's first line, before PySide6 or any Steward module is imported. See bench/README.md.
"""

import time

T0 = time.perf_counter()  # the child's "process start": before PySide6 and ui are imported

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from corpus import NAMES, WORDS  # noqa: E402

Figures = dict[str, Any]

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "workspace.json"
DEFAULT_DIR = Path(tempfile.gettempdir()) / "steward-bench-workspace"
ITEMS, AUTHORS, CONTEXTS, BATCH, SEED = 200_000, 20_000, 2_000, 5_000, 20240601
SEARCHES = ("app", "kaleidoscope", "приложение", "battery drain")  # common, rare, ru, two words
# platform, source name, share of items, kind, reply kind, context kind
PLATFORMS = (
    ("youtube", "Lumo — YouTube", 0.30, "comment", "reply", "video"),
    ("google_play", "Lumo Planner — Google Play", 0.20, "review", None, "app_version"),
    ("app_store", "Lumo Planner — App Store", 0.10, "review", None, "app_version"),
    ("vk", "Lumo — ВКонтакте", 0.15, "comment", "reply", "post"),
    ("telegram", "Lumo Planner — чат канала", 0.15, "message", "message", "post"),
    ("discourse", "Lumo Community forum", 0.10, "comment", "comment", "topic"),
)
OPENERS = {
    "en": {
        "pos": [
            "Love this app",
            "Great update",
            "Works perfectly",
            "Really helpful",
            "Thanks for the new feature",
            "Best planner I have used",
        ],
        "neg": [
            "The app keeps crashing",
            "Terrible update",
            "Sync stopped working",
            "Battery drain is awful",
            "Lost all my tasks",
            "Why is this so slow",
        ],
        "neu": [
            "How do I export my calendar",
            "Is there a dark mode",
            "Question about sync",
            "When will the widget arrive",
            "Can I share a list with my family",
        ],
    },
    "ru": {
        "pos": [
            "Отличное приложение",
            "Спасибо за обновление",
            "Всё работает отлично",
            "Очень удобно",
            "Лучший планировщик",
        ],
        "neg": [
            "Приложение постоянно вылетает",
            "Ужасное обновление",
            "Батарея садится",
            "Синхронизация не работает",
            "Пропали все задачи",
            "Очень медленно",
        ],
        "neu": [
            "Как экспортировать календарь",
            "Будет ли тёмная тема",
            "Подскажите по подписке",
            "Когда появится виджет",
            "Можно ли поделиться списком",
        ],
    },
}
DEVICES = ("Pixel 8", "Galaxy S23", "Redmi Note 12", "iPhone 15", "iPhone 13", "iPad Air")


# -- 1. the workspace ----------------------------------------------------------------------


def _text(rng: random.Random, language: str, mood: str) -> str:
    sentences = [rng.choice(OPENERS[language][mood])]
    for _ in range(rng.randint(1, 3)):
        words = rng.choices(WORDS[language], k=rng.randint(4, 12))
        if rng.random() < 0.0003:
            words.insert(rng.randrange(len(words)), "kaleidoscope")  # the rare search word
        sentences.append(" ".join(words).capitalize())
    return ". ".join(sentences) + rng.choice((".", "!", "?", "..."))


def _items(
    rng: random.Random,
    source_index: int,
    count: int,
    authors: list[Any],
    contexts: list[Any],
    now: int,
) -> Iterator[Any]:
    from desktop.ingest import RemoteItem

    platform, _name, _share, kind, reply_kind, _ctx = PLATFORMS[source_index]
    assert kind is not None
    times = sorted(now - rng.randrange(365 * 86400) for _ in range(count))  # parents come first
    for n, created_at in enumerate(times):
        author = authors[int(len(authors) * rng.random() ** 2)]  # a few very active authors
        language = author.language or "en"
        mood = rng.choices(("pos", "neg", "neu"), (35, 30, 35))[0]
        sentiment = {
            "pos": rng.uniform(0.3, 1),
            "neg": rng.uniform(-1, -0.3),
            "neu": rng.uniform(-0.29, 0.29),
        }[mood]
        parent = None
        if reply_kind and n > 10 and rng.random() < 0.2:
            parent = f"{platform}-{n - rng.randint(1, min(n, 500))}"
        review = kind == "review"
        roll = rng.random()
        yield RemoteItem(
            remote_id=f"{platform}-{n}",
            kind=(reply_kind or kind) if parent else kind,
            text=_text(rng, language, mood),
            created_at=created_at,
            author=author,
            context=contexts[int(len(contexts) * rng.random() ** 2)],
            parent_remote_id=parent,
            language=language,
            sentiment=round(sentiment, 2),
            rating=(
                rng.choice({"pos": (4, 5), "neg": (1, 2), "neu": (3, 4)}[mood]) if review else None
            ),
            app_version=f"3.{rng.randint(0, 40)}" if review else None,
            device=rng.choice(DEVICES) if review else None,
            remote_state="spam" if roll < 0.01 else "held" if roll < 0.03 else "visible",
            spam_score=round(rng.uniform(0.6, 1) if roll < 0.03 else rng.uniform(0, 0.3), 2),
        )


def build(folder: Path, rebuild: bool) -> Figures:
    meta_path = folder / "bench-meta.json"
    wanted = {"items": ITEMS, "authors": AUTHORS, "contexts": CONTEXTS, "seed": SEED}
    if not rebuild and meta_path.exists() and (folder / "steward.db").exists():
        meta: Figures = json.loads(meta_path.read_text())
        if {k: meta.get(k) for k in wanted} == wanted:
            print(
                f"Reusing the workspace in {folder} (built in {meta['build_s']:.1f} s); "
                "--rebuild to build it again"
            )
            return {**meta, "reused": True}
    if folder.exists() and any(folder.iterdir()) and not meta_path.exists():
        sys.exit(f"{folder} is not empty and holds no bench-meta.json: not replacing it")
    import shutil

    from desktop.db.models import Source
    from desktop.demo import _load_canned
    from desktop.ingest import RemoteAuthor, RemoteContext, ingest_batch
    from desktop.workspace import Workspace
    from resources import read_text

    shutil.rmtree(folder, ignore_errors=True)
    rng, now = random.Random(SEED), int(time.time()) // 86400 * 86400
    print(f"Building {ITEMS:,} items in {folder} ...", flush=True)
    started = time.perf_counter()
    workspace = Workspace.open(folder)
    sla = workspace.settings.reply_sla_hours * 3600
    _load_canned(workspace.db, json.loads(read_text("demo", "canned.json")), now)
    done = 0
    for index, (platform, name, share, _kind, _reply, context_kind) in enumerate(PLATFORMS):
        with workspace.db.transaction() as session:
            source = Source(platform=platform, name=name, created_at=now)
            session.add(source)
            session.flush()
            source_id = source.id
        authors = []
        for a in range(round(AUTHORS * share)):
            language = (
                "ru" if rng.random() < (0.7 if platform in ("vk", "telegram") else 0.25) else "en"
            )
            first, last = rng.choice(NAMES[language][0]), rng.choice(NAMES[language][1])
            authors.append(
                RemoteAuthor(f"{platform}-a{a}", f"@user{a}", f"{first} {last}", language)
            )
        contexts = [
            RemoteContext(
                f"{platform}-c{c}",
                context_kind,
                f"{context_kind.replace('_', ' ').title()} {c}: "
                + " ".join(rng.choices(WORDS["en"], k=3)),
            )
            for c in range(round(CONTEXTS * share))
        ]
        count = ITEMS - done if index == len(PLATFORMS) - 1 else round(ITEMS * share)
        stream = _items(rng, index, count, authors, contexts, now)
        for _ in range(0, count, BATCH):
            batch = [item for _, item in zip(range(BATCH), stream, strict=False)]
            ingest_batch(workspace.db, source_id, batch, now=now, sla_seconds=sla)
        done += count
        print(
            f"  {platform:12} {count:7,} items  {time.perf_counter() - started:6.1f} s", flush=True
        )
    workspace.close()
    build_s = time.perf_counter() - started
    size_mb = sum(p.stat().st_size for p in folder.glob("steward.db*")) / 2**20
    meta = {**wanted, "build_s": build_s, "items_per_s": ITEMS / build_s, "db_mb": size_mb}
    meta_path.write_text(json.dumps(meta, indent=2))
    print(f"Built in {build_s:.1f} s: {ITEMS / build_s:,.0f} items/s, {size_mb:.0f} MB")
    return {**meta, "reused": False}


# -- 2-4. the measurements, each in a fresh subprocess ---------------------------------------


def child(kind: str, folder: Path) -> Figures:
    """Runs in the subprocess: prints one JSON line with the figures."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtCore import QEventLoop as Waiter
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    marks: Figures = {"import_qt": time.perf_counter() - T0}

    def wait(signal: Any, timeout_ms: int = 60_000) -> None:
        waiter = Waiter()
        signal.connect(waiter.quit)
        QTimer.singleShot(timeout_ms, waiter.quit)
        waiter.exec()
        signal.disconnect(waiter.quit)

    class PaintWatch(QObject):
        """Stops the clock at the first paint of the watched widget once `armed`."""

        def __init__(self, armed: bool):
            super().__init__()
            self.armed, self.waiter = armed, Waiter()
            self.painted_at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.armed and self.painted_at is None:
                self.painted_at = time.perf_counter()
                QTimer.singleShot(0, self.waiter.quit)
            return False

    if kind == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setCentralWidget(QLabel("Hello", window))
        window.resize(1480, 900)
        watch = PaintWatch(armed=True)
        window.installEventFilter(watch)
        window.show()
        if watch.painted_at is None:
            watch.waiter.exec()
        QApplication.processEvents()
        assert watch.painted_at is not None, "the window never painted"
        return {"first_paint_s": watch.painted_at - T0, **marks}

    import asyncio

    import qasync  # type: ignore[import-untyped]

    import ui.inbox_controller
    from desktop.workspace import Workspace
    from ui.app import build_window, create_application

    marks["import_all"] = time.perf_counter() - T0
    sql_ms: list[float] = []  # how long each query's ids took on the worker thread
    real_item_ids = ui.inbox_controller.item_ids  # type: ignore[attr-defined]

    def timed_item_ids(*args: Any) -> Any:
        started = time.perf_counter()
        ids = real_item_ids(*args)
        sql_ms.append((time.perf_counter() - started) * 1000)
        return ids

    ui.inbox_controller.item_ids = timed_item_ids  # type: ignore[attr-defined,assignment]
    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)  # LatestTask picks the loop up when the window is built
    workspace = Workspace.open(folder)
    marks["workspace_open"] = time.perf_counter() - T0
    window = build_window(app, workspace, theme="light", language="en")
    marks["window_built"] = time.perf_counter() - T0
    watch = PaintWatch(armed=False)
    window.inbox.viewport().installEventFilter(watch)
    counts: Figures = {}
    window.controller.countsLoaded.connect(
        lambda *_: counts.setdefault("at", time.perf_counter() - T0)
    )

    def loaded() -> None:
        marks["first_load"] = time.perf_counter() - T0
        watch.armed = True

    window.firstLoad.connect(loaded)
    window.resize(1480, 900)
    window.show()
    window.start()
    marks["started"] = time.perf_counter() - T0
    if watch.painted_at is None:
        QTimer.singleShot(60_000, watch.waiter.quit)
        watch.waiter.exec()
    QApplication.processEvents()
    assert watch.painted_at is not None, "the inbox never painted"
    result: Figures = {
        "first_paint_s": watch.painted_at - T0,
        **marks,
        "first_ids_sql_ms": sql_ms[0],
        "rows": window.controller.model.rowCount(),
    }
    while window.controller.busy:  # let the sidebar counts finish before timing anything else
        QApplication.processEvents()
        time.sleep(0.002)
    result["counts_loaded"] = counts.get("at")

    model, rng = window.controller.model, random.Random(7)
    rows = list(range(1, 11)) + rng.sample(range(11, model.rowCount()), 10)  # down-arrow + jumps
    selection: list[float] = []
    for row in rows:
        started = time.perf_counter()
        window.select_item(model.id_at(row) or 0)
        QApplication.processEvents()
        selection.append((time.perf_counter() - started) * 1000)
    result["select_ms"] = selection
    searches: Figures = {}
    for word in SEARCHES:
        handled: list[float] = []
        window.controller.idsLoaded.connect(lambda *_, h=handled: h.append(time.perf_counter()))
        started = time.perf_counter()
        window.controller.set_search(word)
        wait(window.controller.idsLoaded)
        searches[word] = {
            "ms": (handled[0] - started) * 1000,
            "hits": model.rowCount(),
            "sql_ms": sql_ms[-1],
        }
    result["search"] = searches
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    result["rss_mb"] = int(status["VmRSS"].split()[0]) / 1024
    result["hwm_mb"] = int(status["VmHWM"].split()[0]) / 1024
    window.item_pane.flush_draft()
    workspace.close()
    loop.close()  # shuts the executor's threads down before Qt is torn down
    return result


def measure(kind: str, folder: Path) -> Figures:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "STEWARD_DATA_DIR": str(folder / "data-root"),
        "BENCH_SPAWN": repr(time.time()),
    }
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--dir", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"{kind} child failed ({done.returncode}):\n{done.stderr}")
    figures: Figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


# -- 5. the report ---------------------------------------------------------------------------


def report(meta: Figures, bare: list[Figures], steward: list[Figures], folder: Path) -> None:
    median = statistics.median
    bare_s = median(r["first_paint_s"] for r in bare)
    paint_s = median(r["first_paint_s"] for r in steward)
    select_all = [ms for r in steward for ms in r["select_ms"]]
    select_median = median(median(r["select_ms"]) for r in steward)
    rss, hwm = median(r["rss_mb"] for r in steward), max(r["hwm_mb"] for r in steward)
    rows = [
        (
            "Build (ingest_batch, 5,000/batch)",
            f"{meta['build_s']:.1f} s, {meta['items_per_s']:,.0f} items/s"
            + (" (reused)" if meta["reused"] else ""),
            "—",
            None,
        ),
        (
            "Bare PySide6 window, first paint",
            f"{bare_s:.3f} s",
            "≈ 0.2 s (0.1–0.3)",
            0.1 <= bare_s <= 0.3,
        ),
        ("Steward, first painted inbox", f"{paint_s:.3f} s", "< 1.5 s", paint_s < 1.5),
        ("Ratio Steward / bare (same run)", f"{paint_s / bare_s:.1f}×", "—", None),
        (
            "Selection, median (20 rows × runs)",
            f"{select_median:.1f} ms",
            "< 50 ms",
            select_median < 50,
        ),
        ("Selection, max", f"{max(select_all):.1f} ms", "< 50 ms", max(select_all) < 50),
    ]
    for word in SEARCHES:
        ms = median(r["search"][word]["ms"] for r in steward)
        sql = median(r["search"][word]["sql_ms"] for r in steward)
        hits = steward[0]["search"][word]["hits"]
        rows.append(
            (
                f"Search “{word}” ({hits:,} hits)",
                f"{ms:.0f} ms (item_ids SQL {sql:.0f} ms)",
                "< 100 ms",
                ms < 100,
            )
        )
    rows += [
        ("Resident memory (VmRSS)", f"{rss:.0f} MB", "< 300 MB", rss < 300),
        ("Peak resident memory (VmHWM)", f"{hwm:.0f} MB", "—", None),
    ]
    print(
        f"\nSteward workspace benchmark — {ITEMS:,} items, {os.cpu_count()} CPUs, "
        f"medians of {len(steward)} fresh processes, QT_QPA_PLATFORM=offscreen\n"
    )
    print(f"{'Metric':38} {'Value':38} {'Target':20} Result")
    print("-" * 104)
    for name, value, target, ok in rows:
        verdict = "" if ok is None else "PASS" if ok else "MISS"
        print(f"{name:38} {value:38} {target:20} {verdict}")
    stages = (
        "import_qt",
        "import_all",
        "workspace_open",
        "window_built",
        "started",
        "first_load",
        "first_paint_s",
        "counts_loaded",
    )
    print(
        "\nStart-up milestones, s from process start (median):  "
        + ",  ".join(f"{s.removesuffix('_s')} {median(r[s] for r in steward):.3f}" for s in stages)
    )
    print(
        f"Interpreter start before that: {median(r['interpreter_s'] for r in steward):.3f} s;"
        f" first view: {steward[0]['rows']:,} rows, item_ids SQL "
        f"{median(r['first_ids_sql_ms'] for r in steward):.0f} ms"
    )
    print(
        "Selection ms per run (rows 1-10, then 10 random far rows):\n  "
        + "\n  ".join(" ".join(f"{ms:.0f}" for ms in r["select_ms"]) for r in steward)
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "workspace": str(folder),
                "build": meta,
                "bare_first_paint_s": bare_s,
                "steward_first_paint_s": paint_s,
                "ratio": paint_s / bare_s,
                "select_median_ms": select_median,
                "select_max_ms": max(select_all),
                "search_ms": {w: median(r["search"][w]["ms"] for r in steward) for w in SEARCHES},
                "rss_mb": rss,
                "hwm_mb": hwm,
                "table": [
                    {"metric": n, "value": v, "target": t, "pass": ok} for n, v, t, ok in rows
                ],
                "runs": {"bare": bare, "steward": steward},
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"\nWrote {RESULTS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="workspace folder")
    parser.add_argument("--rebuild", action="store_true", help="build the workspace again")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per measurement")
    parser.add_argument("--child", choices=("bare", "steward"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = child(args.child, args.dir)
        result["interpreter_s"] = (
            time.time() - (time.perf_counter() - T0) - float(os.environ["BENCH_SPAWN"])
        )
        print(json.dumps(result, ensure_ascii=False))
        return
    meta = build(args.dir, args.rebuild)
    bare, steward = [], []
    for run in range(args.runs):
        bare.append(measure("bare", args.dir))
        steward.append(measure("steward", args.dir))
        print(
            f"  run {run + 1}: bare {bare[-1]['first_paint_s']:.3f} s, "
            f"steward {steward[-1]['first_paint_s']:.3f} s",
            flush=True,
        )
    report(meta, bare, steward, args.dir)


if __name__ == "__main__":
    main()
