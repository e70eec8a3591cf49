import { describe, expect, it } from 'vitest';
import { SENSITIVE_SECTIONS } from '../cases/sensitive.js';
import { missingConsents, REQUIRED_CONSENTS, SECTION_CONSENT } from './consents.js';

const members = [
  { id: 'm', relation: 'mother' },
  { id: 'p', relation: 'partner' },
  { id: 'c', relation: 'child' },
  { id: 'u', relation: 'unborn_child' },
];

describe('missing consents', () => {
  it('asks the adults for the required consents only', () => {
    expect(REQUIRED_CONSENTS).toEqual(['personal_data']);
    expect(missingConsents(members, [])).toEqual([
      { memberId: 'm', kinds: ['personal_data'] },
      { memberId: 'p', kinds: ['personal_data'] },
    ]);
  });

  it('an optional consent neither counts nor is asked for; a withdrawn one is missing', () => {
    const consents = [
      { memberId: 'm', kind: 'photo_video', withdrawnOn: null },
      { memberId: 'p', kind: 'personal_data', withdrawnOn: null },
      { memberId: 'm', kind: 'personal_data', withdrawnOn: '2026-10-01' },
    ];
    expect(missingConsents(members, consents)).toEqual([{ memberId: 'm', kinds: ['personal_data'] }]);
    expect(missingConsents(members, [...consents, { memberId: 'm', kind: 'personal_data', withdrawnOn: null }])).toEqual([]);
  });

  it('every sensitive section names the consent it needs', () => {
    for (const section of SENSITIVE_SECTIONS) expect(SECTION_CONSENT[section]).toBe('special_categories');
  });
});
