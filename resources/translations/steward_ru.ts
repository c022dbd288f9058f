<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CannedPanel</name>
    <message>
        <location filename="../../ui/canned_panel.py" line="109"/>
        <source>Fill in before sending: {names}</source>
        <translation>Заполните перед отправкой: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/canned_panel.py" line="119"/>
        <source>Answers</source>
        <translation>Шаблоны ответов</translation>
    </message>
    <message>
        <location filename="../../ui/canned_panel.py" line="120"/>
        <source>Search answers…</source>
        <translation>Поиск шаблонов…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_panel.py" line="121"/>
        <source>Insert into reply</source>
        <translation>Вставить в ответ</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <location filename="../../ui/dialogs.py" line="103"/>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="104"/>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="104"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <location filename="../../ui/history_pane.py" line="68"/>
        <source>Before: {old}
After: {new}</source>
        <translation>Было: {old}
Стало: {new}</translation>
    </message>
    <message>
        <location filename="../../ui/history_pane.py" line="84"/>
        <source>{name}: {count} items in this workspace</source>
        <translation>{name} — сообщений в этом рабочем пространстве: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/history_pane.py" line="90"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../ui/history_pane.py" line="91"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../ui/inbox_model.py" line="145"/>
        <source>Platform</source>
        <translation>Платформа</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="145"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="146"/>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="146"/>
        <source>Rating</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="147"/>
        <source>Tone</source>
        <translation>Тон</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="147"/>
        <source>Age / SLA</source>
        <translation>Возраст / SLA</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="148"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="148"/>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="211"/>
        <source>{age} · overdue</source>
        <translation>{age} · просрочено</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="220"/>
        <source>Sentiment: {value:+.2f}</source>
        <translation>Тональность: {value:+.2f}</translation>
    </message>
</context>
<context>
    <name>ItemPane</name>
    <message>
        <location filename="../../ui/item_pane.py" line="137"/>
        <source>{platform} · {source} · {age} ago</source>
        <translation>{platform} · {source} · {age} назад</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="139"/>
        <source>Unknown author</source>
        <translation>Неизвестный автор</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="143"/>
        <source>[watched]</source>
        <translation>[на контроле]</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="149"/>
        <source>version {v}</source>
        <translation>версия {v}</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="157"/>
        <source>assigned to {who}</source>
        <translation>исполнитель: {who}</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="184"/>
        <source>Saving draft…</source>
        <translation>Сохранение черновика…</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="193"/>
        <source>Draft saved</source>
        <translation>Черновик сохранён</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="197"/>
        <source>Reply</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="198"/>
        <source>Write a reply… (R)</source>
        <translation>Напишите ответ… (R)</translation>
    </message>
    <message>
        <location filename="../../ui/item_pane.py" line="199"/>
        <source>Select an item to read it here.</source>
        <translation>Выберите сообщение, чтобы прочитать его здесь.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>New</source>
        <translation>Новое</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>Open</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>Waiting</source>
        <translation>Ждёт ответа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <location filename="../../ui/labels.py" line="35"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <location filename="../../ui/labels.py" line="33"/>
        <source>Snoozed</source>
        <translation>Отложено</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <location filename="../../ui/labels.py" line="34"/>
        <source>Escalated</source>
        <translation>Передано выше</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>Needs reply</source>
        <translation>Ждут ответа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>Negative</source>
        <translation>Негатив</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>Low ratings</source>
        <translation>Низкие оценки</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>Reviews</source>
        <translation>Отзывы</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>Spam suspects</source>
        <translation>Похоже на спам</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>published</source>
        <translation>опубликовано</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>held for review</source>
        <translation>на модерации</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>hidden</source>
        <translation>скрыто</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>deleted on the platform</source>
        <translation>удалено на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>marked as spam</source>
        <translation>помечено как спам</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>{n} min</source>
        <translation>{n} мин</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>{n} h</source>
        <translation>{n} ч</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>{n} d</source>
        <translation>{n} дн</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>someone</source>
        <translation>кто-то</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66"/>
        <source>Snooze ended: back to Open</source>
        <translation>Срок откладывания истёк: снова «Открыто»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>{who} set the status: {before} → {after}</source>
        <translation>{who}: статус {before} → {after}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>{who} assigned it to {to}</source>
        <translation>{who}: назначен исполнитель {to}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>{who} unassigned it</source>
        <translation>{who}: исполнитель снят</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>{who} added the tag #{tag}</source>
        <translation>{who}: добавлена метка #{tag}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>{who} removed the tag #{tag}</source>
        <translation>{who}: удалена метка #{tag}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>{who} undid the last action</source>
        <translation>{who}: последнее действие отменено</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>{who} started a reply draft</source>
        <translation>{who}: начат черновик ответа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86"/>
        <source>{who} discarded the reply draft</source>
        <translation>{who}: черновик ответа удалён</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89"/>
        <source>{who} used the answer “{title}”</source>
        <translation>{who}: использован шаблон «{title}»</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="92"/>
        <source>Edited on the platform</source>
        <translation>Изменено на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="94"/>
        <source>On the platform: {state}</source>
        <translation>На платформе: {state}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="97"/>
        <source>Published on the platform</source>
        <translation>Опубликовано на платформе</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="99"/>
        <source>Arrived in Steward</source>
        <translation>Поступило в Steward</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="253"/>
        <source>Selected: {n}</source>
        <translation>Выбрано: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260"/>
        <source>{view}: {n} items</source>
        <translation>{view} — сообщений: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307"/>
        <source>Done for {n} items</source>
        <translation>Применено к сообщениям: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="355"/>
        <source>Steward</source>
        <translation>Steward</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="360"/>
        <source>Steward — {workspace}</source>
        <translation>Steward — {workspace}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>Search text and authors  (/)</source>
        <translation>Поиск по тексту и авторам  (/)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="363"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="364"/>
        <source>&amp;Item</source>
        <translation>&amp;Элемент</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366"/>
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="367"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="368"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/dialogs.py" line="78"/>
        <source>Next item</source>
        <translation>Следующее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="78"/>
        <source>Previous item</source>
        <translation>Предыдущее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="78"/>
        <source>Mark done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="79"/>
        <source>Snooze…</source>
        <translation>Отложить…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="79"/>
        <source>Escalate</source>
        <translation>Передать выше</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="79"/>
        <source>Assign to me</source>
        <translation>Взять себе</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="79"/>
        <source>Tag…</source>
        <translation>Метка…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="80"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="80"/>
        <source>Write a reply</source>
        <translation>Написать ответ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="80"/>
        <source>Undo the last triage action</source>
        <translation>Отменить последнее действие разбора</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="81"/>
        <source>Select many items; actions apply to all of them</source>
        <translation>Выбрать несколько сообщений; действия применяются ко всем</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="82"/>
        <source>This cheat sheet</source>
        <translation>Эта шпаргалка</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../ui/sidebar.py" line="97"/>
        <source>Views</source>
        <translation>Представления</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="98"/>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
</context>
<context>
    <name>Snooze</name>
    <message>
        <location filename="../../ui/dialogs.py" line="28"/>
        <source>1 hour</source>
        <translation>1 час</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="29"/>
        <source>3 hours</source>
        <translation>3 часа</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="30"/>
        <source>Tomorrow, 9:00</source>
        <translation>Завтра, 9:00</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="31"/>
        <source>Next week, Monday 9:00</source>
        <translation>На следующей неделе, пн 9:00</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="38"/>
        <source>Snooze until</source>
        <translation>Отложить до</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="73"/>
        <source>Tag</source>
        <translation>Метка</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="74"/>
        <source>Type a tag to add it; “-tag” removes it.</source>
        <translation>Введите метку, чтобы добавить её; «-метка» удаляет её.</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../ui/actions.py" line="51"/>
        <source>Next item</source>
        <translation>Следующее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="51"/>
        <source>Previous item</source>
        <translation>Предыдущее сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="52"/>
        <source>Mark done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="52"/>
        <source>Snooze…</source>
        <translation>Отложить…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="53"/>
        <source>Escalate</source>
        <translation>Передать выше</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="53"/>
        <source>Assign to me</source>
        <translation>Взять себе</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="54"/>
        <source>Tag…</source>
        <translation>Метка…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="54"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="55"/>
        <source>Write a reply</source>
        <translation>Написать ответ</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="55"/>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="56"/>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="56"/>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="57"/>
        <location filename="../../ui/actions.py" line="59"/>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
</context>
</TS>
