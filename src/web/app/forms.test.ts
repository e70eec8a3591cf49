// Form validation names a NUL or a broken character in the field it was typed (or pasted) into,
// exactly as the server would, before the form is sent.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { text } from '../../domain/validation.js';

// The interface language module marks the page's language on load; outside a browser, a stand-in page.
vi.stubGlobal('document', { documentElement: {} });
const { schemaValidator } = await import('./forms.js');

describe('schemaValidator', () => {
  const Person = z.strictObject({ lastName: text(100), children: z.array(z.strictObject({ firstName: text(100) })) });
  const validate = schemaValidator(Person);

  it('names a NUL or a lone surrogate at its field, with the other errors of the form', () => {
    const errors = validate({ lastName: 'Ива\u0000нова', children: [{ firstName: '' }, { firstName: 'Оля\ud800' }] });
    expect(Object.keys(errors).sort()).toEqual(['children.0.firstName', 'children.1.firstName', 'lastName']);
    expect(errors.lastName).toBe(errors['children.1.firstName']);
    expect(errors.lastName).not.toBe(errors['children.0.firstName']);
  });

  it('lets clean text through', () => {
    expect(validate({ lastName: 'Иванова 😀', children: [{ firstName: 'Оля' }] })).toEqual({});
  });
});
