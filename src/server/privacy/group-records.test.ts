// Cutting names out of shared records (group-records.ts): every Russian case form of a name as a
// whole word, phones as typed, and nothing that merely starts like a name.
import { describe, expect, it } from 'vitest';
import { cutNames, nameStem, namePattern, phonePattern } from './group-records.js';

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
});
