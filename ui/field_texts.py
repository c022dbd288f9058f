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
    QT_TRANSLATE_NOOP("SourceFields", "Package name"),
    QT_TRANSLATE_NOOP(
        "SourceFields", "The app's package name as Play Console shows it under the app's name."
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Service account key (JSON)"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "Paste the whole JSON key file of a Google Cloud service account, in a project with the Google Play Android Developer API enabled. In Play Console, invite the service account's email under Users and permissions with the “Reply to reviews” permission for this app.",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Issuer ID"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "In App Store Connect: Users and Access › Integrations › App Store Connect API, shown above the list of keys.",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Key ID"),
    QT_TRANSLATE_NOOP(
        "SourceFields", "The ID of a team key with the Admin, App Manager or Customer Support role."
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Private key (.p8)"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The whole text of the AuthKey_<Key ID>.p8 file, which Apple lets you download once.",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "App's Apple ID"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "App Store Connect › the app › App Information › Apple ID (a number). Leave empty to find the app by its bundle ID instead.",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Bundle ID"),
    QT_TRANSLATE_NOOP("SourceFields", "Only when the Apple ID is left empty: the app's bundle ID."),
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
    QT_TRANSLATE_NOOP("SourceFields", "Forum address"),
    QT_TRANSLATE_NOOP("SourceFields", "The address of the Discourse forum, e.g. forum.example.com"),
    QT_TRANSLATE_NOOP("SourceFields", "API username"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The forum account Steward acts as (a moderator's or admin's for moderation)",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "API key"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "An API key created in the forum's admin panel (API → New API key), for this user or for all users",
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
    QT_TRANSLATE_NOOP("SourceFields", "Isso server"),
    QT_TRANSLATE_NOOP(
        "SourceFields", "The address your Isso answers at, e.g. https://comments.example.com"
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Threads"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The pages to watch, as Isso names them (e.g. /blog/hello/), separated by spaces; leave empty for every page with comments (read from Isso's admin page)",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Admin password"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The [admin] password of your Isso configuration; Isso has no token to exchange it for, so it stays in the system keyring",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Reply as"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The name your replies are signed with; comments under this name count as yours",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Site address"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "Where the pages are, for links to them (default: the Isso server's address)",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Waline server"),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The address of your Waline server (the serverURL in the site's Waline settings), e.g. https://comments.example.org",
    ),
    QT_TRANSLATE_NOOP(
        "SourceFields",
        "The address of the site the comments are on, e.g. https://blog.example.org: Steward links each comment to its page there",
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Email"),
    QT_TRANSLATE_NOOP("SourceFields", "The email address of a Waline administrator account"),
    QT_TRANSLATE_NOOP(
        "SourceFields", "Used once to sign in; Steward keeps only the sign-in Waline gives back"
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Two-factor code"),
    QT_TRANSLATE_NOOP("SourceFields", "Only if the account has two-factor sign-in turned on"),
    QT_TRANSLATE_NOOP("SourceFields", "Server address"),
    QT_TRANSLATE_NOOP(
        "SourceFields", "The community's address, e.g. https://community.example.org/c/lumo"
    ),
    QT_TRANSLATE_NOOP("SourceFields", "Your handle"),
    QT_TRANSLATE_NOOP("SourceFields", "The handle your replies are posted under"),
    QT_TRANSLATE_NOOP("SourceFields", "Leave empty for a server that needs no sign-in"),
    QT_TRANSLATE_NOOP("SourceFields", "Refresh token"),
)
