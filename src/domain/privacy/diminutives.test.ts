// The diminutives table and the case forms written out from it (diminutives.ts).
import { describe, expect, it } from 'vitest';
import { NAME_GROUPS, nameForms, normaliseName, relatedNames } from './diminutives.js';

describe('diminutives of first names', () => {
  it('knows the common names, each diminutive a capitalised word', () => {
    const names = NAME_GROUPS.flatMap((g) => g.names);
    expect(names.length).toBeGreaterThanOrEqual(60);
    for (const word of NAME_GROUPS.flatMap((g) => [...g.names, ...g.diminutives])) {
      expect(word).toMatch(/^[А-ЯЁ][а-яё]+$/u);
    }
    for (const name of ['Мария', 'Александр', 'Александра', 'Иван', 'Анна', 'Наталия', 'Софья', 'Артём', 'Василиса', 'Зоя']) {
      expect(names).toContain(name);
    }
  });

  it('gives a full name its diminutives, and a diminutive its full names', () => {
    expect(relatedNames('Мария')).toEqual(expect.arrayContaining(['Маша', 'Машенька', 'Маруся', 'Мариша']));
    expect(relatedNames('Иван')).toEqual(expect.arrayContaining(['Ваня', 'Ванечка']));
    expect(relatedNames('Александра')).toEqual(expect.arrayContaining(['Саша', 'Шура', 'Саня']));
    // Another full name of the group is not taken: «Александр» may be someone else in the note.
    expect(relatedNames('Александра')).not.toContain('Александр');
    expect(relatedNames('Саша')).toEqual(expect.arrayContaining(['Александр', 'Александра', 'Шура']));
    // «Слава» is in three groups.
    expect(relatedNames('Слава')).toEqual(expect.arrayContaining(['Ярослав', 'Вячеслав', 'Станислав']));
    expect(relatedNames('Василий')).toContain('Вася');
    expect(relatedNames('Василиса')).toContain('Вася');
    expect(relatedNames('Бронислава')).toEqual([]);
  });

  it('is ё/е- and case-insensitive in looking a name up', () => {
    expect(normaliseName(' Артём ')).toBe('артем');
    expect(relatedNames('АРТЕМ')).toContain('Тёма');
    expect(relatedNames('петр')).toContain('Петя');
    expect(relatedNames('Алеша')).toContain('Алексей');
  });

  it('writes out every case form from the endings of the declension, and nothing more', () => {
    expect(nameForms('Маша').sort()).toEqual(['Маша', 'Маше', 'Машей', 'Машею', 'Маши', 'Машой', 'Машою', 'Машу'].sort());
    expect(nameForms('Маша')).not.toContain('Машина');
    expect(nameForms('Ваня')).toEqual(expect.arrayContaining(['Ваня', 'Вани', 'Ване', 'Ваню', 'Ваней']));
    expect(nameForms('Ванечка')).toEqual(expect.arrayContaining(['Ванечки', 'Ванечке', 'Ванечку', 'Ванечкой']));
    expect(nameForms('Ванечка')).not.toContain('Ванечкы');
    expect(nameForms('Вова')).toEqual(expect.arrayContaining(['Вовы', 'Вове', 'Вову', 'Вовой']));
    expect(nameForms('Илья')).toContain('Ильёй');
    expect(nameForms('Мария')).toEqual(expect.arrayContaining(['Марии', 'Марию', 'Марией']));
    expect(nameForms('Алексей')).toEqual(expect.arrayContaining(['Алексея', 'Алексею', 'Алексеем']));
    expect(nameForms('Любовь')).toEqual(expect.arrayContaining(['Любови', 'Любовью']));
    expect(nameForms('Макс')).toEqual(['Макс', 'Макса', 'Максу', 'Максом', 'Максе']);
    expect(nameForms('Павлик')).toContain('Павлика');
    expect(nameForms('Ниночка')).toContain('Ниночкой');
  });
});
