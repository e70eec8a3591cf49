// The bound inputs of a form held as one object show its values and the server's errors, and write a
// new object with only their own field changed.
import { describe, expect, it } from 'vitest';
import { bindFields, errorsByPath, isoToday } from './fields.js';

function form<V extends object>(values: V, errors?: Record<string, string>) {
  const written: V[] = [];
  return { field: bindFields(values, (next) => written.push(next), errors), written };
}

const typed = (value: string) => ({ currentTarget: { value } });

describe('bindFields', () => {
  const start = { title: 'Смена', branchId: '', places: 2, mentorIds: ['m1'], note: '' };

  it('shows each value and the error of its own field', () => {
    const { field } = form(start, { title: 'Заполните поле', 'mentorIds.0': 'not this one' });
    expect(field.text('title')).toMatchObject({ value: 'Смена', error: 'Заполните поле' });
    expect(field.text('note').error).toBeUndefined();
    expect(field.number('places', 1).value).toBe(2);
    expect(field.list('mentorIds')).toMatchObject({ value: ['m1'], error: undefined });
  });

  it('writes a new object with only the changed field, the old one untouched', () => {
    const { field, written } = form(start);
    field.text('title').onChange(typed('Прогулка'));
    field.list('mentorIds').onChange(['m1', 'm2']);
    expect(written).toEqual([
      { ...start, title: 'Прогулка' },
      { ...start, mentorIds: ['m1', 'm2'] },
    ]);
    expect(start.title).toBe('Смена');
  });

  it('keeps an empty choice as "" in the form and as null in the Select', () => {
    const { field, written } = form(start);
    expect(field.choice('branchId').value).toBeNull();
    field.choice('branchId').onChange('b1');
    field.choice('branchId').onChange(null);
    expect(written.map((v) => v.branchId)).toEqual(['b1', '']);
    expect(form({ ...start, branchId: 'b1' }).field.choice('branchId').value).toBe('b1');
  });

  it('turns an emptied or zero number into the fallback, a typed one into a number', () => {
    const { field, written } = form(start);
    field.number('places', 1).onChange('');
    field.number('places', 1).onChange(0);
    field.number('places', 1).onChange('7');
    expect(written.map((v) => v.places)).toEqual([1, 1, 7]);
  });
});

describe('errorsByPath', () => {
  it('maps the field errors of a failed request by their path, and nothing for other errors', () => {
    const error = {
      fields: [
        { path: 'title', message: 'Заполните поле' },
        { path: 'answers.q1', message: 'От 0 до 3' },
      ],
    };
    expect(errorsByPath(error)).toEqual({ title: 'Заполните поле', 'answers.q1': 'От 0 до 3' });
    expect(errorsByPath(new Error('offline'))).toEqual({});
    expect(errorsByPath(null)).toEqual({});
  });
});

describe('isoToday', () => {
  it('is a calendar date', () => {
    expect(isoToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
