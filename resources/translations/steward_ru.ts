<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AddSourceDialog</name>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="285"/>
        <source>Sign-in cancelled; nothing was saved.</source>
        <translation>Вход отменён; ничего не сохранено.</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="294"/>
        <source>Steward could not finish the sign-in ({error}).</source>
        <translation>Steward не смог завершить вход ({error}).</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="305"/>
        <source>Not connected: {message}</source>
        <translation>Не подключено: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="313"/>
        <source>Signing in to {platform}…</source>
        <translation>Вход в {platform}…</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="333"/>
        <source>Sign in again — {name}</source>
        <translation>Повторный вход — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="335"/>
        <source>Add source</source>
        <translation>Добавить источник</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="337"/>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="337"/>
        <source>Connect</source>
        <translation>Подключить</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="344"/>
        <source>Name in Steward</source>
        <translation>Название в Steward</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="345"/>
        <source>Filled in from the account</source>
        <translation>Берётся из аккаунта</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="346"/>
        <source>Tone of answers</source>
        <translation>Тон ответов</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="347"/>
        <source>Formal</source>
        <translation>Официальный</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="348"/>
        <source>Informal</source>
        <translation>Неформальный</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="356"/>
        <source>(optional)</source>
        <translation>(необязательно)</translation>
    </message>
</context>
<context>
    <name>CannedLibraryDialog</name>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="224"/>
        <source>All answers</source>
        <translation>Все ответы</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="226"/>
        <source>Archived</source>
        <translation>В архиве</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="391"/>
        <source>Add a variant</source>
        <translation>Добавить вариант</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="391"/>
        <source>Language and tone:</source>
        <translation>Язык и тон:</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="425"/>
        <source>Restore</source>
        <translation>Вернуть из архива</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="425"/>
        <source>Archive</source>
        <translation>В архив</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="433"/>
        <location filename="../../ui/canned_library_dialog.py" line="617"/>
        <source>New answer</source>
        <translation>Новый ответ</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="438"/>
        <source>never</source>
        <translation>ни разу</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="441"/>
        <source>Used {n} times, last: {last}</source>
        <translation>Использован раз: {n}, последний: {last}</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="454"/>
        <source>Preview (select an item to fill in its values):</source>
        <translation>Предпросмотр (выберите запись, чтобы подставить её значения):</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="458"/>
        <source>Preview for {author} on {source}:</source>
        <translation>Предпросмотр для {author}, {source}:</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="459"/>
        <source>Unknown author</source>
        <translation>Автор неизвестен</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="468"/>
        <source>Asked for before sending: {names}</source>
        <translation>Будет спрошено перед отправкой: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="493"/>
        <source>Cannot save the answer</source>
        <translation>Не удалось сохранить ответ</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="498"/>
        <source>Saved “{title}”</source>
        <translation>Сохранён «{title}»</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="509"/>
        <source>Archived “{title}”: kept, no longer offered</source>
        <translation>«{title}» в архиве: сохранён, но больше не предлагается</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="511"/>
        <source>Restored “{title}”</source>
        <translation>«{title}» возвращён из архива</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="533"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="534"/>
        <source>Save the changes to this answer?</source>
        <translation>Сохранить изменения в этом ответе?</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="550"/>
        <source>Answer library (*.json *.yaml *.yml)</source>
        <translation>Библиотека ответов (*.json *.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="554"/>
        <source>Export the answer library</source>
        <translation>Экспорт библиотеки ответов</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="566"/>
        <source>Cannot export</source>
        <translation>Не удалось экспортировать</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="567"/>
        <source>Steward could not write {file}: {reason}</source>
        <translation>Steward не смог записать {file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="572"/>
        <source>Exported to {file}</source>
        <translation>Экспортировано в {file}</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="578"/>
        <source>Import an answer library</source>
        <translation>Импорт библиотеки ответов</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="591"/>
        <source>The file cannot be read as UTF-8 text.</source>
        <translation>Файл не читается как текст UTF-8.</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="597"/>
        <source>Nothing was imported</source>
        <translation>Ничего не импортировано</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="598"/>
        <source>{file}: {reason}</source>
        <translation>{file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="602"/>
        <source>Imported {file}: {added} added, {updated} updated, {same} unchanged</source>
        <translation>Импортирован {file}: добавлено {added}, обновлено {updated}, без изменений {same}</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="612"/>
        <source>Answer library</source>
        <translation>Библиотека ответов</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="613"/>
        <source>Search titles, shortcuts and texts…</source>
        <translation>Поиск по названиям, сокращениям и текстам…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="615"/>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="615"/>
        <location filename="../../ui/canned_library_dialog.py" line="630"/>
        <source>Shortcut</source>
        <translation>Сокращение</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="615"/>
        <source>Used</source>
        <translation>Исп.</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="615"/>
        <source>Last used</source>
        <translation>Последний</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="618"/>
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="619"/>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="620"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="621"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="622"/>
        <source>Add…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="623"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="624"/>
        <source>any platform (or e.g. google_play, vk)</source>
        <translation>любая площадка (или, например, google_play, vk)</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="625"/>
        <source>one word, typed as ;word then Tab</source>
        <translation>одно слово: наберите ;слово и Tab</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="627"/>
        <source>Title (English)</source>
        <translation>Название (англ.)</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="628"/>
        <source>Title (Russian)</source>
        <translation>Название (рус.)</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="629"/>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="631"/>
        <source>Platforms</source>
        <translation>Площадки</translation>
    </message>
    <message>
        <location filename="../../ui/canned_library_dialog.py" line="632"/>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
</context>
<context>
    <name>CannedPanel</name>
    <message>
        <location filename="../../ui/canned_panel.py" line="148"/>
        <source>Suggested: {why}</source>
        <translation>Предложено: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/canned_panel.py" line="167"/>
        <source>Fill in before sending: {names}</source>
        <translation>Заполните перед отправкой: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/canned_panel.py" line="179"/>
        <source>Answers</source>
        <translation>Шаблоны ответов</translation>
    </message>
    <message>
        <location filename="../../ui/canned_panel.py" line="180"/>
        <source>Search answers…</source>
        <translation>Поиск шаблонов…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_panel.py" line="181"/>
        <source>Insert into reply</source>
        <translation>Вставить в ответ</translation>
    </message>
    <message>
        <location filename="../../ui/canned_panel.py" line="182"/>
        <source>Library…</source>
        <translation>Библиотека…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_panel.py" line="183"/>
        <source>Edit, archive, import and export answers (Ctrl+Shift+L)</source>
        <translation>Правка, архив, импорт и экспорт ответов (Ctrl+Shift+L)</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <location filename="../../ui/dialogs.py" line="211"/>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="212"/>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="212"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
</context>
<context>
    <name>ConnectorReasons</name>
    <message>
        <location filename="../../ui/field_texts.py" line="162"/>
        <source>Answer the review again instead: the App Store replaces the earlier answer.</source>
        <translation>Ответьте на отзыв ещё раз: App Store заменит прежний ответ.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="166"/>
        <source>Apple moderates App Store reviews; a developer cannot hide one.</source>
        <translation>Отзывы в App Store модерирует Apple; разработчик не может их скрыть.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="169"/>
        <source>Apple publishes App Store reviews; they need no approval.</source>
        <translation>Отзывы в App Store публикует Apple; одобрять их не нужно.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="172"/>
        <source>App Store reviews cannot be reported through the API; use Report a Concern on the review in App Store Connect.</source>
        <translation>Пожаловаться на отзыв App Store через API нельзя; используйте Report a Concern у отзыва в App Store Connect.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="176"/>
        <source>App Store reviewers are anonymous to developers and cannot be banned.</source>
        <translation>Авторы отзывов в App Store анонимны для разработчиков, заблокировать их нельзя.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="179"/>
        <source>A deleted answer cannot be brought back on the App Store; answer the review again.</source>
        <translation>Удалённый ответ в App Store не вернуть; ответьте на отзыв заново.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="183"/>
        <source>Apple moderates App Store reviews; a developer can answer a review but not delete it.</source>
        <translation>Отзывы в App Store модерирует Apple; разработчик может ответить на отзыв, но не удалить его.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="187"/>
        <source>Answer the review itself: the App Store keeps one answer per review, and a new answer replaces this one.</source>
        <translation>Отвечайте на сам отзыв: в App Store у отзыва один ответ, и новый заменит этот.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="191"/>
        <source>Only the app&apos;s own answer can be deleted.</source>
        <translation>Удалить можно только собственный ответ приложения.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="192"/>
        <source>The community API has no way to edit a reply.</source>
        <translation>API сообщества не позволяет изменять ответы.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="193"/>
        <source>The community API cannot bring back a deleted item.</source>
        <translation>API сообщества не может вернуть удалённое.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="194"/>
        <source>Steward cannot bring back a deleted post; staff can recover it on the forum.</source>
        <translation>Steward не может вернуть удалённое сообщение; персонал форума может восстановить его на форуме.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="198"/>
        <source>Only posts waiting in the review queue can be approved.</source>
        <translation>Одобрить можно только сообщения в очереди на проверку.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="201"/>
        <source>This is your own post.</source>
        <translation>Это ваше собственное сообщение.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="202"/>
        <source>Only your own posts can be edited.</source>
        <translation>Изменять можно только свои сообщения.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="203"/>
        <source>To change the answer, reply to the review again: Google Play replaces the previous answer.</source>
        <translation>Чтобы изменить ответ, ответьте на отзыв ещё раз: Google Play заменит прежний ответ.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="207"/>
        <source>Google Play&apos;s API cannot delete reviews or answers; an answer can be deleted in Play Console.</source>
        <translation>API Google Play не удаляет отзывы и ответы; ответ можно удалить в Play Console.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="211"/>
        <source>Google Play has no way to hide a review.</source>
        <translation>В Google Play нельзя скрыть отзыв.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="212"/>
        <source>Reviews on Google Play need no approval.</source>
        <translation>Отзывы в Google Play не требуют одобрения.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="213"/>
        <source>Google Play&apos;s API cannot report a review; flag it as inappropriate in Play Console.</source>
        <translation>API Google Play не принимает жалобы на отзывы; отметьте отзыв как неприемлемый в Play Console.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="217"/>
        <source>Google Play does not let developers block reviewers.</source>
        <translation>Google Play не позволяет разработчикам блокировать авторов отзывов.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="218"/>
        <source>Google Play cannot bring back a review that was removed.</source>
        <translation>Google Play не может вернуть удалённый отзыв.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="221"/>
        <source>Answer the review itself: Google Play keeps one answer per review, and a new answer replaces this one.</source>
        <translation>Отвечайте на сам отзыв: в Google Play у отзыва один ответ, и новый заменит этот.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="225"/>
        <source>Isso cannot hide a published comment; it can only delete it.</source>
        <translation>Isso не умеет скрывать опубликованный комментарий — только удалять.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="228"/>
        <source>Isso has no spam folder; delete the comment instead.</source>
        <translation>В Isso нет папки спама; удалите комментарий.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="229"/>
        <source>Isso has no way to ban a commenter; its guard only limits how often one address may comment.</source>
        <translation>В Isso нельзя заблокировать автора; защита лишь ограничивает, как часто можно комментировать с одного адреса.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="233"/>
        <source>A comment deleted in Isso cannot be brought back.</source>
        <translation>Удалённый в Isso комментарий не вернуть.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="234"/>
        <source>Only comments waiting in Isso&apos;s moderation queue can be approved.</source>
        <translation>Одобрить можно только комментарии в очереди модерации Isso.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="237"/>
        <source>The comment was deleted; Isso takes no replies to it.</source>
        <translation>Комментарий удалён; Isso не принимает ответы на него.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="238"/>
        <source>The comment is already deleted.</source>
        <translation>Комментарий уже удалён.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="239"/>
        <source>Only your own replies can be edited.</source>
        <translation>Изменять можно только свои ответы.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="240"/>
        <source>Mastodon cannot bring back a deleted post.</source>
        <translation>Mastodon не может вернуть удалённый пост.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="241"/>
        <source>Mastodon lets you delete only your own posts; hide or ban the account instead.</source>
        <translation>Mastodon позволяет удалять только свои посты; вместо этого скройте или заблокируйте аккаунт.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="245"/>
        <source>The post is visible; approving applies to reports.</source>
        <translation>Пост виден; одобрение относится к жалобам.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="246"/>
        <source>Matrix cannot hide a message; it can only remove it for everyone.</source>
        <translation>Matrix не умеет скрывать сообщения — только удалять для всех.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="249"/>
        <source>A removed (redacted) Matrix message cannot be brought back.</source>
        <translation>Удалённое (redacted) сообщение Matrix не вернуть.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="252"/>
        <source>You cannot ban your own account.</source>
        <translation>Нельзя заблокировать собственный аккаунт.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="253"/>
        <source>Only a reported message can be approved: approving dismisses its reports.</source>
        <translation>Одобрить можно только сообщение с жалобами: одобрение снимает жалобы.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="257"/>
        <source>Only your own messages can be edited.</source>
        <translation>Изменять можно только свои сообщения.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="258"/>
        <source>Telegram cannot hide a message in a group: it is there for everyone or deleted.</source>
        <translation>Telegram не умеет скрывать сообщения в группе: оно видно всем или удалено.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="262"/>
        <source>Telegram groups have no messages waiting for approval: every message appears at once.</source>
        <translation>В группах Telegram нет сообщений на одобрении: каждое появляется сразу.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="266"/>
        <source>A Telegram bot cannot report spam. Delete the message or ban its author.</source>
        <translation>Бот Telegram не может сообщить о спаме. Удалите сообщение или заблокируйте автора.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="270"/>
        <source>A deleted Telegram message cannot be brought back.</source>
        <translation>Удалённое сообщение Telegram не вернуть.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="271"/>
        <source>This is the bot&apos;s own message.</source>
        <translation>Это сообщение самого бота.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="272"/>
        <source>Telegram lets a bot delete only messages sent less than 48 hours ago. An administrator can still delete it in the Telegram app.</source>
        <translation>Telegram позволяет боту удалять только сообщения младше 48 часов. Администратор всё ещё может удалить его в приложении Telegram.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="276"/>
        <source>Only the bot&apos;s own messages can be edited.</source>
        <translation>Изменять можно только сообщения самого бота.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="277"/>
        <source>This was posted on behalf of your own channel.</source>
        <translation>Это опубликовано от имени вашего канала.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="278"/>
        <source>An anonymous administrator of the group wrote this; Telegram does not let a bot ban them.</source>
        <translation>Это написал анонимный администратор группы; Telegram не позволяет боту его заблокировать.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="282"/>
        <source>VK cannot hide a wall comment; delete it instead (it can be restored).</source>
        <translation>ВКонтакте нельзя скрыть комментарий на стене; удалите его (его можно восстановить).</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="285"/>
        <source>VK publishes wall comments at once; there is nothing to approve.</source>
        <translation>ВКонтакте публикует комментарии сразу; одобрять нечего.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="288"/>
        <source>VK only lets you report a comment to VK&apos;s own moderators, which does not remove it; delete it or ban its author instead.</source>
        <translation>ВКонтакте позволяет лишь пожаловаться модераторам ВКонтакте, и комментарий остаётся; удалите его или заблокируйте автора.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="292"/>
        <source>This comment was written by the community itself.</source>
        <translation>Этот комментарий написан от имени сообщества.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="293"/>
        <source>The comment is not deleted.</source>
        <translation>Комментарий не удалён.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="294"/>
        <source>Only the community&apos;s own comments can be edited.</source>
        <translation>Изменять можно только комментарии самого сообщества.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="295"/>
        <source>Waline cannot block a commenter from Steward: most comments are posted without an account. Mark the comment as spam instead.</source>
        <translation>Waline не позволяет заблокировать автора из Steward: большинство комментариев пишут без аккаунта. Отметьте комментарий как спам.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="299"/>
        <source>A comment deleted on Waline is gone for good; it cannot be restored.</source>
        <translation>Удалённый в Waline комментарий пропадает навсегда; восстановить его нельзя.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="302"/>
        <source>Deleting a comment on Waline also deletes every reply to it.</source>
        <translation>Удаление комментария в Waline удаляет и все ответы на него.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="305"/>
        <source>This is the account&apos;s own comment.</source>
        <translation>Это собственный комментарий аккаунта.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="306"/>
        <source>The comment is already approved.</source>
        <translation>Комментарий уже одобрен.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="307"/>
        <source>The comment is already waiting for approval, off the page.</source>
        <translation>Комментарий уже ждёт одобрения и не показан на странице.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="310"/>
        <source>The comment is already marked as spam.</source>
        <translation>Комментарий уже отмечен как спам.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="311"/>
        <source>Only the account&apos;s own comments can be edited here.</source>
        <translation>Здесь можно изменять только собственные комментарии аккаунта.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="312"/>
        <source>YouTube cannot bring back a comment that was removed or rejected.</source>
        <translation>YouTube не может вернуть удалённый или отклонённый комментарий.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="315"/>
        <source>YouTube does not hold the channel&apos;s own comments for review.</source>
        <translation>YouTube не отправляет на проверку комментарии самого канала.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="318"/>
        <source>The channel&apos;s own comments need no approval on YouTube.</source>
        <translation>Комментарии самого канала на YouTube не требуют одобрения.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="321"/>
        <source>The channel&apos;s own comment cannot be reported as spam.</source>
        <translation>Комментарий самого канала нельзя отметить как спам.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="322"/>
        <source>The channel cannot ban itself from its own comments.</source>
        <translation>Канал не может заблокировать сам себя в своих комментариях.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="323"/>
        <source>YouTube lets only a comment&apos;s author edit it.</source>
        <translation>YouTube позволяет изменять комментарий только его автору.</translation>
    </message>
</context>
<context>
    <name>DossierPane</name>
    <message>
        <location filename="../../ui/dossier_pane.py" line="133"/>
        <source>No author</source>
        <translation>Автор неизвестен</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="144"/>
        <source>Same person: {name} on {where}</source>
        <translation>Тот же человек: {name}, {where}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="156"/>
        <source>{n} items · negative {neg} · neutral {neu} · positive {pos}
By status: {statuses}</source>
        <translation>Записей: {n} · негатив {neg} · нейтрально {neu} · позитив {pos}
По статусам: {statuses}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="175"/>
        <source>…and {n} more</source>
        <translation>…и ещё {n}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="176"/>
        <source>Moderation:</source>
        <translation>Модерация:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="178"/>
        <source>No moderation actions against this author</source>
        <translation>Действий модерации против автора не было</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="247"/>
        <location filename="../../ui/dossier_pane.py" line="260"/>
        <source>Unlink</source>
        <translation>Разъединить</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="248"/>
        <source>Treat this account as a separate person again?</source>
        <translation>Снова считать этот аккаунт отдельным человеком?</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="255"/>
        <source>Watch this author</source>
        <translation>Следить за автором</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="256"/>
        <source>Same person as…</source>
        <translation>Тот же человек, что…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="258"/>
        <source>Link this account to the same person&apos;s account elsewhere</source>
        <translation>Связать этот аккаунт с аккаунтом того же человека на другой площадке</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ui/handover_dialog.py" line="53"/>
        <source>Steward could not write {file}: {reason}</source>
        <translation>Steward не смог записать {file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="270"/>
        <location filename="../../ui/handover_dialog.py" line="367"/>
        <source>The window ends before it starts.</source>
        <translation>Период заканчивается раньше, чем начинается.</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="281"/>
        <source>The handover was not copied</source>
        <translation>Передача смены не скопирована</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="284"/>
        <source>Markdown copied to the clipboard</source>
        <translation>Markdown скопирован в буфер обмена</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="291"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="292"/>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="293"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="294"/>
        <location filename="../../ui/handover_dialog.py" line="384"/>
        <source>JSON packet (*.json)</source>
        <translation>Пакет JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="307"/>
        <source>Save the handover</source>
        <translation>Сохранить передачу смены</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="329"/>
        <source>The handover was not saved</source>
        <translation>Передача смены не сохранена</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="333"/>
        <source>Handover saved to {file}</source>
        <translation>Передача смены сохранена в {file}</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="341"/>
        <source>Hand over the shift</source>
        <translation>Передать смену</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="342"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="342"/>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="342"/>
        <source>Packet language</source>
        <translation>Язык передачи</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="345"/>
        <source>Since the last handover</source>
        <translation>С последней передачи</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="347"/>
        <source>The end of the last handover, or the start of this shift if there was none</source>
        <translation>Конец последней передачи смены, а если её не было — начало этой смены</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="349"/>
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="350"/>
        <source>Hide author names and handles</source>
        <translation>Скрыть имена и логины авторов</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="352"/>
        <source>Authors become “Author 1”, “Author 2”… in every format</source>
        <translation>Во всех форматах авторы становятся «Author 1», «Author 2»…</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="354"/>
        <source>Note for the next shift</source>
        <translation>Заметка для следующей смены</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="355"/>
        <source>What the next shift should know…</source>
        <translation>Что нужно знать следующей смене…</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="357"/>
        <source>Local time ({zone}); the packet gives its times in UTC.</source>
        <translation>Местное время ({zone}); в пакете — UTC.</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="361"/>
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="362"/>
        <source>Copy Markdown</source>
        <translation>Копировать Markdown</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="363"/>
        <source>Copy the handover as Markdown, to paste in a chat</source>
        <translation>Скопировать передачу смены в Markdown, чтобы вставить в чат</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="364"/>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="365"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="382"/>
        <source>Import a handover packet</source>
        <translation>Импорт пакета передачи смены</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="400"/>
        <source>The handover was not imported</source>
        <translation>Передача смены не импортирована</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="406"/>
        <source>Handover imported</source>
        <translation>Передача смены импортирована</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="414"/>
        <source>This handover packet was already imported here; nothing changed.</source>
        <translation>Этот пакет передачи смены уже импортирован здесь; ничего не изменилось.</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="418"/>
        <source>Notes added: {n}</source>
        <translation>Добавлено заметок: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="421"/>
        <source>Items assigned or escalated: {n}</source>
        <translation>Назначено или передано выше сообщений: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="424"/>
        <source>Authors put on the watchlist: {n}</source>
        <translation>Добавлено авторов в список наблюдения: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="430"/>
        <source>Items where a newer decision made here was kept: {n}</source>
        <translation>Сообщений, где оставлено более новое решение, принятое здесь: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/handover_dialog.py" line="436"/>
        <source>Items and authors not synced here yet, merged when they arrive: {n}</source>
        <translation>Сообщений и авторов, которых здесь ещё нет (объединятся после синхронизации): {n}</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <location filename="../../ui/history_pane.py" line="216"/>
        <source>Notes ({n})</source>
        <translation>Заметки ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/history_pane.py" line="216"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <location filename="../../ui/history_pane.py" line="219"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../ui/history_pane.py" line="221"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location filename="../../ui/history_pane.py" line="222"/>
        <source>Before</source>
        <translation>Было</translation>
    </message>
    <message>
        <location filename="../../ui/history_pane.py" line="223"/>
        <source>After</source>
        <translation>Стало</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/import_dialog.py" line="84"/>
        <source>Id</source>
        <translation>Идентификатор</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="85"/>
        <source>Time written</source>
        <translation>Время написания</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="86"/>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="87"/>
        <source>Rating</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="88"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="89"/>
        <source>Author id</source>
        <translation>Идентификатор автора</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="90"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="91"/>
        <source>App version</source>
        <translation>Версия приложения</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="92"/>
        <source>Device</source>
        <translation>Устройство</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="93"/>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="94"/>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="95"/>
        <source>Your reply</source>
        <translation>Ваш ответ</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="96"/>
        <source>Time of your reply</source>
        <translation>Время вашего ответа</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="97"/>
        <source>Link</source>
        <translation>Ссылка</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="98"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="243"/>
        <location filename="../../ui/import_dialog.py" line="682"/>
        <source>A new source</source>
        <translation>Новый источник</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="252"/>
        <location filename="../../ui/import_dialog.py" line="659"/>
        <source>Import reviews</source>
        <translation>Импорт отзывов</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="254"/>
        <source>Review exports (*.csv *.json *.jsonl *.ndjson);;All files (*)</source>
        <translation>Выгрузки отзывов (*.csv *.json *.jsonl *.ndjson);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="306"/>
        <source>Choose a CSV or JSON export of reviews.</source>
        <translation>Выберите выгрузку отзывов в CSV или JSON.</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="320"/>
        <source>A Google Play reviews export for {app} ({size}, {encoding}).</source>
        <translation>Выгрузка отзывов Google Play для {app} ({size}, {encoding}).</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="324"/>
        <source>A {kind} file ({size}, {encoding}); columns found: {n}.</source>
        <translation>Файл {kind} ({size}, {encoding}); найдено столбцов: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="383"/>
        <location filename="../../ui/import_dialog.py" line="690"/>
        <source>(not in the file)</source>
        <translation>(нет в файле)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="412"/>
        <source>Choose a column for: {fields}.</source>
        <translation>Выберите столбец для: {fields}.</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="509"/>
        <source>Reading {file}…</source>
        <translation>Чтение {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="542"/>
        <source>Steward could not finish the import ({error}).</source>
        <translation>Steward не удалось завершить импорт ({error}).</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="554"/>
        <source>{rows} rows read, {added} added, {updated} updated</source>
        <translation>Прочитано строк: {rows}, добавлено: {added}, обновлено: {updated}</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="567"/>
        <source>Import cancelled; what was imported so far is kept.</source>
        <translation>Импорт отменён; уже импортированное сохранено.</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="572"/>
        <source>Added: {added}. Updated: {updated}. Unchanged: {unchanged}. Rows skipped: {skipped}.</source>
        <translation>Добавлено: {added}. Обновлено: {updated}. Без изменений: {unchanged}. Пропущено строк: {skipped}.</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="587"/>
        <source>Line {line}: {problem}</source>
        <translation>Строка {line}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="592"/>
        <source>… and {n} more</source>
        <translation>… и ещё {n}</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="604"/>
        <source>Importing reviews…</source>
        <translation>Импорт отзывов…</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="606"/>
        <source>Import cancelled</source>
        <translation>Импорт отменён</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="607"/>
        <source>Import finished</source>
        <translation>Импорт завершён</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="637"/>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="660"/>
        <source>The file and where its reviews go</source>
        <translation>Файл и куда поместить отзывы</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="662"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="663"/>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="664"/>
        <source>Encoding</source>
        <translation>Кодировка</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="665"/>
        <source>Import into</source>
        <translation>Импортировать в</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="666"/>
        <source>New source&apos;s name</source>
        <translation>Название нового источника</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="670"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="671"/>
        <source>A .csv, .json or .jsonl file</source>
        <translation>Файл .csv, .json или .jsonl</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="673"/>
        <location filename="../../ui/import_dialog.py" line="680"/>
        <source>Recognise from the file</source>
        <translation>Определить по файлу</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="674"/>
        <source>Google Play Console reviews (CSV)</source>
        <translation>Отзывы из Google Play Console (CSV)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="675"/>
        <source>CSV with named columns</source>
        <translation>CSV с именованными столбцами</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="676"/>
        <source>JSON array or JSON Lines</source>
        <translation>Массив JSON или JSON Lines</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="683"/>
        <source>Which column holds what</source>
        <translation>Какой столбец что содержит</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="691"/>
        <source>The first rows, as Steward will read them</source>
        <translation>Первые строки так, как их прочитает Steward</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="692"/>
        <source>Rows skipped</source>
        <translation>Пропущенные строки</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="693"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="694"/>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="695"/>
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="696"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="697"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="706"/>
        <source>A Google Play export: its columns are known. The preview shows the first reviews.</source>
        <translation>Выгрузка Google Play: её столбцы известны. В предпросмотре — первые отзывы.</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="710"/>
        <source>Columns are matched by their names; correct the matches where needed. Time written and Text are required.</source>
        <translation>Столбцы сопоставлены по названиям; исправьте, где нужно. «Время написания» и «Текст» обязательны.</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../ui/inbox_model.py" line="161"/>
        <source>Platform</source>
        <translation>Платформа</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="162"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="163"/>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="164"/>
        <source>Rating</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="165"/>
        <source>Tone</source>
        <translation>Тон</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="166"/>
        <source>Age / SLA</source>
        <translation>Возраст / SLA</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="167"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="168"/>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="235"/>
        <source>{age} · overdue</source>
        <translation>{age} · просрочено</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="244"/>
        <source>Sentiment: {value:+.2f}</source>
        <translation>Тональность: {value:+.2f}</translation>
    </message>
</context>
<context>
    <name>ItemPane</name>
    <message>
        <location filename="../../ui/item_pane.py" line="203"/>
        <source>{platform} · {source} · {age} ago</source>
        <translation>{platform} · {source} · {age} назад</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="207"/>
        <source>Unknown author</source>
        <translation>Неизвестный автор</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="211"/>
        <source>[watched]</source>
        <translation>[на контроле]</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="217"/>
        <source>version {v}</source>
        <translation>версия {v}</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="228"/>
        <source>assigned to {who}</source>
        <translation>исполнитель: {who}</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="250"/>
        <source>Your published answer ({when}):</source>
        <translation>Ваш опубликованный ответ ({when}):</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="320"/>
        <source>Reply — sending replaces your published answer on the platform</source>
        <translation>Ответ — при отправке заменит ваш опубликованный ответ на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="338"/>
        <source>Longer than the platform allows: shorten the reply</source>
        <translation>Длиннее, чем позволяет платформа: сократите ответ</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="359"/>
        <source>Reply queued</source>
        <translation>Ответ поставлен в очередь</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="367"/>
        <source>Saving draft…</source>
        <translation>Сохранение черновика…</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="376"/>
        <source>Draft saved</source>
        <translation>Черновик сохранён</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="323"/>
        <source>Reply</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="381"/>
        <source>Send  (Ctrl+Enter)</source>
        <translation>Отправить  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="382"/>
        <source>Write a reply… (R)</source>
        <translation>Напишите ответ… (R)</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="383"/>
        <source>Select an item to read it here.</source>
        <translation>Выберите сообщение, чтобы прочитать его здесь.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>New</source>
        <translation>Новое</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>Open</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>Waiting</source>
        <translation>Ждёт ответа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <location filename="../../ui/labels.py" line="38"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <location filename="../../ui/labels.py" line="35"/>
        <source>Snoozed</source>
        <translation>Отложено</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <location filename="../../ui/labels.py" line="36"/>
        <source>Escalated</source>
        <translation>Передано выше</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>Needs reply</source>
        <translation>Ждут ответа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>Negative</source>
        <translation>Негатив</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>Low ratings</source>
        <translation>Низкие оценки</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>Reviews</source>
        <translation>Отзывы</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>Spam suspects</source>
        <translation>Похоже на спам</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>published</source>
        <translation>опубликовано</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>held for review</source>
        <translation>на модерации</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>hidden</source>
        <translation>скрыто</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>deleted on the platform</source>
        <translation>удалено на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>marked as spam</source>
        <translation>помечено как спам</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>Reply</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>Approve</source>
        <translation>Одобрить</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <source>Hide</source>
        <translation>Скрыть</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>Mark as spam</source>
        <translation>Это спам</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62"/>
        <source>Ban the author</source>
        <translation>Заблокировать автора</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64"/>
        <source>Edit the reply</source>
        <translation>Изменить ответ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>waiting to be sent</source>
        <translation>ждёт отправки</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>sending</source>
        <translation>отправляется</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <source>sent</source>
        <translation>отправлено</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>failed</source>
        <translation>не удалось</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>held: the item changed</source>
        <translation>задержано: элемент изменился</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>dropped</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>the item was deleted on the platform</source>
        <translation>элемент удалён на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>the item changed on the platform after this was queued</source>
        <translation>элемент изменился на платформе после постановки в очередь</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="94"/>
        <source>{who} tried “{action}” again</source>
        <translation>{who}: повторная попытка «{action}»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="98"/>
        <source>{who} edited the reply and queued it again</source>
        <translation>{who} исправил(а) ответ и снова поставил(а) его в очередь</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="102"/>
        <source>{who} chose to send “{action}” anyway</source>
        <translation>{who}: «{action}» — отправить всё равно</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106"/>
        <source>{who} queued “{action}”</source>
        <translation>{who} поставил(а) в очередь «{action}»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="110"/>
        <source>“{action}” did not arrive; queued again</source>
        <translation>«{action}» не дошло; снова в очереди</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114"/>
        <source>“{action}” waits for the platform to answer</source>
        <translation>«{action}» ждёт, пока платформа ответит</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="118"/>
        <source>“{action}”: sending (attempt {n})</source>
        <translation>«{action}»: отправляется (попытка {n})</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="122"/>
        <source>“{action}”: sent, id on the platform {id}</source>
        <translation>«{action}»: отправлено, id на платформе {id}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="126"/>
        <source>“{action}”: sent</source>
        <translation>«{action}»: отправлено</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="128"/>
        <source>“{action}” failed: {error}</source>
        <translation>«{action}» не удалось: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="132"/>
        <source>“{action}” held back: {reason}</source>
        <translation>«{action}» задержано: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="136"/>
        <source>{who} dropped “{action}”</source>
        <translation>{who} отменил(а) «{action}»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="145"/>
        <source>Refute a false claim</source>
        <translation>Опровергнуть ложное утверждение</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="146"/>
        <source>Thank and pass on a flaw</source>
        <translation>Поблагодарить и передать недочёт</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="147"/>
        <source>Steps the user can take</source>
        <translation>Шаги, которые может сделать пользователь</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="148"/>
        <source>Thanks</source>
        <translation>Благодарность</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="149"/>
        <source>FAQ</source>
        <translation>Частые вопросы</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="150"/>
        <source>Apology</source>
        <translation>Извинение</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="151"/>
        <source>Escalation</source>
        <translation>Эскалация</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="152"/>
        <source>Rule warning</source>
        <translation>Предупреждение о правилах</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="153"/>
        <source>Spam</source>
        <translation>Спам</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="160"/>
        <source>formal (вы)</source>
        <translation>на «вы»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="161"/>
        <source>informal (ты)</source>
        <translation>на «ты»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="172"/>
        <source>shares the words {words}</source>
        <translation>общие слова: {words}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="177"/>
        <source>you chose it for similar items</source>
        <translation>вы выбирали его для похожих сообщений</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="179"/>
        <source>in the reader&apos;s language</source>
        <translation>на языке читателя</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="181"/>
        <source>made for this platform</source>
        <translation>для этой платформы</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="185"/>
        <source>the item is positive</source>
        <translation>сообщение позитивное</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="186"/>
        <source>the item looks like spam</source>
        <translation>сообщение похоже на спам</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="187"/>
        <source>the item is hostile</source>
        <translation>сообщение враждебное</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="188"/>
        <source>the item asks a question</source>
        <translation>в сообщении вопрос</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="189"/>
        <source>the item reports a problem</source>
        <translation>в сообщении проблема</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="192"/>
        <source>the item is negative</source>
        <translation>сообщение негативное</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="200"/>
        <source>{n} min</source>
        <translation>{n} мин</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="202"/>
        <source>{n} h</source>
        <translation>{n} ч</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="203"/>
        <source>{n} d</source>
        <translation>{n} дн</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="214"/>
        <source>someone</source>
        <translation>кто-то</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="217"/>
        <source>Snooze ended: back to Open</source>
        <translation>Срок откладывания истёк: снова «Открыто»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="219"/>
        <source>Answered on the platform: the status is now Done</source>
        <translation>Ответ дан на платформе: статус теперь «Готово»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="222"/>
        <source>{who} set the status: {before} → {after}</source>
        <translation>{who}: статус {before} → {after}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="230"/>
        <source>{who} assigned it to {to}</source>
        <translation>{who}: назначен исполнитель {to}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="233"/>
        <source>{who} unassigned it</source>
        <translation>{who}: исполнитель снят</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="235"/>
        <source>{who} added the tag #{tag}</source>
        <translation>{who}: добавлена метка #{tag}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="239"/>
        <source>{who} removed the tag #{tag}</source>
        <translation>{who}: удалена метка #{tag}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="243"/>
        <source>{who} undid the last action</source>
        <translation>{who}: последнее действие отменено</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="245"/>
        <source>{who} started a reply draft</source>
        <translation>{who}: начат черновик ответа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="247"/>
        <source>{who} discarded the reply draft</source>
        <translation>{who}: черновик ответа удалён</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="251"/>
        <source>{who} used the answer “{title}”</source>
        <translation>{who}: использован шаблон «{title}»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="257"/>
        <source>{who} sent the answer “{title}” as inserted</source>
        <translation>{who} отправил(а) ответ «{title}» без правок</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="260"/>
        <source>{who} sent the answer “{title}” edited: +{added} / −{removed} words</source>
        <translation>{who} отправил(а) ответ «{title}» с правками: +{added} / −{removed} слов</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="266"/>
        <source>Edited on the platform</source>
        <translation>Изменено на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="268"/>
        <source>On the platform: {state}</source>
        <translation>На платформе: {state}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="272"/>
        <source>Published on the platform</source>
        <translation>Опубликовано на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="274"/>
        <source>Arrived in Steward</source>
        <translation>Поступило в Steward</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="279"/>
        <source>{who} put the author on the watchlist</source>
        <translation>{who}: автор добавлен в список наблюдения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="281"/>
        <source>{who} took the author off the watchlist</source>
        <translation>{who}: автор убран из списка наблюдения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="284"/>
        <source>{who} linked the author&apos;s accounts as one person</source>
        <translation>{who}: аккаунты автора связаны как один человек</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="288"/>
        <source>{who} unlinked the author&apos;s accounts</source>
        <translation>{who}: связь аккаунтов автора снята</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="292"/>
        <source>{who} imported a handover from {sender}</source>
        <translation>{who}: импортирована передача смены от {sender}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="300"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="301"/>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="302"/>
        <source>Good contributor</source>
        <translation>Ценный участник</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="303"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="304"/>
        <source>Ban history</source>
        <translation>История банов</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="305"/>
        <source>Moderation</source>
        <translation>Модерация</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="316"/>
        <source>{who} flagged a note for the next shift: {text}</source>
        <translation>{who} отметил(а) заметку для следующей смены: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="318"/>
        <source>{who} unflagged a note for the next shift: {text}</source>
        <translation>{who} снял(а) отметку «для следующей смены»: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="324"/>
        <source>{who} ended the note: {text}</source>
        <translation>{who} завершил(а) заметку: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="328"/>
        <source>{who} wrote an author note ({kind}): {text}</source>
        <translation>{who} написал(а) заметку об авторе ({kind}): {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="331"/>
        <source>{who} wrote a note: {text}</source>
        <translation>{who} написал(а) заметку: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="339"/>
        <source>Steward opens Google&apos;s sign-in page in your browser; allow access to the channel you moderate. You need an OAuth client of the type “Desktop app” from the Google Cloud console with the YouTube Data API enabled.</source>
        <translation>Steward откроет страницу входа Google в браузере; разрешите доступ к каналу, который вы модерируете. Нужен OAuth-клиент типа «Приложение для ПК» из консоли Google Cloud с включённым YouTube Data API.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="345"/>
        <source>Paste the access token of a person who administers or moderates the community, with the rights wall, groups and offline (VK lets only a person&apos;s token read and moderate wall comments). Replies are posted as the community.</source>
        <translation>Вставьте токен доступа человека, который администрирует или модерирует сообщество, с правами wall, groups и offline (читать и модерировать комментарии на стене ВКонтакте позволяет только токен человека). Ответы публикуются от имени сообщества.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="351"/>
        <source>Create a bot with @BotFather, add it to the channel&apos;s discussion group as an administrator that may delete messages and ban users, and paste its token here.</source>
        <translation>Создайте бота через @BotFather, добавьте его в группу обсуждений канала администратором с правом удалять сообщения и блокировать пользователей и вставьте сюда его токен.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="356"/>
        <source>Steward opens your server&apos;s sign-in page in your browser. Ask for moderator access to work with reports (your account must be a moderator).</source>
        <translation>Steward откроет страницу входа вашего сервера в браузере. Запросите права модератора, чтобы работать с жалобами (ваш аккаунт должен быть модератором).</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="361"/>
        <source>Steward signs in with your password once and keeps only the session it gets; the rooms where you may remove messages come into the inbox.</source>
        <translation>Steward один раз входит с вашим паролем и хранит только полученную сессию; во входящие попадают комнаты, где вы можете удалять сообщения.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="366"/>
        <source>Steward signs in as a Google Cloud service account invited to your app in Play Console. Google&apos;s API gives only the reviews of the last 7 days; import the reviews CSV from Play Console (File → Import reviews…) for older ones.</source>
        <translation>Steward входит как сервисный аккаунт Google Cloud, приглашённый к вашему приложению в Play Console. API Google отдаёт только отзывы за последние 7 дней; более старые импортируйте из CSV-выгрузки Play Console (Файл → Импорт отзывов…).</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="372"/>
        <source>Steward signs in with an App Store Connect API key; it reads the app&apos;s customer reviews and publishes, replaces or deletes your answers.</source>
        <translation>Steward входит с ключом App Store Connect API: читает отзывы о приложении и публикует, заменяет или удаляет ваши ответы.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="377"/>
        <source>Steward uses an API key of your forum; with a moderator&apos;s or admin&apos;s account it also works the review queue, hides, deletes and suspends.</source>
        <translation>Steward использует ключ API вашего форума; с аккаунтом модератора или администратора он также разбирает очередь на проверку, скрывает, удаляет и блокирует.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="382"/>
        <source>Steward signs in to Isso&apos;s admin interface; pending comments come in to approve or delete, and replies are posted under the name you choose.</source>
        <translation>Steward входит в админку Isso: ожидающие комментарии приходят на одобрение или удаление, а ответы публикуются под выбранным вами именем.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="387"/>
        <source>Steward signs in with a Waline administrator account; the waiting, approved and spam comments come in.</source>
        <translation>Steward входит с аккаунтом администратора Waline: приходят ожидающие, одобренные комментарии и спам.</translation>
    </message>
</context>
<context>
    <name>LinkChooser</name>
    <message>
        <location filename="../../ui/dossier_pane.py" line="278"/>
        <source>Same person as…</source>
        <translation>Тот же человек, что…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_pane.py" line="281"/>
        <source>Name or handle</source>
        <translation>Имя или ник</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>Selected: {n}</source>
        <translation>Выбрано: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="395"/>
        <source>{view}: {n} items</source>
        <translation>{view} — сообщений: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="446"/>
        <source>Done for {n} items</source>
        <translation>Применено к сообщениям: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="600"/>
        <source>Steward</source>
        <translation>Steward</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="606"/>
        <source>Steward — {workspace}</source>
        <translation>Steward — {workspace}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="608"/>
        <source>Search text and authors  (/)</source>
        <translation>Поиск по тексту и авторам  (/)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="609"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="610"/>
        <source>&amp;Item</source>
        <translation>&amp;Элемент</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="611"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="612"/>
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="613"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="614"/>
        <source>&amp;Sync</source>
        <translation>&amp;Синхронизация</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="615"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
</context>
<context>
    <name>ModerationBar</name>
    <message>
        <location filename="../../ui/item_actions.py" line="99"/>
        <source>No message to the author</source>
        <translation>Без сообщения автору</translation>
    </message>
    <message>
        <location filename="../../ui/item_actions.py" line="100"/>
        <source>Sent to each author before the action</source>
        <translation>Отправляется каждому автору перед действием</translation>
    </message>
    <message>
        <location filename="../../ui/item_actions.py" line="107"/>
        <source>Cannot be undone on the platform</source>
        <translation>На платформе это не отменить</translation>
    </message>
</context>
<context>
    <name>NotesBox</name>
    <message>
        <location filename="../../ui/notes_box.py" line="115"/>
        <source>until {date}</source>
        <translation>до {date}</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="117"/>
        <source>ended {date}</source>
        <translation>завершена {date}</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="120"/>
        <source>for the next shift</source>
        <translation>для следующей смены</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="135"/>
        <source>Not for the next shift</source>
        <translation>Не для следующей смены</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="137"/>
        <location filename="../../ui/notes_box.py" line="178"/>
        <source>For the next shift</source>
        <translation>Для следующей смены</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="174"/>
        <source>A note about this author… (Ctrl+Enter)</source>
        <translation>Заметка об авторе… (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="176"/>
        <source>A note on this item… (Ctrl+Enter)</source>
        <translation>Заметка к записи… (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="179"/>
        <source>Add note</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="180"/>
        <source>End now</source>
        <translation>Завершить</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="192"/>
        <source>Never expires</source>
        <translation>Бессрочно</translation>
    </message>
    <message>
        <location filename="../../ui/notes_box.py" line="192"/>
        <source>For {n} days</source>
        <translation>На {n} дн.</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <location filename="../../ui/dialogs.py" line="40"/>
        <source>Cannot be undone</source>
        <translation>Это не отменить</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="32"/>
        <source>“{action}” cannot be undone on the platform. Queue it for {n} item(s)?</source>
        <translation>«{action}» нельзя отменить на платформе. Поставить в очередь (элементов: {n})?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="52"/>
        <source>The reply on the platform is changed to:</source>
        <translation>Ответ на платформе будет изменён на:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="57"/>
        <source>Edit the reply</source>
        <translation>Исправить ответ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="54"/>
        <source>The reply is sent again with this text:</source>
        <translation>Ответ будет отправлен снова с этим текстом:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="69"/>
        <source>Fill in before sending</source>
        <translation>Заполните перед отправкой</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="72"/>
        <source>The reply still has blanks. Fill them in; nothing is sent raw.</source>
        <translation>В ответе остались пропуски. Заполните их — незаполненным ничего не отправляется.</translation>
    </message>
</context>
<context>
    <name>OutboxStrip</name>
    <message>
        <location filename="../../ui/item_actions.py" line="159"/>
        <source>{action} held back: {reason}</source>
        <translation>«{action}» задержано: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/item_actions.py" line="171"/>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location filename="../../ui/item_actions.py" line="173"/>
        <source>Send anyway</source>
        <translation>Отправить всё равно</translation>
    </message>
    <message>
        <location filename="../../ui/item_actions.py" line="175"/>
        <source>Edit…</source>
        <translation>Исправить…</translation>
    </message>
    <message>
        <location filename="../../ui/item_actions.py" line="177"/>
        <source>Drop</source>
        <translation>Отменить</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/dialogs.py" line="176"/>
        <source>Next item</source>
        <translation>Следующее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="177"/>
        <source>Previous item</source>
        <translation>Предыдущее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="178"/>
        <source>Mark done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="179"/>
        <source>Snooze…</source>
        <translation>Отложить…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="180"/>
        <source>Escalate</source>
        <translation>Передать выше</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="181"/>
        <source>Assign to me</source>
        <translation>Взять себе</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="182"/>
        <source>Tag…</source>
        <translation>Метка…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="183"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="184"/>
        <source>Write a reply</source>
        <translation>Написать ответ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="185"/>
        <source>Undo the last triage action</source>
        <translation>Отменить последнее действие разбора</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="188"/>
        <source>Select many items; actions apply to all of them</source>
        <translation>Выбрать несколько сообщений; действия применяются ко всем</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="190"/>
        <source>This cheat sheet</source>
        <translation>Эта шпаргалка</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../ui/sidebar.py" line="111"/>
        <source>Sign in again (right-click, or Enter): {message}</source>
        <translation>Нужен повторный вход (правый щелчок или Enter): {message}</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="146"/>
        <source>Sign in again…</source>
        <translation>Войти снова…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="148"/>
        <source>Add source…</source>
        <translation>Добавить источник…</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="153"/>
        <source>Views</source>
        <translation>Представления</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="154"/>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
</context>
<context>
    <name>Snooze</name>
    <message>
        <location filename="../../ui/dialogs.py" line="125"/>
        <source>1 hour</source>
        <translation>1 час</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="126"/>
        <source>3 hours</source>
        <translation>3 часа</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="127"/>
        <source>Tomorrow, 9:00</source>
        <translation>Завтра, 9:00</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="128"/>
        <source>Next week, Monday 9:00</source>
        <translation>На следующей неделе, пн 9:00</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="135"/>
        <source>Snooze until</source>
        <translation>Отложить до</translation>
    </message>
</context>
<context>
    <name>SourceFields</name>
    <message>
        <location filename="../../ui/field_texts.py" line="11"/>
        <source>OAuth client ID</source>
        <translation>Идентификатор OAuth-клиента</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="12"/>
        <source>From your Google Cloud project: APIs &amp; Services › Credentials › OAuth client ID of type &quot;Desktop app&quot;, with the YouTube Data API v3 enabled.</source>
        <translation>Из вашего проекта Google Cloud: APIs &amp; Services › Credentials › OAuth client ID типа «Desktop app», с включённым YouTube Data API v3.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="16"/>
        <source>OAuth client secret</source>
        <translation>Секрет OAuth-клиента</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="17"/>
        <source>Shown next to the client ID in Google Cloud.</source>
        <translation>Показан рядом с идентификатором клиента в Google Cloud.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="18"/>
        <source>Channel ID</source>
        <translation>Идентификатор канала</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="19"/>
        <source>Only if your Google account has several channels: the one to moderate (UC...).</source>
        <translation>Только если у аккаунта Google несколько каналов: тот, который вы модерируете (UC...).</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="23"/>
        <source>Package name</source>
        <translation>Имя пакета</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="24"/>
        <source>The app&apos;s package name as Play Console shows it under the app&apos;s name.</source>
        <translation>Имя пакета приложения, как его показывает Play Console под названием приложения.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="27"/>
        <source>Service account key (JSON)</source>
        <translation>Ключ сервисного аккаунта (JSON)</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="28"/>
        <source>Paste the whole JSON key file of a Google Cloud service account, in a project with the Google Play Android Developer API enabled. In Play Console, invite the service account&apos;s email under Users and permissions with the “Reply to reviews” permission for this app.</source>
        <translation>Вставьте весь JSON-файл ключа сервисного аккаунта Google Cloud из проекта с включённым Google Play Android Developer API. В Play Console пригласите адрес сервисного аккаунта в разделе «Пользователи и разрешения» с правом «Отвечать на отзывы» для этого приложения.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="32"/>
        <source>Issuer ID</source>
        <translation>Issuer ID</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="33"/>
        <source>In App Store Connect: Users and Access › Integrations › App Store Connect API, shown above the list of keys.</source>
        <translation>В App Store Connect: Users and Access › Integrations › App Store Connect API, над списком ключей.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="37"/>
        <source>Key ID</source>
        <translation>Key ID</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="38"/>
        <source>The ID of a team key with the Admin, App Manager or Customer Support role.</source>
        <translation>Идентификатор командного ключа с ролью Admin, App Manager или Customer Support.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="41"/>
        <source>Private key (.p8)</source>
        <translation>Закрытый ключ (.p8)</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="42"/>
        <source>The whole text of the AuthKey_&lt;Key ID&gt;.p8 file, which Apple lets you download once.</source>
        <translation>Весь текст файла AuthKey_&lt;Key ID&gt;.p8, который Apple даёт скачать один раз.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="46"/>
        <source>App&apos;s Apple ID</source>
        <translation>Apple ID приложения</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="47"/>
        <source>App Store Connect › the app › App Information › Apple ID (a number). Leave empty to find the app by its bundle ID instead.</source>
        <translation>App Store Connect › приложение › App Information › Apple ID (число). Оставьте пустым, чтобы найти приложение по bundle ID.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="51"/>
        <source>Bundle ID</source>
        <translation>Bundle ID</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="52"/>
        <source>Only when the Apple ID is left empty: the app&apos;s bundle ID.</source>
        <translation>Только если Apple ID не указан: bundle ID приложения.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="53"/>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="54"/>
        <source>The community&apos;s short name or number, as in vk.com/ourchannel or vk.com/club123</source>
        <translation>Короткое имя или номер сообщества, как в vk.com/ourchannel или vk.com/club123</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="58"/>
        <source>Access token</source>
        <translation>Токен доступа</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="59"/>
        <source>The access token of an administrator or moderator of the community, with the wall, groups and offline rights. A community&apos;s own token cannot read wall comments.</source>
        <translation>Токен доступа администратора или модератора сообщества с правами wall, groups и offline. Собственный токен сообщества не может читать комментарии на стене.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="63"/>
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="64"/>
        <source>The channel&apos;s @username, or its id (-100…) if it is private. Its comments are in its linked discussion group; you can also give the group itself.</source>
        <translation>@имя канала или его id (-100…), если канал закрытый. Комментарии к нему — в привязанной группе обсуждений; можно указать и саму группу.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="68"/>
        <source>Bot token</source>
        <translation>Токен бота</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="69"/>
        <source>From @BotFather. Add the bot to the discussion group as an administrator with the rights “Delete messages” and “Ban users”.</source>
        <translation>От @BotFather. Добавьте бота в группу обсуждений администратором с правами «Удаление сообщений» и «Блокировка пользователей».</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="73"/>
        <source>Bot API server</source>
        <translation>Сервер Bot API</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="74"/>
        <source>Leave as it is unless you run your own Bot API server.</source>
        <translation>Не меняйте, если у вас нет своего сервера Bot API.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="75"/>
        <source>Instance</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="76"/>
        <source>The address of your Mastodon server, e.g. mastodon.social</source>
        <translation>Адрес вашего сервера Mastodon, например mastodon.social</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="77"/>
        <source>Moderator features</source>
        <translation>Возможности модератора</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="78"/>
        <source>Also work on the server&apos;s reports and act on accounts (your account needs a moderator or admin role there)</source>
        <translation>Также работать с жалобами сервера и применять меры к аккаунтам (вашему аккаунту нужна там роль модератора или администратора)</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="82"/>
        <source>Forum address</source>
        <translation>Адрес форума</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="83"/>
        <source>The address of the Discourse forum, e.g. forum.example.com</source>
        <translation>Адрес форума Discourse, например forum.example.com</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="84"/>
        <source>API username</source>
        <translation>Пользователь API</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="85"/>
        <source>The forum account Steward acts as (a moderator&apos;s or admin&apos;s for moderation)</source>
        <translation>Аккаунт форума, от имени которого действует Steward (для модерации — модератора или администратора)</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="89"/>
        <source>API key</source>
        <translation>Ключ API</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="90"/>
        <source>An API key created in the forum&apos;s admin panel (API → New API key), for this user or for all users</source>
        <translation>Ключ API, созданный в панели администратора форума (API → New API key), для этого пользователя или для всех</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="94"/>
        <source>Homeserver</source>
        <translation>Домашний сервер</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="95"/>
        <source>The address of your homeserver, e.g. https://matrix.example.org</source>
        <translation>Адрес вашего домашнего сервера, например https://matrix.example.org</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="98"/>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="99"/>
        <source>Your Matrix ID (@name:example.org) or user name</source>
        <translation>Ваш Matrix ID (@name:example.org) или имя пользователя</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="100"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="101"/>
        <source>Used once to sign in; Steward keeps only the session the homeserver gives it</source>
        <translation>Нужен один раз для входа; Steward хранит только сессию, выданную сервером</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="105"/>
        <source>Rooms</source>
        <translation>Комнаты</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="106"/>
        <source>Room IDs (!abc:example.org) to watch, separated by spaces; leave empty for every room you moderate</source>
        <translation>ID комнат (!abc:example.org) через пробел; оставьте пустым, чтобы следить за всеми комнатами, которые вы модерируете</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="110"/>
        <source>Isso server</source>
        <translation>Сервер Isso</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="111"/>
        <source>The address your Isso answers at, e.g. https://comments.example.com</source>
        <translation>Адрес, по которому отвечает ваш Isso, например https://comments.example.com</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="114"/>
        <source>Threads</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="115"/>
        <source>The pages to watch, as Isso names them (e.g. /blog/hello/), separated by spaces; leave empty for every page with comments (read from Isso&apos;s admin page)</source>
        <translation>Страницы, за которыми следить, как их называет Isso (например /blog/hello/), через пробел; оставьте пустым для всех страниц с комментариями (берутся из админки Isso)</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="119"/>
        <source>Admin password</source>
        <translation>Пароль администратора</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="120"/>
        <source>The [admin] password of your Isso configuration; Isso has no token to exchange it for, so it stays in the system keyring</source>
        <translation>Пароль из раздела [admin] конфигурации Isso; токена взамен Isso не выдаёт, поэтому пароль хранится в системном хранилище ключей</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="124"/>
        <source>Reply as</source>
        <translation>Отвечать от имени</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="125"/>
        <source>The name your replies are signed with; comments under this name count as yours</source>
        <translation>Имя, которым подписаны ваши ответы; комментарии под этим именем считаются вашими</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="129"/>
        <source>Site address</source>
        <translation>Адрес сайта</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="130"/>
        <source>Where the pages are, for links to them (default: the Isso server&apos;s address)</source>
        <translation>Где находятся страницы — для ссылок на них (по умолчанию адрес сервера Isso)</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="134"/>
        <source>Waline server</source>
        <translation>Сервер Waline</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="135"/>
        <source>The address of your Waline server (the serverURL in the site&apos;s Waline settings), e.g. https://comments.example.org</source>
        <translation>Адрес вашего сервера Waline (serverURL в настройках Waline на сайте), например https://comments.example.org</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="139"/>
        <source>The address of the site the comments are on, e.g. https://blog.example.org: Steward links each comment to its page there</source>
        <translation>Адрес сайта с комментариями, например https://blog.example.org: Steward ссылается на страницу каждого комментария</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="143"/>
        <source>Email</source>
        <translation>Электронная почта</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="144"/>
        <source>The email address of a Waline administrator account</source>
        <translation>Адрес почты аккаунта администратора Waline</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="145"/>
        <source>Used once to sign in; Steward keeps only the sign-in Waline gives back</source>
        <translation>Нужен один раз для входа; Steward хранит только выданный Waline вход</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="148"/>
        <source>Two-factor code</source>
        <translation>Код двухфакторной проверки</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="149"/>
        <source>Only if the account has two-factor sign-in turned on</source>
        <translation>Только если у аккаунта включена двухфакторная проверка</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="150"/>
        <source>Server address</source>
        <translation>Адрес сервера</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="151"/>
        <source>The community&apos;s address, e.g. https://community.example.org/c/lumo</source>
        <translation>Адрес сообщества, например https://community.example.org/c/lumo</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="154"/>
        <source>Your handle</source>
        <translation>Ваше имя</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="155"/>
        <source>The handle your replies are posted under</source>
        <translation>Имя, под которым публикуются ваши ответы</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="156"/>
        <source>Leave empty for a server that needs no sign-in</source>
        <translation>Оставьте пустым, если сервер не требует входа</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="157"/>
        <source>Refresh token</source>
        <translation>Токен обновления</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../ui/sync_status.py" line="70"/>
        <source>{n} action(s) waiting to be sent</source>
        <translation>ждут отправки: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="72"/>
        <source>{n} not sent</source>
        <translation>не отправлено: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="83"/>
        <source>Offline</source>
        <translation>Нет связи</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="86"/>
        <source>Syncing…</source>
        <translation>Синхронизация…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="89"/>
        <source>Sign in again: {source}</source>
        <translation>Нужен повторный вход: {source}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="92"/>
        <source>Sync problem: {source}</source>
        <translation>Проблема синхронизации: {source}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="96"/>
        <source>Online · synced at {time}</source>
        <translation>В сети · синхронизировано в {time}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="97"/>
        <source>Online</source>
        <translation>В сети</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="101"/>
        <source>up to date</source>
        <translation>актуально</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="102"/>
        <source>syncing</source>
        <translation>синхронизируется</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="103"/>
        <source>offline</source>
        <translation>нет связи</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="104"/>
        <source>problem</source>
        <translation>проблема</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="105"/>
        <source>sign in again</source>
        <translation>нужен повторный вход</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="106"/>
        <source>waiting</source>
        <translation>ожидание</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="171"/>
        <source>Tag</source>
        <translation>Метка</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="172"/>
        <source>Type a tag to add it; “-tag” removes it.</source>
        <translation>Введите метку, чтобы добавить её; «-метка» удаляет её.</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../ui/actions.py" line="61"/>
        <source>Next item</source>
        <translation>Следующее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="62"/>
        <source>Previous item</source>
        <translation>Предыдущее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="63"/>
        <source>Mark done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="64"/>
        <source>Snooze…</source>
        <translation>Отложить…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="65"/>
        <source>Escalate</source>
        <translation>Передать выше</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="66"/>
        <source>Assign to me</source>
        <translation>Взять себе</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="67"/>
        <source>Tag…</source>
        <translation>Метка…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="68"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="69"/>
        <source>Write a reply</source>
        <translation>Написать ответ</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="70"/>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="71"/>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="72"/>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="73"/>
        <source>Answer library…</source>
        <translation>Библиотека ответов…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="74"/>
        <source>Hand over the shift…</source>
        <translation>Передать смену…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="75"/>
        <source>Import a handover…</source>
        <translation>Импортировать передачу смены…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="76"/>
        <source>Add source…</source>
        <translation>Добавить источник…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="77"/>
        <source>Import reviews…</source>
        <translation>Импорт отзывов…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="78"/>
        <source>Sync now</source>
        <translation>Синхронизировать сейчас</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="79"/>
        <source>Simulate going offline (demo)</source>
        <translation>Имитировать потерю связи (демо)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="80"/>
        <location filename="../../ui/actions.py" line="83"/>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="81"/>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="82"/>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
</context>
</TS>
