// Cutting names out of shared records (group-records.ts): every Russian case form of a name as a
// whole word, phones as typed, and nothing that merely starts like a name.
import { describe, expect, it } from 'vitest';
import { cutNames, diminutivePattern, nameStem, namePattern, phonePattern } from './group-records.js';

describe('names in shared records', () => {
  it('stems a name to what its case forms share', () => {
    expect(nameStem('Иванова')).toBe('Иванов');
    expect(nameStem('Мария')).toBe('Мари');
    expect(nameStem('Игорь')).toBe('Игор');
    expect(nameStem('Ян')).toBeNull();
  });

  it('cuts every case form of the name, and leaves words that only start like it', () => {
    const names = namePattern(['Анна', 'Иванова']);
    expect(cutNames('Пришли Анна Иванова и сын Ивановой; с Анной говорили. Анализ — позже, Аннушкин день', [names])).toBe(
      'Пришли — — и сын —; с — говорили. Анализ — позже, Аннушкин день',
    );
    expect(cutNames('ИВАНОВУ позвали', [names])).toBe('— позвали');
  });

  it('cuts a phone number however it was typed', () => {
    const phone = phonePattern(['+7 913 555-11-22']);
    expect(cutNames('звонить 8 (913) 555 11 22 или 9135551122, не 913 555', [phone])).toBe('звонить 8 (— или —, не 913 555');
  });

  it('cuts the diminutives of the first names in every case form, as whole capitalised words', () => {
    const names = diminutivePattern(['Мария', 'Иван']);
    expect(
      cutNames('Маша пришла с сыном Ваней. Маше помогли, Ванечкой занялась Катя; МАШУ позвали, Машенькой звали в детстве', [names]),
    ).toBe('— пришла с сыном —. — помогли, — занялась Катя; — позвали, — звали в детстве');
    // Words that merely start like a diminutive, and the lower-case homographs, stay.
    expect(cutNames('Машина сломалась, Машинально записала; ваня — не имя; Ванечкин день', [names])).toBe(
      'Машина сломалась, Машинально записала; ваня — не имя; Ванечкин день',
    );
  });

  it('takes ё and е as one letter, in diminutives and in names', () => {
    expect(cutNames('Тема занятия: Тёма и Тема пришли; Темой', [diminutivePattern(['Артем'])])).toBe('— занятия: — и — пришли; —');
    expect(cutNames('Семенова и Семёновой нет', [namePattern(['Семёнова'])])).toBe('— и — нет');
    expect(cutNames('Алеша, Алёшей, Лёшу', [diminutivePattern(['Алексей'])])).toBe('—, —, —');
  });

  it('finds a diminutive written as the first name, and its full names', () => {
    // The name as written is the stem's (namePattern); the rest of its group is the diminutives'.
    expect(cutNames('Саша и Александра, Шуре', [diminutivePattern(['Саша'])])).toBe('Саша и —, —');
    expect(cutNames('Саша и Александра, Шуре', [namePattern(['Саша']), diminutivePattern(['Саша'])])).toBe('— и —, —');
    expect(diminutivePattern(['Бронислава', ''])).toBeNull();
  });
});
