#!/usr/bin/env python3
"""Generates a long protocol (about 30 pages in the `edition` preset) of a kind folio's
samples do not hold: numbered items "С л у ш а л и: 4. … / П о с т а н о в и л и: …"
in spaced-out type, decisions numbered "1)", "2)", dates "5.IV.1921 г.", "Вх. № 17/с",
initials, units, abbreviations in capitals, stressed words, insertions and deletions.
Deterministic: the same file every run. The typography tests and `make bench` measure it.

usage: gen-protocol.py OUT.toml [ITEMS=80]
"""
import random
import sys

out = sys.argv[1]
items = int(sys.argv[2]) if len(sys.argv) > 2 else 80
rnd = random.Random(1925)

SUBJECTS = [
    "о ходе заготовок хлеба в северных волостях губернии",
    "о ремонте школьных зданий к началу учебного года",
    "о снабжении кооперативов мануфактурой и керосином",
    "о состоянии кустарных промыслов в прибрежных волостях",
    "о плане весенней посевной кампании и семенных ссудах",
    "об организации курсов ликвидации неграмотности",
    "о недоимках по единому сельскохозяйственному налогу",
    "о работе губернского статистического бюро за полугодие",
    "о перевыборах сельских советов и ревизионных комиссий",
    "о постройке моста через реку Великую у деревни Ко́ньково",
]
PEOPLE = [
    "тов. И. В. Петрова", "тов. А. С. Орловой", "т. Н. П. Смирнова", "тов. К. Е. Кима",
    "тов. М. И. Лебедева", "т. В. А. Беляева", "тов. Г. Ф. Абрамова",
]
SENTENCES = [
    "Докладчик сообщил, что по состоянию на 5.IV.1921 г. план выполнен на {p} %, а в отдельных волостях — ниже половины.",
    "Согласно отношению губисполкома Вх. № {n}/с от 7.XI.1927 г. сведения должны быть представлены не позднее 2 марта.",
    "Всего заготовлено {n} пудов зерна и {m} т сена, что на треть больше, чем в прошлом году.",
    "Комиссия в составе {a} и {b} обследовала {n} хозяйств и признала положение удовлетворительным.",
    "В прениях выступили {a}, {b} и представитель ГУБОНО, указавшие на недостаток средств и работников.",
    "Отмечено, что из {n} школ губернии в капитальном ремонте нуждаются {m}, причём в {p} из них занятия прекращены.",
    "Снабжение кооперативов керосином в I квартале 1925 г. производилось с перебоями, в мае — удовлетворительно.",
    "По сведениям уездных исполкомов, недоимка на 1 января составляла {n} руб. {m} коп., из которых половина безнадёжна.",
    "Работа по ликвидации неграмотности ведётся в {n} пунктах, обучается {m} человек, из них {p} % женщины.",
    "Представитель ВСНХ заявил, что поставка оборудования {{+будет+}} закончена к 15 сентября, если не задержат вагоны.",
    "Курсы открыты в г. Пскове, с. Ко́ньково и д. Вели́е; занятия ведутся по вечерам, 3 раза в неделю.",
    "Предложение {a} о передаче дела в губернскую прокуратуру {{-отклонено-}} принято большинством голосов.",
    "Смета расходов на 1925/26 г. утверждена в сумме {n} руб., в том числе на ремонт зданий — {m} руб.",
    "Секретарю поручено разослать копии протокола всем членам правления и в ЦК ВКП(б) не позднее 20.XII.1925 г.",
]
DECISIONS = [
    "Доклад принять к сведению.",
    "Поручить {a} в двухнедельный срок представить проект мероприятий.",
    "Просить губисполком отпустить {n} руб. на неотложные нужды.",
    "Указать уездным исполкомам на недопустимость задержки сведений.",
    "Вопрос снять с обсуждения до получения ответа на Вх. № {n}/с.",
    "Утвердить состав комиссии: {a} (председатель), {b}, {c}.",
]


def fill(s):
    a, b, c = rnd.sample(PEOPLE, 3)
    return s.format(a=a, b=b, c=c, n=rnd.randint(12, 980), m=rnd.randint(2, 99), p=rnd.randint(3, 97))


def q(s):
    return "'''\n" + s + "\n'''"


blocks = []
blocks.append('[[content]]\nrole = "mark"\nkind = "resolution"\nposition = "top-left"\n'
              'text = "В дело. Копии членам правления."\nsignature = "Н. Орлов"\ndate = "30.XII.25"\n')
blocks.append('[[content]]\nrole = "heading"\ntext = \'\'\'ПРОТОКОЛ № 17\\\nзаседания президиума '
              'губернского исполнительного комитета\'\'\'\n')
blocks.append('[[content]]\nrole = "dateline"\ntext = "28 декабря 1925 г."\nside = "right"\n')
blocks.append('[[content]]\nrole = "text"\nindent = false\ntext = ' + q(
    "*Присутствовали*: " + ", ".join(PEOPLE).replace("тов. ", "").replace("т. ", "") + "."
) + "\n")
for k in range(1, items + 1):
    subject = rnd.choice(SUBJECTS)
    heard = f"*Слушали*: {k}. Доклад {rnd.choice(PEOPLE)} {subject}. " + " ".join(
        fill(rnd.choice(SENTENCES)) for _ in range(rnd.randint(2, 7))
    )
    n = rnd.randint(1, 4)
    if n == 1:
        decided = "*Постановили*: " + fill(rnd.choice(DECISIONS))
    else:
        decided = "*Постановили*: " + " ".join(
            f"{j}) " + fill(rnd.choice(DECISIONS)) for j in range(1, n + 1)
        )
    blocks.append('[[content]]\nrole = "text"\ntext = ' + q(heard + "\n\n" + decided) + "\n")
    if k % 9 == 0:
        blocks.append('[[content]]\nrole = "list"\nstyle = "numbered"\nitems = [\n' + "".join(
            f'  "{fill(rnd.choice(DECISIONS))}",\n' for _ in range(3)
        ) + "]\n")
blocks.append('[[content]]\nrole = "closer"\nsignatures = [\n'
              '  { name = "Н. Орлов", role = "Председатель президиума", side = "left" },\n'
              '  { name = "М. Лебедев", role = "Секретарь", side = "left" },\n]\n')

head = f'''# GENERATED by scripts/gen-protocol.py: a long protocol for the typography tests and the
# benchmark; not a real document.
format = "1.0"
id = "generated-protocol"
number = "17"
title = "Протокол № 17 заседания президиума губисполкома (сгенерированный образец)"
date = "1925-12-28"
place = "Псков"
language = "ru"

[source]
archive = "Сгенерированный архив"
fond = "Р-0000"
opis = "1"
delo = "17"
folios = "1–60"
authenticity = "original"
medium = "typescript"

'''
with open(out, "w") as f:
    f.write(head + "\n".join(blocks))
