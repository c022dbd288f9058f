"""The connectors' field texts (labels and help of the Add-source dialog), each in a
QT_TRANSLATE_NOOP of its own so that lupdate finds them; ui.labels.field_label translates them.
test_i18n checks that every connector's texts are listed here."""

# ruff: noqa: E501

from PySide6.QtCore import QT_TRANSLATE_NOOP

FIELD_TEXTS = (
    QT_TRANSLATE_NOOP("SourceFields", "OAuth client ID"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        'From your Google Cloud project: APIs & Services › Credentials › OAuth client ID of type "Desktop app", with the YouTube Data API v3 enabled.',
    ),
    QT_TRANSLATE_NOOP("SourceFields", "OAuth client secret"),
    QT_TRANSLATE_NOOP("SourceFields", "Shown next to the client ID in Google Cloud."),
    QT_TRANSLATE_NOOP("SourceFields", "Channel ID"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "Only if your Google account has several channels: the one to moderate (UC...).",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Community"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The community's short name or number, as in vk.com/ourchannel or vk.com/club123",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Access token"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The access token of an administrator or moderator of the community, with the wall, groups and offline rights. A community's own token cannot read wall comments.",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Channel"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The channel's @username, or its id (-100…) if it is private. Its comments are in its linked discussion group; you can also give the group itself.",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Bot token"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "From @BotFather. Add the bot to the discussion group as an administrator with the rights “Delete messages” and “Ban users”.",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Bot API server"),
    QT_TRANSLATE_NOOP("SourceFields", "Leave as it is unless you run your own Bot API server."),
    QT_TRANSLATE_NOOP("SourceFields", "Instance"),
    QT_TRANSLATE_NOOP("SourceFields", "The address of your Mastodon server, e.g. mastodon.social"),
    QT_TRANSLATE_NOOP("SourceFields", "Moderator features"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "Also work on the server's reports and act on accounts (your account needs a moderator or admin role there)",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Homeserver"),
    QT_TRANSLATE_NOOP(
        "SourceFields", "The address of your homeserver, e.g. https://matrix.example.org"
    ),
    QT_TRANSLATE_NOOP("SourceFields", "User"),
    QT_TRANSLATE_NOOP("SourceFields", "Your Matrix ID (@name:example.org) or user name"),
    QT_TRANSLATE_NOOP("SourceFields", "Password"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "Used once to sign in; Steward keeps only the session the homeserver gives it",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Rooms"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "Room IDs (!abc:example.org) to watch, separated by spaces; leave empty for every room you moderate",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Server address"),
    QT_TRANSLATE_NOOP(
        "SourceFields", "The community's address, e.g. https://community.example.org/c/lumo"
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Your handle"),
    QT_TRANSLATE_NOOP("SourceFields", "The handle your replies are posted under"),
    QT_TRANSLATE_NOOP("SourceFields", "Leave empty for a server that needs no sign-in"),
    QT_TRANSLATE_NOOP("SourceFields", "Refresh token"),
)
