#!/usr/bin/env python3
"""A volume for the index benchmark: about 300 pages of documents with 2,000 mentions of
200 persons and 60 places, its register, and the same manifest without the register.

    gen-index-volume.py OUT_DIR [MENTIONS]

Writes OUT_DIR/doc-NNN.toml, persons.register.toml, places.register.toml, index.volume.toml (with the
register) and plain.volume.toml (without: no indexes). The difference of their PDF times
is what the indexes cost (scripts/bench.sh)."""
import os
import random
import sys

out = sys.argv[1]
mentions = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
os.makedirs(out, exist_ok=True)
rnd = random.Random(16)
surnames = ["Иванов", "Петров", "Сидоров", "Смирнов", "Кузнецов", "Попов", "Васильев",
            "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев",
            "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов"]
initials = "АБВГДЕЖЗИКЛМНОПРСТ"
places = ["Москва", "Пенза", "Тула", "Орёл", "Курск", "Омск", "Томск", "Пермь", "Вятка",
          "Казань", "Самара", "Саратов", "Уфа", "Чита", "Тверь"]
persons = [(f"p{i}", f"{surnames[i % 20]} {initials[i // 20 % 18]}. {initials[i % 18]}.")
           for i in range(200)]
place_list = [(f"g{i}", f"{places[i % 15]}{'' if i < 15 else f'-{i // 15}'}") for i in range(60)]
words = ("сообщаем что по вопросу о снабжении губернии хлебом и топливом принято решение "
         "направить уполномоченных для проверки исполнения постановления").split()

docs = 60
per_doc = -(-mentions // docs)
for d in range(docs):
    paras = []
    for p in range(16):
        text = []
        for w in range(60):
            text.append(rnd.choice(words))
        paras.append(text)
    for m in range(per_doc):
        para = paras[m % len(paras)]
        at = rnd.randrange(len(para))
        if m % 4 == 3:
            key, name = rnd.choice(place_list)
            para.insert(at, f"[{name}]{{place={key}}}")
        else:
            key, name = rnd.choice(persons)
            para.insert(at, f"[{name}]{{person={key}}}")
    body = "\n\n".join(" ".join(p).capitalize() + "." for p in paras)
    with open(os.path.join(out, f"doc-{d:03}.toml"), "w") as f:
        f.write(f'format = "1.0"\nid = "doc-{d:03}"\nnumber = "{d + 1}"\n'
                f'title = "Донесение № {d + 1}"\ndate = "1921-03-{d % 28 + 1:02}"\n\n'
                f"[[content]]\nrole = \"text\"\ntext = '''\n{body}\n'''\n")
with open(os.path.join(out, "persons.register.toml"), "w") as f:
    for key, name in persons:
        f.write(f'[[persons]]\nkey = "{key}"\nname = "{name} — уполномоченный"\n\n')
with open(os.path.join(out, "places.register.toml"), "w") as f:
    for key, name in place_list:
        f.write(f'[[places]]\nkey = "{key}"\nname = "{name}"\n\n')
docs_list = ", ".join(f'"doc-{d:03}.toml"' for d in range(docs))
for name, register in [("index", 'persons = "persons.register.toml"\nplaces = "places.register.toml"\n'),
                       ("plain", "")]:
    with open(os.path.join(out, f"{name}.volume.toml"), "w") as f:
        f.write(f'title = "Указатели: проба"\n{register}documents = [{docs_list}]\n')
