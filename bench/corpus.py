"""The words and names the benchmarks' synthetic comments are made of (English and Russian)."""

WORDS = {
    language: words.split()
    for language, words in {
        "en": (
            "the app calendar sync widget reminder task list notes update version phone tablet "
            "screen button settings account subscription price premium backup export import "
            "notification dark mode theme font search tags shared family work project deadline "
            "today tomorrow week morning evening after before since really very always never "
            "sometimes again please fix add need want would could should works broken slow fast "
            "smooth battery drain login password email error crash freeze offline cloud android "
            "iphone ipad watch feature design colour layout support team great good bad annoying "
            "useful simple clean confusing missing option and to of it is my"
        ),
        "ru": (
            "приложение календарь синхронизация виджет напоминание задача список заметки "
            "обновление версия телефон планшет экран кнопка настройки аккаунт подписка цена "
            "премиум копия экспорт уведомления тёмная тема шрифт поиск теги семья работа проект "
            "срок сегодня завтра неделя утром вечером после очень всегда никогда иногда снова "
            "пожалуйста исправьте добавьте нужно хочу работает сломалось медленно быстро батарея "
            "вход пароль почта ошибка вылетает зависает облако андроид айфон часы функция дизайн "
            "цвет поддержка команда хорошо плохо удобно просто непонятно не и в на с"
        ),
    }.items()
}

NAMES = {
    language: (first.split(), last.split())
    for language, (first, last) in {
        "en": (
            "Alex Sam Jordan Taylor Chris Jamie Morgan Casey Riley Drew Emma Liam Olivia Noah Ava "
            "Mia Lucas Ethan Grace Chloe",
            "Smith Brown Lee Walker Hall Young King Wright Green "
            "Baker Adams Nelson Carter Mitchell Turner Parker",
        ),
        "ru": (
            "Анна Иван Мария Дмитрий Ольга Сергей Елена Алексей Наталья Павел Татьяна Андрей Юлия "
            "Михаил Ксения Никита",
            "Иванова Смирнов Кузнецова Попов Соколова Лебедев Козлова "
            "Новиков Морозова Петров Волкова Соловьёв",
        ),
    }.items()
}
