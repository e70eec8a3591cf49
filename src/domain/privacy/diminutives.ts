// Russian diminutives of common first names, and the case forms of a name written out (issue 17:
// a destroyed family's names cut out of shared records of group work). A session note says «Маша
// пришла с сыном Ваней», not «Мария … Иваном»: the stem of the full name does not reach the
// diminutive, so the diminutives come from this table. Pure; the server builds its patterns from it.
//
// Forms are written out from a fixed list of endings by declension, not «the stem and any letters»:
// «Маш» + anything would take «Машина» (a car) and «Машинально»; the endings list takes «Маша, Маши,
// Маше, Машу, Машей» and nothing else. Trade-off: possessive adjectives («Машин сын», «Ванина куртка»)
// and the colloquial vocative («Маш», «Вань») are not cut: they are also ordinary words (машин — of
// cars) and a few letters are too easily something else.
//
// A group joins the full names that share diminutives (Александр and Александра → Саша): a member
// written as «Александра» loses «Саша» and «Шура», and one written as «Саша» loses «Александр(а)» too.

export interface NameGroup {
  /** Full names as written in documents. */
  readonly names: readonly string[];
  /** The forms people use in speech and notes. */
  readonly diminutives: readonly string[];
}

const group = (names: string, diminutives: string): NameGroup => ({ names: names.split(' '), diminutives: diminutives.split(' ') });

export const NAME_GROUPS: readonly NameGroup[] = [
  group('Мария', 'Маша Машенька Машка Маруся Мариша Муся'),
  group('Александр Александра', 'Саша Сашенька Сашка Шура Шурик Саня Санечка'),
  group('Иван', 'Ваня Ванечка Ванюша Ванька'),
  group('Анна', 'Аня Анечка Анюта Нюра Нюша Аннушка'),
  group('Екатерина', 'Катя Катенька Катюша Катька'),
  group('Елена', 'Лена Леночка Алёна'),
  group('Ольга', 'Оля Оленька Олечка'),
  group('Наталья Наталия', 'Наташа Наташенька Ната'),
  group('Татьяна', 'Таня Танечка Танюша'),
  group('Дмитрий', 'Дима Димочка Митя'),
  group('Михаил', 'Миша Мишенька Мишка'),
  group('Алексей', 'Лёша Лёшенька Алёша'),
  group('Сергей', 'Серёжа Серёженька Серёга'),
  group('Николай', 'Коля Коленька Колька'),
  group('Владимир', 'Вова Вовочка Володя'),
  group('Евгений Евгения', 'Женя Женечка'),
  group('Светлана', 'Света Светочка'),
  group('Анастасия', 'Настя Настенька Настюша'),
  group('Дарья', 'Даша Дашенька Дашка'),
  group('Софья София', 'Соня Сонечка'),
  group('Виктория', 'Вика Викуся'),
  group('Ксения', 'Ксюша Ксюшенька'),
  group('Елизавета', 'Лиза Лизонька Лизочка'),
  group('Полина', 'Поля Полечка'),
  group('Артём', 'Тёма Тёмочка'),
  group('Максим', 'Макс Максимка'),
  group('Кирилл', 'Киря Кирюша'),
  group('Егор', 'Егорка Егорушка'),
  group('Юлия', 'Юля Юленька Юлечка'),
  group('Ирина', 'Ира Ирочка Ириша'),
  group('Людмила', 'Люда Людочка Мила'),
  group('Валентина', 'Валя Валечка'),
  group('Галина', 'Галя Галочка'),
  group('Надежда', 'Надя Наденька'),
  group('Любовь', 'Люба Любочка'),
  group('Вера', 'Верочка Веруня'),
  group('Павел', 'Паша Пашенька Павлик'),
  group('Пётр', 'Петя Петенька'),
  group('Фёдор', 'Федя Феденька'),
  group('Григорий', 'Гриша Гришенька'),
  group('Станислав', 'Стас Слава'),
  group('Ярослав Ярослава', 'Слава Ярик'),
  group('Вячеслав', 'Слава Славик'),
  group('Константин', 'Костя Костик'),
  group('Никита', 'Никитка'),
  group('Тимофей', 'Тима Тимоша'),
  group('Варвара', 'Варя Варенька'),
  group('Василиса', 'Вася Василисушка'),
  group('Василий', 'Вася Васенька'),
  group('Зоя', 'Зоенька Зоечка'),
  group('Андрей', 'Андрюша Андрюшка'),
  group('Антон', 'Антоша Тоша'),
  group('Роман', 'Рома Ромочка'),
  group('Илья', 'Илюша Илюшка'),
  group('Матвей', 'Мотя Матвейка'),
  group('Денис', 'Дениска'),
  group('Олег', 'Олежка'),
  group('Игорь', 'Игорёша'),
  group('Юрий', 'Юра Юрочка'),
  group('Борис', 'Боря Боренька'),
  group('Леонид', 'Лёня Лёнечка'),
  group('Семён', 'Сёма Сёмочка'),
  group('Марина', 'Мариночка Маринка'),
  group('Алина', 'Алиночка'),
  group('Кристина', 'Кристя Кристиночка'),
  group('Вероника', 'Ника Вероничка'),
  group('Маргарита', 'Рита Риточка'),
  group('Тамара', 'Тома Томочка'),
  group('Лидия', 'Лида Лидочка'),
  group('Нина', 'Ниночка'),
  group('Раиса', 'Рая Раечка'),
  group('Валерий Валерия', 'Валера Лера Лерочка'),
  group('Виктор', 'Витя Витенька'),
  group('Георгий', 'Гоша Жора'),
  group('Богдан', 'Богдаша Даня'),
  group('Даниил Данила', 'Даня Данечка'),
  group('Арина', 'Ариша Аринка'),
  group('Милана', 'Мила Миланочка'),
  group('Ульяна', 'Уля Ульянка'),
  group('Злата', 'Златочка'),
  group('Алиса', 'Алисочка'),
  group('Яна', 'Яночка'),
];

/** Lower case with ё as е: the spelling people use varies («Алёша», «Алеша»). */
export const normaliseName = (name: string): string => name.trim().toLowerCase().replaceAll('ё', 'е');

// Name (normalised) → the names it goes by. A full name gets its groups' diminutives only: «Евгения»
// does not take «Евгений», who may be another person in the same note (a psychologist of the group).
// A diminutive gets its groups' full names and other diminutives: «Саша» may be either.
const index = new Map<string, Set<string>>();
const relate = (word: string, others: readonly string[]) => {
  const key = normaliseName(word);
  const related = index.get(key) ?? new Set<string>();
  for (const other of others) if (normaliseName(other) !== key) related.add(other);
  index.set(key, related);
};
for (const g of NAME_GROUPS) {
  for (const name of g.names) relate(name, g.diminutives);
  for (const diminutive of g.diminutives) relate(diminutive, [...g.names, ...g.diminutives]);
}

/**
 * The other names a person written with this first name goes by: the diminutives of their group
 * (every group the name is in — «Слава» is in three) and, for a name written as a diminutive, the
 * full names too. Empty for a name the table does not know.
 */
export function relatedNames(firstName: string): string[] {
  return [...(index.get(normaliseName(firstName)) ?? [])].sort();
}

const VELAR_OR_SIBILANT = /[гкхжшщчц]$/u;
const SIBILANT = /[жшщчц]$/u;

/**
 * Every case form of a first name, singular (and the plural that equals the genitive): written out
 * from the endings of its declension, so that nothing merely starting like the name is a form of it.
 */
export function nameForms(name: string): string[] {
  const word = name.trim();
  const last = word.slice(-1).toLowerCase();
  const base = word.slice(0, -1);
  let endings: string[];
  let stem = base;
  if (last === 'а') {
    // Маша → Маши, Маше, Машу, Машей; Вова → Вовы, Вове, Вову, Вовой; Егорка → Егорки, Егоркой.
    endings = VELAR_OR_SIBILANT.test(base) ? ['а', 'и', 'е', 'у', 'ой', 'ою'] : ['а', 'ы', 'е', 'у', 'ой', 'ою'];
    if (SIBILANT.test(base)) endings.push('ей', 'ею');
  } else if (last === 'я') {
    // Ваня → Вани, Ване, Ваню, Ваней; Мария → Марии, Марию, Марией; Илья → Ильёй.
    endings = ['я', 'и', 'е', 'ю', 'ей', 'ею', 'ёй', 'ёю'];
  } else if (last === 'й') {
    // Алексей → Алексея, Алексею, Алексеем; Дмитрий → Дмитрия, Дмитрии.
    endings = ['й', 'я', 'ю', 'ем', 'ём', 'е', 'и'];
  } else if (last === 'ь') {
    // Игорь → Игоря, Игорем; Любовь → Любови, Любовью.
    endings = ['ь', 'я', 'ю', 'ем', 'ём', 'е', 'и', 'ью'];
  } else if (/[бвгджзклмнпрстфхцчшщ]/u.test(last)) {
    // Макс → Макса, Максу, Максом, Максе; Павлик → Павлика. (No word with a fleeting vowel, such as
    // «Игорёк» → «Игорька», is in the table: this rule would not reach its forms.)
    stem = word;
    endings = ['', 'а', 'у', 'ом', 'е'];
    if (SIBILANT.test(word)) endings.push('ем');
  } else {
    // A word on -о, -и, -е, -у, -ю does not decline.
    return [word];
  }
  return [...new Set(endings.map((e) => stem + e))];
}
