"""A handover packet as Markdown (for a chat) and as a standalone HTML page (to read, to print,
and what the PDF is made from). English and Russian; every string from the platforms or typed
by a person is escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from desktop.handover.labels import LABELS, count_of, label_for

# Enough to keep text inert (no links, emphasis, HTML, headings, tables, quotes) without
# covering it in backslashes in chats that show them.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _when(value: str | None, language: str) -> str:
    if not value:
        return LABELS[language]["never"]
    return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M UTC")


def _md(text: str) -> str:
    """Untrusted text as inert Markdown on one line: no links, markup, HTML or headings."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


class _View:
    """The packet's sections as (heading, lines) in one language, shared by both renderings.

    `esc` escapes untrusted text for the target format; labels are trusted."""

    def __init__(self, packet: dict[str, Any], language: str, esc: Callable[[str], str]):
        if language not in LABELS:
            raise ValueError(f"unknown language {language!r}")
        self.packet, self.language, self.esc = packet, language, esc
        self.t = LABELS[language]

    def when(self, value: str | None) -> str:
        return _when(value, self.language)

    def count(self, number: int, noun: str) -> str:
        return count_of(self.language, number, noun)

    def author(self, author: dict[str, Any] | None) -> str:
        if author is None:
            return ""
        name = author["name"] or author["handle"]
        if author["handle"] and author["name"]:
            name = f"{author['name']} ({author['handle']})"
        return self.esc(name)

    def item(self, item: dict[str, Any]) -> str:
        parts = [self.esc(item["source_name"])]
        if item["author"]:
            parts.append(self.author(item["author"]))
        state = label_for(self.language, "status", item["status"])
        if item["assignee"]:
            state += f" · {self.esc(item['assignee'])}"
        if item["remote_state"] == "deleted":
            state += f" · {self.t['deleted']}"
        opening, closing = self.t["quotes"][0], self.t["quotes"][1]
        return f"{' · '.join(parts)} — {opening}{self.esc(item['snippet'])}{closing} ({state})"

    def header(self) -> list[str]:
        p, t = self.packet, self.t
        lines = [
            f"{t['window']}: {self.when(p['window']['since'])} → {self.when(p['window']['until'])}",
            f"{t['written_by']}: {self.esc(p['created_by'])}, {self.when(p['created_at'])}",
        ]
        if p["redacted"]:
            lines.append(t["redacted"])
        return lines

    def handled(self) -> list[str]:
        h, t = self.packet["handled"], self.t
        lines = [
            t["handled_summary"].format(
                actions=self.count(h["actions"], "action"), items=self.count(h["items"], "item")
            )
        ]
        actions = ", ".join(
            f"{label_for(self.language, 'action', action)} {count}"
            for action, count in h["by_action"].items()
        )
        if actions:
            lines.append(f"{t['by_action']}: {actions}")
        lines += [
            f"{self.esc(s['name'])}: "
            + t["source_counts"].format(
                items=self.count(s["items"], "item"), actions=self.count(s["actions"], "action")
            )
            for s in h["by_source"]
        ]
        moderators = ", ".join(f"{self.esc(who)} {n}" for who, n in h["by_moderator"].items())
        if moderators:
            lines.append(f"{t['by_moderator']}: {moderators}")
        return lines

    def open(self) -> list[str]:
        o, t = self.packet["open"], self.t
        lines = [t["open_summary"].format(items=self.count(o["total"], "item"))]
        statuses = ", ".join(
            f"{label_for(self.language, 'status', s)} {n}" for s, n in o["by_status"].items()
        )
        if statuses:
            lines.append(f"{t['by_status']}: {statuses}")
        for row in o["by_assignee"]:
            if row["assignee"]:
                lines.append(f"{t['held_by']}: {self.esc(row['assignee'])} — {row['count']}")
            else:
                lines.append(f"{t['unassigned']} — {row['count']}")
        return lines

    def items(self, records: list[dict[str, Any]], truncated: bool) -> list[str]:
        lines = [self.item(r) for r in records]
        if truncated:
            lines.append(self.t["truncated"].format(count=len(records)))
        return lines

    def note(self, note: dict[str, Any]) -> str:
        target = self.item(note["item"]) if note["item"] else self.author(note["author"])
        kind = label_for(self.language, "note_kind", note["kind"])
        when = self.when(note["created_at"])
        body = note["body"]
        if note["kind"] == "moderation":  # written by Steward: "hide" or "ban: the reason"
            action, _, reason = body.partition(": ")
            body = label_for(self.language, "operation", action) + (f": {reason}" if reason else "")
        line = f"{kind}, {self.esc(note['created_by'])}, {when}: {self.esc(body)}"
        if note["expires_at"]:
            line += f" ({self.t['expires'].format(when=self.when(note['expires_at']))})"
        return f"{line} — {target}"

    def watched(self) -> list[str]:
        return [
            f"{self.author(w['author'])} · {self.esc(w['author']['source_name'])} — "
            + self.count(w["items"], "item")
            for w in self.packet["watched_authors"]
        ]

    def outbox(self) -> list[str]:
        return [
            f"{label_for(self.language, 'operation', p['action'])}: "
            f"{label_for(self.language, 'outbox_state', p['state'])}"
            + (f" ({self.esc(p['error'])})" if p["error"] else "")
            + f" — {self.item(p['item'])}"
            for p in self.packet["outbox_problems"]
        ]

    def sync(self) -> list[str]:
        t = self.t
        return [
            f"{self.esc(s['name'])} — {self.esc(s['error']) or '?'} · "
            + t["failures"].format(attempts=self.count(s["failures"], "attempt"))
            + f" · {t['last_success']}: {self.when(s['last_success_at'])}"
            for s in self.packet["sync_problems"]
        ]

    def sections(self) -> list[tuple[str, list[str]]]:
        p, t = self.packet, self.t
        flagged = [n for n in p["notes"] if n["for_next_shift"]]
        others = [n for n in p["notes"] if not n["for_next_shift"]]
        result = [
            (t["handled"], self.handled()),
            (t["open"], self.open()),
            (t["claimed"], self.items(p["open"]["claimed"], p["open"]["claimed_truncated"])),
            (t["escalations"], self.items(p["escalations"], p["escalations_truncated"])),
            (t["next_shift"], [self.note(n) for n in flagged]),
            (t["other_notes"], [self.note(n) for n in others]),
            (t["watched"], self.watched()),
            (t["outbox"], self.outbox()),
            (t["sync"], self.sync()),
        ]
        return result


def render_markdown(packet: dict[str, Any], language: str = "en") -> str:
    view = _View(packet, language, _md)
    out = [f"# {view.t['title']}", ""]
    out += [f"{line}  " for line in view.header()]
    if packet["note"].strip():
        out += ["", f"## {view.t['note']}", ""]
        out += [f"> {_md(line)}" if line.strip() else ">" for line in packet["note"].splitlines()]
    for heading, lines in view.sections():
        out += ["", f"## {heading}", ""]
        out += [f"- {line}" for line in lines] or [view.t["none"]]
    return "\n".join(out) + "\n"


_CSS = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 10pt;
       color: #000; background: #fff; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; }
h2 { font-size: 12pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #888; }
p.meta { color: #333; margin: 0; }
blockquote { margin: 4pt 0 4pt 12pt; white-space: pre-wrap; }
ul { margin: 0 0 0 14pt; padding: 0; }
li { margin: 0 0 3pt 0; }
p.none { color: #555; font-style: italic; margin: 0; }
@page { size: A4; margin: 15mm; }
@media print { h2 { page-break-after: avoid; } li { page-break-inside: avoid; } }
"""


def render_html(packet: dict[str, Any], language: str = "en") -> str:
    """A complete page that needs nothing else: no scripts, no remote resources."""
    view = _View(packet, language, html.escape)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        '<head><meta charset="utf-8">',
        f"<title>{html.escape(view.t['title'])}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f"<h1>{html.escape(view.t['title'])}</h1>",
    ]
    out += [f'<p class="meta">{line}</p>' for line in view.header()]
    if packet["note"].strip():
        out.append(f"<h2>{html.escape(view.t['note'])}</h2>")
        note = "<br>".join(html.escape(line) for line in packet["note"].strip().splitlines())
        out.append(f"<blockquote>{note}</blockquote>")
    for heading, lines in view.sections():
        out.append(f"<h2>{html.escape(heading)}</h2>")
        if lines:
            out.append("<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>")
        else:
            out.append(f'<p class="none">{html.escape(view.t["none"])}</p>')
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
