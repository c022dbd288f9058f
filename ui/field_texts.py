"""The connectors' own texts: their fields' labels and help (the Add-source dialog) and why an
action is not possible or what else it does (tooltips and confirmations). Each is in a
QT_TRANSLATE_NOOP of its own so that lupdate finds it; ui.labels translates them, and test_i18n
checks that every connector's texts are listed here."""

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

# Why an action is not possible on a platform or an item, and what else an action does.
REASON_TEXTS = (
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Answer the review again instead: the App Store replaces the earlier answer.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "Apple moderates App Store reviews; a developer cannot hide one."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "Apple publishes App Store reviews; they need no approval."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "App Store reviews cannot be reported through the API; use Report a Concern on the review in App Store Connect.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "App Store reviewers are anonymous to developers and cannot be banned."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "A deleted answer cannot be brought back on the App Store; answer the review again.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Apple moderates App Store reviews; a developer can answer a review but not delete it.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Answer the review itself: the App Store keeps one answer per review, and a new answer replaces this one.",
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Only the app's own answer can be deleted."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The community API has no way to edit a reply."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The community API cannot bring back a deleted item."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Steward cannot bring back a deleted post; staff can recover it on the forum.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "Only posts waiting in the review queue can be approved."
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "This is your own post."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Only your own posts can be edited."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "To change the answer, reply to the review again: Google Play replaces the previous answer.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Google Play's API cannot delete reviews or answers; an answer can be deleted in Play Console.",
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Google Play has no way to hide a review."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Reviews on Google Play need no approval."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Google Play's API cannot report a review; flag it as inappropriate in Play Console.",
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Google Play does not let developers block reviewers."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "Google Play cannot bring back a review that was removed."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Answer the review itself: Google Play keeps one answer per review, and a new answer replaces this one.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "Isso cannot hide a published comment; it can only delete it."
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Isso has no spam folder; delete the comment instead."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Isso has no way to ban a commenter; its guard only limits how often one address may comment.",
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "A comment deleted in Isso cannot be brought back."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "Only comments waiting in Isso's moderation queue can be approved."
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The comment was deleted; Isso takes no replies to it."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The comment is already deleted."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Only your own replies can be edited."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Mastodon cannot bring back a deleted post."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Mastodon lets you delete only your own posts; hide or ban the account instead.",
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The post is visible; approving applies to reports."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "Matrix cannot hide a message; it can only remove it for everyone."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "A removed (redacted) Matrix message cannot be brought back."
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "You cannot ban your own account."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Only a reported message can be approved: approving dismisses its reports.",
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Only your own messages can be edited."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Telegram cannot hide a message in a group: it is there for everyone or deleted.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Telegram groups have no messages waiting for approval: every message appears at once.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "A Telegram bot cannot report spam. Delete the message or ban its author.",
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "A deleted Telegram message cannot be brought back."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "This is the bot's own message."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Telegram lets a bot delete only messages sent less than 48 hours ago. An administrator can still delete it in the Telegram app.",
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Only the bot's own messages can be edited."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "This was posted on behalf of your own channel."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "An anonymous administrator of the group wrote this; Telegram does not let a bot ban them.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "VK cannot hide a wall comment; delete it instead (it can be restored)."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "VK publishes wall comments at once; there is nothing to approve."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "VK only lets you report a comment to VK's own moderators, which does not remove it; delete it or ban its author instead.",
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "This comment was written by the community itself."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The comment is not deleted."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Only the community's own comments can be edited."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons",
        "Waline cannot block a commenter from Steward: most comments are posted without an account. Mark the comment as spam instead.",
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "A comment deleted on Waline is gone for good; it cannot be restored."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "Deleting a comment on Waline also deletes every reply to it."
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "This is the account's own comment."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The comment is already approved."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "The comment is already waiting for approval, off the page."
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The comment is already marked as spam."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "Only the account's own comments can be edited here."),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "YouTube cannot bring back a comment that was removed or rejected."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "YouTube does not hold the channel's own comments for review."
    ),
    QT_TRANSLATE_NOOP(
        "ConnectorReasons", "The channel's own comments need no approval on YouTube."
    ),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The channel's own comment cannot be reported as spam."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "The channel cannot ban itself from its own comments."),
    QT_TRANSLATE_NOOP("ConnectorReasons", "YouTube lets only a comment's author edit it."),
)
