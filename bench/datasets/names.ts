// Fictional Russian names for generated people, with the surname and patronymic agreeing in gender.
import { pick } from '../lib/random.js';

const SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
] as const;
const FEMALE_NAMES = [
  'Анна',
  'Мария',
  'Елена',
  'Ольга',
  'Татьяна',
  'Наталья',
  'Ирина',
  'Светлана',
  'Екатерина',
  'Юлия',
  'Дарья',
  'Алёна',
  'Ксения',
  'Вера',
  'Надежда',
] as const;
const MALE_NAMES = ['Александр', 'Дмитрий', 'Сергей', 'Андрей', 'Алексей', 'Михаил', 'Иван', 'Николай', 'Павел', 'Олег'] as const;
const FATHERS = [
  'Александр',
  'Сергей',
  'Владимир',
  'Андрей',
  'Николай',
  'Михаил',
  'Игорь',
  'Виктор',
  'Павел',
  'Юрий',
  'Олег',
  'Пётр',
] as const;

const feminine = (surname: string) => (surname.endsWith('ий') ? `${surname.slice(0, -2)}ая` : `${surname}а`);

function patronymic(father: string, female: boolean): string {
  if (father === 'Пётр') return female ? 'Петровна' : 'Петрович';
  if (father === 'Николай' || father === 'Андрей' || father === 'Юрий' || father === 'Сергей') {
    const stem = father.slice(0, -1);
    return female ? `${stem}евна` : `${stem}евич`;
  }
  return female ? `${father}овна` : `${father}ович`;
}

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName: string;
  female: boolean;
}

/** A plausible full name; `femaleShare` is the chance of a woman (most staff and clients are). */
export function personName(random: () => number, femaleShare = 0.8): PersonName {
  const female = random() < femaleShare;
  const surname = pick(random, SURNAMES);
  return {
    female,
    lastName: female ? feminine(surname) : surname,
    firstName: female ? pick(random, FEMALE_NAMES) : pick(random, MALE_NAMES),
    middleName: patronymic(pick(random, FATHERS), female),
  };
}

/** Lower-case fragments of surnames, for search requests that match a realistic share of rows. */
export const SURNAME_FRAGMENTS = SURNAMES.map((s) => s.slice(0, 4).toLowerCase());
