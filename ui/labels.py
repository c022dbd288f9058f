"""Translated names for the engine's codes: statuses, views, durations, history events.

QCoreApplication.translate with a fixed context, so that lupdate finds every string."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.inbox import View
from desktop.suggest import Suggestion
from ui.i18n import current_language


def status_label(status: str) -> str:
    labels = {
        "new": QCoreApplication.translate("Labels", "New"),
        "open": QCoreApplication.translate("Labels", "Open"),
        "waiting": QCoreApplication.translate("Labels", "Waiting"),
        "done": QCoreApplication.translate("Labels", "Done"),
        "snoozed": QCoreApplication.translate("Labels", "Snoozed"),
        "escalated": QCoreApplication.translate("Labels", "Escalated"),
    }
    return labels.get(status, status)


def view_label(view: View) -> str:
    labels = {
        View.NEEDS_REPLY: QCoreApplication.translate("Labels", "Needs reply"),
        View.NEGATIVE: QCoreApplication.translate("Labels", "Negative"),
        View.LOW_RATINGS: QCoreApplication.translate("Labels", "Low ratings"),
        View.REVIEWS: QCoreApplication.translate("Labels", "Reviews"),
        View.SPAM_SUSPECTS: QCoreApplication.translate("Labels", "Spam suspects"),
        View.SNOOZED: QCoreApplication.translate("Labels", "Snoozed"),
        View.ESCALATED: QCoreApplication.translate("Labels", "Escalated"),
        View.SEND_PROBLEMS: QCoreApplication.translate("Labels", "Not sent"),
        View.DONE: QCoreApplication.translate("Labels", "Done"),
        View.ALL: QCoreApplication.translate("Labels", "All"),
    }
    return labels[view]


def remote_state_label(state: str) -> str:
    labels = {
        "visible": QCoreApplication.translate("Labels", "published"),
        "held": QCoreApplication.translate("Labels", "held for review"),
        "hidden": QCoreApplication.translate("Labels", "hidden"),
        "deleted": QCoreApplication.translate("Labels", "deleted on the platform"),
        "spam": QCoreApplication.translate("Labels", "marked as spam"),
    }
    return labels.get(state, state)


def action_label(action: str) -> str:
    labels = {
        "reply": QCoreApplication.translate("Labels", "Reply"),
        "approve": QCoreApplication.translate("Labels", "Approve"),
        "hide": QCoreApplication.translate("Labels", "Hide"),
        "spam": QCoreApplication.translate("Labels", "Mark as spam"),
        "delete": QCoreApplication.translate("Labels", "Delete"),
        "ban": QCoreApplication.translate("Labels", "Ban the author"),
        "restore": QCoreApplication.translate("Labels", "Restore"),
        "edit_reply": QCoreApplication.translate("Labels", "Edit the reply"),
    }
    return labels.get(action, action)


def outbox_state_label(state: str) -> str:
    labels = {
        "queued": QCoreApplication.translate("Labels", "waiting to be sent"),
        "sending": QCoreApplication.translate("Labels", "sending"),
        "sent": QCoreApplication.translate("Labels", "sent"),
        "failed": QCoreApplication.translate("Labels", "failed"),
        "conflict": QCoreApplication.translate("Labels", "held: the item changed"),
        "dropped": QCoreApplication.translate("Labels", "dropped"),
    }
    return labels.get(state, state)


def conflict_text(reason: str | None) -> str:
    if reason == "vanished":
        return QCoreApplication.translate("Labels", "the item was deleted on the platform")
    return QCoreApplication.translate(
        "Labels", "the item changed on the platform after this was queued"
    )


def _outbox_event_text(who: str, data: dict[str, Any]) -> str:
    action = action_label(str(data.get("action")))
    state = data.get("state")
    resolution = data.get("resolution")
    if resolution == "retry":
        return QCoreApplication.translate("Labels", "{who} tried “{action}” again").format(
            who=who, action=action
        )
    if resolution == "edit":
        return QCoreApplication.translate(
            "Labels", "{who} edited the reply and queued it again"
        ).format(who=who)
    if resolution == "send_anyway":
        return QCoreApplication.translate("Labels", "{who} chose to send “{action}” anyway").format(
            who=who, action=action
        )
    if state == "queued" and data.get("before") == "new":
        return QCoreApplication.translate("Labels", "{who} queued “{action}”").format(
            who=who, action=action
        )
    if state == "queued" and data.get("reason") == "not_arrived":
        return QCoreApplication.translate(
            "Labels", "“{action}” did not arrive; queued again"
        ).format(action=action)
    if state == "queued":
        return QCoreApplication.translate(
            "Labels", "“{action}” waits for the platform to answer"
        ).format(action=action)
    if state == "sending":
        return QCoreApplication.translate("Labels", "“{action}”: sending (attempt {n})").format(
            action=action, n=data.get("attempt", 1)
        )
    if state == "sent" and data.get("remote_id"):
        return QCoreApplication.translate(
            "Labels", "“{action}”: sent, id on the platform {id}"
        ).format(action=action, id=data["remote_id"])
    if state == "sent":
        return QCoreApplication.translate("Labels", "“{action}”: sent").format(action=action)
    if state == "failed":
        return QCoreApplication.translate("Labels", "“{action}” failed: {error}").format(
            action=action, error=data.get("error", "")
        )
    if state == "conflict":
        return QCoreApplication.translate("Labels", "“{action}” held back: {reason}").format(
            action=action, reason=conflict_text(data.get("reason"))
        )
    if state == "dropped":
        return QCoreApplication.translate("Labels", "{who} dropped “{action}”").format(
            who=who, action=action
        )
    return f"{action}: {outbox_state_label(str(state))}"


def category_label(category: str) -> str:
    """The answer library's categories; the first three are the moves for negative feedback."""
    names = {
        "refute": QCoreApplication.translate("Labels", "Refute a false claim"),
        "pass_on": QCoreApplication.translate("Labels", "Thank and pass on a flaw"),
        "steps": QCoreApplication.translate("Labels", "Steps the user can take"),
        "thanks": QCoreApplication.translate("Labels", "Thanks"),
        "faq": QCoreApplication.translate("Labels", "FAQ"),
        "apology": QCoreApplication.translate("Labels", "Apology"),
        "escalation": QCoreApplication.translate("Labels", "Escalation"),
        "rule_warning": QCoreApplication.translate("Labels", "Rule warning"),
        "spam": QCoreApplication.translate("Labels", "Spam"),
    }
    return names.get(category, category)


def tone_label(tone: str) -> str:
    names = {
        "formal": QCoreApplication.translate("Labels", "formal (вы)"),
        "informal": QCoreApplication.translate("Labels", "informal (ты)"),
    }
    return names.get(tone, tone)


def suggestion_reasons(suggestion: Suggestion) -> str:
    """Why an answer is suggested, in a few words."""
    parts = []
    for reason in suggestion.reasons:
        if reason == "words" and suggestion.words:
            parts.append(
                QCoreApplication.translate("Labels", "shares the words {words}").format(
                    words=", ".join(suggestion.words)
                )
            )
        elif reason == "picked_before":
            parts.append(QCoreApplication.translate("Labels", "you chose it for similar items"))
        elif reason == "language":
            parts.append(QCoreApplication.translate("Labels", "in the reader's language"))
        elif reason == "platform":
            parts.append(QCoreApplication.translate("Labels", "made for this platform"))
        elif reason.startswith("category:"):
            category = reason.split(":", 1)[1]
            fits = {
                "thanks": QCoreApplication.translate("Labels", "the item is positive"),
                "spam": QCoreApplication.translate("Labels", "the item looks like spam"),
                "rule_warning": QCoreApplication.translate("Labels", "the item is hostile"),
                "faq": QCoreApplication.translate("Labels", "the item asks a question"),
                "steps": QCoreApplication.translate("Labels", "the item reports a problem"),
            }
            parts.append(
                fits.get(category, QCoreApplication.translate("Labels", "the item is negative"))
            )
    return "; ".join(parts)


def duration_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 3600:
        return QCoreApplication.translate("Labels", "{n} min").format(n=max(1, seconds // 60))
    if seconds < 86400:
        return QCoreApplication.translate("Labels", "{n} h").format(n=seconds // 3600)
    return QCoreApplication.translate("Labels", "{n} d").format(n=seconds // 86400)


def _answer_title(data: dict[str, Any]) -> str:
    if current_language() == "ru" and data.get("title_ru"):
        return str(data["title_ru"])
    return str(data.get("title", ""))


def event_text(kind: str, actor: str, data: dict[str, Any]) -> str:
    """One line of the history, in the user's language."""
    who = actor or QCoreApplication.translate("Labels", "someone")
    if kind == "status":
        if data.get("reason") == "woke":
            return QCoreApplication.translate("Labels", "Snooze ended: back to Open")
        if data.get("reason") == "answered":
            return QCoreApplication.translate(
                "Labels", "Answered on the platform: the status is now Done"
            )
        text = QCoreApplication.translate("Labels", "{who} set the status: {before} → {after}")
        return text.format(
            who=who,
            before=status_label(str(data.get("before"))),
            after=status_label(str(data.get("after"))),
        )
    if kind == "assign":
        if data.get("after"):
            return QCoreApplication.translate("Labels", "{who} assigned it to {to}").format(
                who=who, to=data["after"]
            )
        return QCoreApplication.translate("Labels", "{who} unassigned it").format(who=who)
    if kind == "tag_added":
        return QCoreApplication.translate("Labels", "{who} added the tag #{tag}").format(
            who=who, tag=data.get("tag", "")
        )
    if kind == "tag_removed":
        return QCoreApplication.translate("Labels", "{who} removed the tag #{tag}").format(
            who=who, tag=data.get("tag", "")
        )
    if kind == "undo":
        return QCoreApplication.translate("Labels", "{who} undid the last action").format(who=who)
    if kind == "draft_started":
        return QCoreApplication.translate("Labels", "{who} started a reply draft").format(who=who)
    if kind == "draft_discarded":
        return QCoreApplication.translate("Labels", "{who} discarded the reply draft").format(
            who=who
        )
    if kind == "canned_used":
        return QCoreApplication.translate("Labels", "{who} used the answer “{title}”").format(
            who=who, title=_answer_title(data)
        )
    if kind == "canned_sent":
        added, removed = int(data.get("words_added", 0)), int(data.get("words_removed", 0))
        if not added and not removed:
            return QCoreApplication.translate(
                "Labels", "{who} sent the answer “{title}” as inserted"
            ).format(who=who, title=_answer_title(data))
        return QCoreApplication.translate(
            "Labels", "{who} sent the answer “{title}” edited: +{added} / −{removed} words"
        ).format(who=who, title=_answer_title(data), added=added, removed=removed)
    if kind == "outbox":
        return _outbox_event_text(who, data)
    if kind == "remote_edit":
        return QCoreApplication.translate("Labels", "Edited on the platform")
    if kind == "remote_state":
        return QCoreApplication.translate("Labels", "On the platform: {state}").format(
            state=remote_state_label(str(data.get("after")))
        )
    if kind == "published":
        return QCoreApplication.translate("Labels", "Published on the platform")
    if kind == "arrived":
        return QCoreApplication.translate("Labels", "Arrived in Steward")
    if kind in ("note_added", "note_flag", "note_expired"):
        return _note_event_text(kind, who, data)
    if kind == "watchlist":
        if data.get("watched"):
            text = QCoreApplication.translate("Labels", "{who} put the author on the watchlist")
        else:
            text = QCoreApplication.translate("Labels", "{who} took the author off the watchlist")
        return text.format(who=who)
    if kind == "author_linked":
        return QCoreApplication.translate(
            "Labels", "{who} linked the author's accounts as one person"
        ).format(who=who)
    if kind == "author_unlinked":
        return QCoreApplication.translate("Labels", "{who} unlinked the author's accounts").format(
            who=who
        )
    if kind == "handover_import":
        return QCoreApplication.translate(
            "Labels", "{who} imported a handover from {sender}"
        ).format(who=who, sender=data.get("from") or "?")
    return kind


def note_kind_label(kind: str) -> str:
    names = {
        "note": QCoreApplication.translate("Labels", "Note"),
        "warning": QCoreApplication.translate("Labels", "Warning"),
        "good_contributor": QCoreApplication.translate("Labels", "Good contributor"),
        "vip": QCoreApplication.translate("Labels", "VIP"),
        "ban_history": QCoreApplication.translate("Labels", "Ban history"),
        "moderation": QCoreApplication.translate("Labels", "Moderation"),
    }
    return names.get(kind, kind)


def _note_event_text(kind: str, who: str, data: dict[str, Any]) -> str:
    preview = str(data.get("preview", ""))
    if len(preview) > 80:
        preview = preview[:79] + "…"
    if kind == "note_flag":
        text = (
            QCoreApplication.translate("Labels", "{who} flagged a note for the next shift: {text}")
            if data.get("for_next_shift")
            else QCoreApplication.translate(
                "Labels", "{who} unflagged a note for the next shift: {text}"
            )
        )
        return text.format(who=who, text=preview)
    if kind == "note_expired":
        return QCoreApplication.translate("Labels", "{who} ended the note: {text}").format(
            who=who, text=preview
        )
    if data.get("on") == "author":
        return QCoreApplication.translate(
            "Labels", "{who} wrote an author note ({kind}): {text}"
        ).format(who=who, kind=note_kind_label(str(data.get("kind", "note"))), text=preview)
    return QCoreApplication.translate("Labels", "{who} wrote a note: {text}").format(
        who=who, text=preview
    )


def platform_hint(kind: str) -> str:
    """What connecting a platform involves, above its form in the Add-source dialog."""
    hints = {
        "youtube": QCoreApplication.translate(
            "Labels",
            "Steward opens Google's sign-in page in your browser; allow access to the channel "
            "you moderate. You need an OAuth client of the type “Desktop app” from the Google "
            "Cloud console with the YouTube Data API enabled.",
        ),
        "vk": QCoreApplication.translate(
            "Labels",
            "Paste the access token of a person who administers or moderates the community, "
            "with the rights wall, groups and offline (VK lets only a person's token read and "
            "moderate wall comments). Replies are posted as the community.",
        ),
        "telegram": QCoreApplication.translate(
            "Labels",
            "Create a bot with @BotFather, add it to the channel's discussion group as an "
            "administrator that may delete messages and ban users, and paste its token here.",
        ),
        "mastodon": QCoreApplication.translate(
            "Labels",
            "Steward opens your server's sign-in page in your browser. Ask for moderator "
            "access to work with reports (your account must be a moderator).",
        ),
        "matrix": QCoreApplication.translate(
            "Labels",
            "Steward signs in with your password once and keeps only the session it gets; the "
            "rooms where you may remove messages come into the inbox.",
        ),
        "google_play": QCoreApplication.translate(
            "Labels",
            "Steward signs in as a Google Cloud service account invited to your app in Play "
            "Console. Google's API gives only the reviews of the last 7 days; import the "
            "reviews CSV from Play Console (File → Import reviews…) for older ones.",
        ),
        "app_store": QCoreApplication.translate(
            "Labels",
            "Steward signs in with an App Store Connect API key; it reads the app's customer "
            "reviews and publishes, replaces or deletes your answers.",
        ),
        "discourse": QCoreApplication.translate(
            "Labels",
            "Steward uses an API key of your forum; with a moderator's or admin's account it "
            "also works the review queue, hides, deletes and suspends.",
        ),
        "isso": QCoreApplication.translate(
            "Labels",
            "Steward signs in to Isso's admin interface; pending comments come in to approve "
            "or delete, and replies are posted under the name you choose.",
        ),
        "waline": QCoreApplication.translate(
            "Labels",
            "Steward signs in with a Waline administrator account; the waiting, approved and "
            "spam comments come in.",
        ),
    }
    return hints.get(kind, "")


def field_label(field: Any) -> str:
    """A connector field's label in the interface's language (English as the connector says
    it when there is no translation)."""
    return QCoreApplication.translate("SourceFields", str(field.label))


def field_help(field: Any) -> str:
    if not field.help:
        return ""
    return QCoreApplication.translate("SourceFields", str(field.help))


def connector_reason(text: str) -> str:
    """A connector's reason or note (why an action is not possible, what else it does) in the
    interface's language; as the connector says it when it has no translation."""
    return QCoreApplication.translate("ConnectorReasons", text)
