import { describe, expect, it } from 'vitest';
import { parseAuditSearch } from './search.js';

describe('audit filters in the address', () => {
  it('keeps valid filters and coerces the page', () => {
    const userId = '0b7d0c2e-8f4f-4c8e-9a51-2f1a7c3e9d10';
    expect(parseAuditSearch({ userId, action: 'read', from: '2026-03-01T00:00:00.000Z', page: '2' })).toEqual({
      userId,
      action: 'read',
      from: '2026-03-01T00:00:00.000Z',
      page: 2,
    });
  });

  it('drops what is invalid or unknown instead of breaking the page', () => {
    expect(
      parseAuditSearch({ userId: 'nobody', action: 'dance', from: 'yesterday', page: '-1', colour: 'red', recordType: 'user' }),
    ).toEqual({
      recordType: 'user',
    });
  });
});
