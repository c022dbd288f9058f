"""The handover renderings' words, one dict per language. The packet itself holds codes
("status:done", "warning"); these turn them into what a reader expects."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Shift handover",
        "window": "Shift",
        "written_by": "Handed over by",
        "redacted": "Author names and handles are replaced with pseudonyms.",
        "note": "Note from the moderator",
        "handled": "Handled",
        "handled_summary": "{actions} on {items}",
        "by_action": "By action",
        "source_counts": "{items}, {actions}",
        "by_moderator": "By moderator",
        "open": "Open",
        "open_summary": "{items} not done",
        "by_status": "By status",
        "held_by": "Held by",
        "unassigned": "Unassigned",
        "claimed": "Claimed items (escalations are listed below)",
        "escalations": "Escalations waiting",
        "next_shift": "Notes for the next shift",
        "other_notes": "Other notes written this shift",
        "watched": "Watched authors",
        "outbox": "Failed or conflicting outbox actions",
        "sync": "Sources with sync problems",
        "none": "None.",
        "truncated": "Only the first {count} are listed.",
        "expires": "until {when}",
        "failures": "{attempts} in a row",
        "quotes": "“”",
        "last_success": "last success",
        "never": "never",
        "deleted": "deleted on the platform",
    },
    "ru": {
        "title": "Передача смены",
        "window": "Смена",
        "written_by": "Передаёт",
        "redacted": "Имена и логины авторов заменены псевдонимами.",
        "note": "Заметка модератора",
        "handled": "Сделано",
        "handled_summary": "{actions}; затронуто: {items}",
        "by_action": "По действиям",
        "source_counts": "{items}, {actions}",
        "by_moderator": "По модераторам",
        "open": "Открыто",
        "open_summary": "Не завершено: {items}",
        "by_status": "По статусам",
        "held_by": "У кого",
        "unassigned": "Не назначено",
        "claimed": "Взято в работу (эскалации — ниже)",
        "escalations": "Ждут решения после эскалации",
        "next_shift": "Заметки для следующей смены",
        "other_notes": "Другие заметки этой смены",
        "watched": "Авторы под наблюдением",
        "outbox": "Неотправленные действия: ошибки и конфликты",
        "sync": "Источники с ошибками синхронизации",
        "none": "Нет.",
        "truncated": "Показаны только первые {count}.",
        "expires": "до {when}",
        "failures": "{attempts} подряд",
        "quotes": "«»",
        "last_success": "последний успех",
        "never": "никогда",
        "deleted": "удалено на платформе",
    },
}

# Singular and plural (English), or the three Russian forms (1, 2–4, 5–20 and so on).
NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "item": ("item", "items"),
        "action": ("action", "actions"),
        "attempt": ("failed attempt", "failed attempts"),
    },
    "ru": {
        "item": ("элемент", "элемента", "элементов"),
        "action": ("действие", "действия", "действий"),
        "attempt": ("неудачная попытка", "неудачные попытки", "неудачных попыток"),
    },
}

CODES: dict[str, dict[str, dict[str, str]]] = {
    "status": {
        "en": {
            "new": "New",
            "open": "Open",
            "waiting": "Waiting",
            "done": "Done",
            "snoozed": "Snoozed",
            "escalated": "Escalated",
        },
        "ru": {
            "new": "Новое",
            "open": "Открыто",
            "waiting": "Ожидает",
            "done": "Готово",
            "snoozed": "Отложено",
            "escalated": "Передано выше",
        },
    },
    "action": {
        "en": {
            "reply": "Replies",
            "edit_reply": "Reply edits",
            "hide": "Hidden",
            "delete": "Deleted",
            "approve": "Approved",
            "spam": "Marked as spam",
            "ban": "Bans",
            "assign": "Assigned",
            "unassign": "Unassigned",
            "tag": "Tags changed",
            "note": "Notes written",
            "status:done": "Marked done",
            "status:escalated": "Escalated",
            "status:snoozed": "Snoozed",
            "status:open": "Reopened",
            "status:waiting": "Set to waiting",
            "status:new": "Set back to new",
        },
        "ru": {
            "reply": "Ответы",
            "edit_reply": "Правки ответов",
            "hide": "Скрыто",
            "delete": "Удалено",
            "approve": "Одобрено",
            "spam": "Отмечено как спам",
            "ban": "Блокировки",
            "assign": "Назначено",
            "unassign": "Снято назначение",
            "tag": "Изменены теги",
            "note": "Написано заметок",
            "status:done": "Завершено",
            "status:escalated": "Передано выше",
            "status:snoozed": "Отложено",
            "status:open": "Открыто снова",
            "status:waiting": "Переведено в ожидание",
            "status:new": "Возвращено в новые",
        },
    },
    "note_kind": {
        "en": {
            "note": "Note",
            "warning": "Warning",
            "good_contributor": "Good contributor",
            "vip": "VIP",
            "ban_history": "Ban history",
            "moderation": "Moderation",
        },
        "ru": {
            "note": "Заметка",
            "warning": "Предупреждение",
            "good_contributor": "Ценный участник",
            "vip": "VIP",
            "ban_history": "История блокировок",
            "moderation": "Модерация",
        },
    },
    "operation": {
        "en": {
            "reply": "Reply",
            "edit_reply": "Reply edit",
            "hide": "Hide",
            "delete": "Delete",
            "approve": "Approve",
            "spam": "Mark as spam",
            "ban": "Ban",
        },
        "ru": {
            "reply": "Ответ",
            "edit_reply": "Правка ответа",
            "hide": "Скрытие",
            "delete": "Удаление",
            "approve": "Одобрение",
            "spam": "Пометка «спам»",
            "ban": "Блокировка",
        },
    },
    "outbox_state": {
        "en": {"failed": "failed", "conflict": "conflict"},
        "ru": {"failed": "ошибка", "conflict": "конфликт"},
    },
}


def label_for(language: str, group: str, code: str) -> str:
    """The word for a code; an unknown code (a newer Steward's) is shown as it is."""
    return CODES[group][language].get(code, code)


def count_of(language: str, count: int, noun: str) -> str:
    """ "1 item", "3 items"; «1 элемент», «3 элемента», «5 элементов»."""
    forms = NOUNS[language][noun]
    if language == "ru":
        tens, units = count % 100, count % 10
        if units == 1 and tens != 11:
            form = forms[0]
        elif 2 <= units <= 4 and not 12 <= tens <= 14:
            form = forms[1]
        else:
            form = forms[2]
    else:
        form = forms[0] if count == 1 else forms[1]
    return f"{count} {form}"
