<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AddSourceDialog</name>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="273"/>
        <source>Sign-in cancelled; nothing was saved.</source>
        <translation>Вход отменён; ничего не сохранено.</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="282"/>
        <source>Steward could not finish the sign-in ({error}).</source>
        <translation>Steward не смог завершить вход ({error}).</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="293"/>
        <source>Not connected: {message}</source>
        <translation>Не подключено: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="301"/>
        <source>Signing in to {platform}…</source>
        <translation>Вход в {platform}…</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="321"/>
        <source>Sign in again — {name}</source>
        <translation>Повторный вход — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="323"/>
        <source>Add source</source>
        <translation>Добавить источник</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="325"/>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="325"/>
        <source>Connect</source>
        <translation>Подключить</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="332"/>
        <source>Name in Steward</source>
        <translation>Название в Steward</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="333"/>
        <source>Filled in from the account</source>
        <translation>Берётся из аккаунта</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="334"/>
        <source>Tone of answers</source>
        <translation>Тон ответов</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="335"/>
        <source>Formal</source>
        <translation>Официальный</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="336"/>
        <source>Informal</source>
        <translation>Неформальный</translation>
    </message>
    <message>
        <location filename="../../ui/add_source_dialog.py" line="344"/>
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
        <location filename="../../ui/dialogs.py" line="207"/>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="208"/>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="208"/>
        <source>Action</source>
        <translation>Действие</translation>
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
        <location filename="../../ui/item_pane.py" line="196"/>
        <source>{platform} · {source} · {age} ago</source>
        <translation>{platform} · {source} · {age} назад</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="200"/>
        <source>Unknown author</source>
        <translation>Неизвестный автор</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="204"/>
        <source>[watched]</source>
        <translation>[на контроле]</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="210"/>
        <source>version {v}</source>
        <translation>версия {v}</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="218"/>
        <source>assigned to {who}</source>
        <translation>исполнитель: {who}</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="307"/>
        <source>Longer than the platform allows: shorten the reply</source>
        <translation>Длиннее, чем позволяет платформа: сократите ответ</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="328"/>
        <source>Reply queued</source>
        <translation>Ответ поставлен в очередь</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="336"/>
        <source>Saving draft…</source>
        <translation>Сохранение черновика…</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="345"/>
        <source>Draft saved</source>
        <translation>Черновик сохранён</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="349"/>
        <source>Reply</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="350"/>
        <source>Send  (Ctrl+Enter)</source>
        <translation>Отправить  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="351"/>
        <source>Write a reply… (R)</source>
        <translation>Напишите ответ… (R)</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="352"/>
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
        <location filename="../../ui/labels.py" line="218"/>
        <source>{who} set the status: {before} → {after}</source>
        <translation>{who}: статус {before} → {after}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="226"/>
        <source>{who} assigned it to {to}</source>
        <translation>{who}: назначен исполнитель {to}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="229"/>
        <source>{who} unassigned it</source>
        <translation>{who}: исполнитель снят</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="231"/>
        <source>{who} added the tag #{tag}</source>
        <translation>{who}: добавлена метка #{tag}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="235"/>
        <source>{who} removed the tag #{tag}</source>
        <translation>{who}: удалена метка #{tag}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="239"/>
        <source>{who} undid the last action</source>
        <translation>{who}: последнее действие отменено</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="241"/>
        <source>{who} started a reply draft</source>
        <translation>{who}: начат черновик ответа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="243"/>
        <source>{who} discarded the reply draft</source>
        <translation>{who}: черновик ответа удалён</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="247"/>
        <source>{who} used the answer “{title}”</source>
        <translation>{who}: использован шаблон «{title}»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="253"/>
        <source>{who} sent the answer “{title}” as inserted</source>
        <translation>{who} отправил(а) ответ «{title}» без правок</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="256"/>
        <source>{who} sent the answer “{title}” edited: +{added} / −{removed} words</source>
        <translation>{who} отправил(а) ответ «{title}» с правками: +{added} / −{removed} слов</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="262"/>
        <source>Edited on the platform</source>
        <translation>Изменено на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="264"/>
        <source>On the platform: {state}</source>
        <translation>На платформе: {state}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="268"/>
        <source>Published on the platform</source>
        <translation>Опубликовано на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="270"/>
        <source>Arrived in Steward</source>
        <translation>Поступило в Steward</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="275"/>
        <source>{who} put the author on the watchlist</source>
        <translation>{who}: автор добавлен в список наблюдения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="277"/>
        <source>{who} took the author off the watchlist</source>
        <translation>{who}: автор убран из списка наблюдения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="280"/>
        <source>{who} linked the author&apos;s accounts as one person</source>
        <translation>{who}: аккаунты автора связаны как один человек</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="284"/>
        <source>{who} unlinked the author&apos;s accounts</source>
        <translation>{who}: связь аккаунтов автора снята</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="288"/>
        <source>{who} imported a handover from {sender}</source>
        <translation>{who}: импортирована передача смены от {sender}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="296"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="297"/>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="298"/>
        <source>Good contributor</source>
        <translation>Ценный участник</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="299"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="300"/>
        <source>Ban history</source>
        <translation>История банов</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="301"/>
        <source>Moderation</source>
        <translation>Модерация</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="312"/>
        <source>{who} flagged a note for the next shift: {text}</source>
        <translation>{who} отметил(а) заметку для следующей смены: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="314"/>
        <source>{who} unflagged a note for the next shift: {text}</source>
        <translation>{who} снял(а) отметку «для следующей смены»: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="320"/>
        <source>{who} ended the note: {text}</source>
        <translation>{who} завершил(а) заметку: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="324"/>
        <source>{who} wrote an author note ({kind}): {text}</source>
        <translation>{who} написал(а) заметку об авторе ({kind}): {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="327"/>
        <source>{who} wrote a note: {text}</source>
        <translation>{who} написал(а) заметку: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="335"/>
        <source>Steward opens Google&apos;s sign-in page in your browser; allow access to the channel you moderate. You need an OAuth client of the type “Desktop app” from the Google Cloud console with the YouTube Data API enabled.</source>
        <translation>Steward откроет страницу входа Google в браузере; разрешите доступ к каналу, который вы модерируете. Нужен OAuth-клиент типа «Приложение для ПК» из консоли Google Cloud с включённым YouTube Data API.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="341"/>
        <source>Paste the access token of a person who administers or moderates the community, with the rights wall, groups and offline (VK lets only a person&apos;s token read and moderate wall comments). Replies are posted as the community.</source>
        <translation>Вставьте токен доступа человека, который администрирует или модерирует сообщество, с правами wall, groups и offline (читать и модерировать комментарии на стене ВКонтакте позволяет только токен человека). Ответы публикуются от имени сообщества.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="347"/>
        <source>Create a bot with @BotFather, add it to the channel&apos;s discussion group as an administrator that may delete messages and ban users, and paste its token here.</source>
        <translation>Создайте бота через @BotFather, добавьте его в группу обсуждений канала администратором с правом удалять сообщения и блокировать пользователей и вставьте сюда его токен.</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="352"/>
        <source>Steward opens your server&apos;s sign-in page in your browser. Ask for moderator access to work with reports (your account must be a moderator).</source>
        <translation>Steward откроет страницу входа вашего сервера в браузере. Запросите права модератора, чтобы работать с жалобами (ваш аккаунт должен быть модератором).</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="357"/>
        <source>Steward signs in with your password once and keeps only the session it gets; the rooms where you may remove messages come into the inbox.</source>
        <translation>Steward один раз входит с вашим паролем и хранит только полученную сессию; во входящие попадают комнаты, где вы можете удалять сообщения.</translation>
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
        <location filename="../../ui/main_window.py" line="379"/>
        <source>Selected: {n}</source>
        <translation>Выбрано: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>{view}: {n} items</source>
        <translation>{view} — сообщений: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="438"/>
        <source>Done for {n} items</source>
        <translation>Применено к сообщениям: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="576"/>
        <source>Steward</source>
        <translation>Steward</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="582"/>
        <source>Steward — {workspace}</source>
        <translation>Steward — {workspace}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="584"/>
        <source>Search text and authors  (/)</source>
        <translation>Поиск по тексту и авторам  (/)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="585"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="586"/>
        <source>&amp;Item</source>
        <translation>&amp;Элемент</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="587"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="588"/>
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="589"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="590"/>
        <source>&amp;Sync</source>
        <translation>&amp;Синхронизация</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="591"/>
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
        <location filename="../../ui/dialogs.py" line="33"/>
        <source>Cannot be undone</source>
        <translation>Это не отменить</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="34"/>
        <source>“{action}” cannot be undone on the platform. Queue it for {n} item(s)?</source>
        <translation>«{action}» нельзя отменить на платформе. Поставить в очередь (элементов: {n})?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="48"/>
        <source>The reply on the platform is changed to:</source>
        <translation>Ответ на платформе будет изменён на:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="53"/>
        <source>Edit the reply</source>
        <translation>Исправить ответ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="50"/>
        <source>The reply is sent again with this text:</source>
        <translation>Ответ будет отправлен снова с этим текстом:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="65"/>
        <source>Fill in before sending</source>
        <translation>Заполните перед отправкой</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="68"/>
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
        <location filename="../../ui/dialogs.py" line="172"/>
        <source>Next item</source>
        <translation>Следующее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="173"/>
        <source>Previous item</source>
        <translation>Предыдущее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="174"/>
        <source>Mark done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="175"/>
        <source>Snooze…</source>
        <translation>Отложить…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="176"/>
        <source>Escalate</source>
        <translation>Передать выше</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="177"/>
        <source>Assign to me</source>
        <translation>Взять себе</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="178"/>
        <source>Tag…</source>
        <translation>Метка…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="179"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="180"/>
        <source>Write a reply</source>
        <translation>Написать ответ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="181"/>
        <source>Undo the last triage action</source>
        <translation>Отменить последнее действие разбора</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="184"/>
        <source>Select many items; actions apply to all of them</source>
        <translation>Выбрать несколько сообщений; действия применяются ко всем</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="186"/>
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
        <location filename="../../ui/dialogs.py" line="121"/>
        <source>1 hour</source>
        <translation>1 час</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="122"/>
        <source>3 hours</source>
        <translation>3 часа</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="123"/>
        <source>Tomorrow, 9:00</source>
        <translation>Завтра, 9:00</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="124"/>
        <source>Next week, Monday 9:00</source>
        <translation>На следующей неделе, пн 9:00</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="131"/>
        <source>Snooze until</source>
        <translation>Отложить до</translation>
    </message>
</context>
<context>
    <name>SourceFields</name>
    <message>
        <location filename="../../ui/field_texts.py" line="10"/>
        <source>OAuth client ID</source>
        <translation>Идентификатор OAuth-клиента</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="11"/>
        <source>From your Google Cloud project: APIs &amp; Services › Credentials › OAuth client ID of type &quot;Desktop app&quot;, with the YouTube Data API v3 enabled.</source>
        <translation>Из вашего проекта Google Cloud: APIs &amp; Services › Credentials › OAuth client ID типа «Desktop app», с включённым YouTube Data API v3.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="15"/>
        <source>OAuth client secret</source>
        <translation>Секрет OAuth-клиента</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="16"/>
        <source>Shown next to the client ID in Google Cloud.</source>
        <translation>Показан рядом с идентификатором клиента в Google Cloud.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="17"/>
        <source>Channel ID</source>
        <translation>Идентификатор канала</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="18"/>
        <source>Only if your Google account has several channels: the one to moderate (UC...).</source>
        <translation>Только если у аккаунта Google несколько каналов: тот, который вы модерируете (UC...).</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="22"/>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="23"/>
        <source>The community&apos;s short name or number, as in vk.com/ourchannel or vk.com/club123</source>
        <translation>Короткое имя или номер сообщества, как в vk.com/ourchannel или vk.com/club123</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="27"/>
        <source>Access token</source>
        <translation>Токен доступа</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="28"/>
        <source>The access token of an administrator or moderator of the community, with the wall, groups and offline rights. A community&apos;s own token cannot read wall comments.</source>
        <translation>Токен доступа администратора или модератора сообщества с правами wall, groups и offline. Собственный токен сообщества не может читать комментарии на стене.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="32"/>
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="33"/>
        <source>The channel&apos;s @username, or its id (-100…) if it is private. Its comments are in its linked discussion group; you can also give the group itself.</source>
        <translation>@имя канала или его id (-100…), если канал закрытый. Комментарии к нему — в привязанной группе обсуждений; можно указать и саму группу.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="37"/>
        <source>Bot token</source>
        <translation>Токен бота</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="38"/>
        <source>From @BotFather. Add the bot to the discussion group as an administrator with the rights “Delete messages” and “Ban users”.</source>
        <translation>От @BotFather. Добавьте бота в группу обсуждений администратором с правами «Удаление сообщений» и «Блокировка пользователей».</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="42"/>
        <source>Bot API server</source>
        <translation>Сервер Bot API</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="43"/>
        <source>Leave as it is unless you run your own Bot API server.</source>
        <translation>Не меняйте, если у вас нет своего сервера Bot API.</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="44"/>
        <source>Instance</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="45"/>
        <source>The address of your Mastodon server, e.g. mastodon.social</source>
        <translation>Адрес вашего сервера Mastodon, например mastodon.social</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="46"/>
        <source>Moderator features</source>
        <translation>Возможности модератора</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="47"/>
        <source>Also work on the server&apos;s reports and act on accounts (your account needs a moderator or admin role there)</source>
        <translation>Также работать с жалобами сервера и применять меры к аккаунтам (вашему аккаунту нужна там роль модератора или администратора)</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="51"/>
        <source>Homeserver</source>
        <translation>Домашний сервер</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="52"/>
        <source>The address of your homeserver, e.g. https://matrix.example.org</source>
        <translation>Адрес вашего домашнего сервера, например https://matrix.example.org</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="55"/>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="56"/>
        <source>Your Matrix ID (@name:example.org) or user name</source>
        <translation>Ваш Matrix ID (@name:example.org) или имя пользователя</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="57"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="58"/>
        <source>Used once to sign in; Steward keeps only the session the homeserver gives it</source>
        <translation>Нужен один раз для входа; Steward хранит только сессию, выданную сервером</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="62"/>
        <source>Rooms</source>
        <translation>Комнаты</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="63"/>
        <source>Room IDs (!abc:example.org) to watch, separated by spaces; leave empty for every room you moderate</source>
        <translation>ID комнат (!abc:example.org) через пробел; оставьте пустым, чтобы следить за всеми комнатами, которые вы модерируете</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="67"/>
        <source>Server address</source>
        <translation>Адрес сервера</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="68"/>
        <source>The community&apos;s address, e.g. https://community.example.org/c/lumo</source>
        <translation>Адрес сообщества, например https://community.example.org/c/lumo</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="71"/>
        <source>Your handle</source>
        <translation>Ваше имя</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="72"/>
        <source>The handle your replies are posted under</source>
        <translation>Имя, под которым публикуются ваши ответы</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="73"/>
        <source>Leave empty for a server that needs no sign-in</source>
        <translation>Оставьте пустым, если сервер не требует входа</translation>
    </message>
    <message>
        <location filename="../../ui/field_texts.py" line="74"/>
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
        <location filename="../../ui/dialogs.py" line="167"/>
        <source>Tag</source>
        <translation>Метка</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="168"/>
        <source>Type a tag to add it; “-tag” removes it.</source>
        <translation>Введите метку, чтобы добавить её; «-метка» удаляет её.</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../ui/actions.py" line="60"/>
        <source>Next item</source>
        <translation>Следующее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="61"/>
        <source>Previous item</source>
        <translation>Предыдущее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="62"/>
        <source>Mark done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="63"/>
        <source>Snooze…</source>
        <translation>Отложить…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="64"/>
        <source>Escalate</source>
        <translation>Передать выше</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="65"/>
        <source>Assign to me</source>
        <translation>Взять себе</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="66"/>
        <source>Tag…</source>
        <translation>Метка…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="67"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="68"/>
        <source>Write a reply</source>
        <translation>Написать ответ</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="69"/>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="70"/>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="71"/>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="72"/>
        <source>Answer library…</source>
        <translation>Библиотека ответов…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="73"/>
        <source>Hand over the shift…</source>
        <translation>Передать смену…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="74"/>
        <source>Import a handover…</source>
        <translation>Импортировать передачу смены…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="75"/>
        <source>Add source…</source>
        <translation>Добавить источник…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="76"/>
        <source>Sync now</source>
        <translation>Синхронизировать сейчас</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="77"/>
        <source>Simulate going offline (demo)</source>
        <translation>Имитировать потерю связи (демо)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="78"/>
        <location filename="../../ui/actions.py" line="81"/>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="79"/>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="80"/>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
</context>
</TS>
