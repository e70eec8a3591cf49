import { describe, expect, it } from 'vitest';
import { SENSITIVE_SECTIONS } from '../cases/sensitive.js';
import { DEFAULT_REQUIRED_CONSENTS, missingConsents, requiredConsentsOf, SECTION_CONSENT } from './consents.js';

const members = [
  { id: 'm', relation: 'mother' },
  { id: 'p', relation: 'partner' },
  { id: 'c', relation: 'child' },
  { id: 'u', relation: 'unborn_child' },
];

describe('missing consents', () => {
  it('asks the adults for the required consents only', () => {
    expect(DEFAULT_REQUIRED_CONSENTS).toEqual(['personal_data']);
    expect(missingConsents(members, [], DEFAULT_REQUIRED_CONSENTS)).toEqual([
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
    expect(missingConsents(members, consents, DEFAULT_REQUIRED_CONSENTS)).toEqual([{ memberId: 'm', kinds: ['personal_data'] }]);
    expect(
      missingConsents(members, [...consents, { memberId: 'm', kind: 'personal_data', withdrawnOn: null }], DEFAULT_REQUIRED_CONSENTS),
    ).toEqual([]);
  });

  it("counts what the case's programme requires: more kinds, or none at all", () => {
    const consents = [
      { memberId: 'm', kind: 'personal_data', withdrawnOn: null },
      { memberId: 'p', kind: 'personal_data', withdrawnOn: null },
      { memberId: 'p', kind: 'photo_video', withdrawnOn: null },
    ];
    expect(missingConsents(members, consents, ['personal_data', 'photo_video'])).toEqual([{ memberId: 'm', kinds: ['photo_video'] }]);
    expect(missingConsents(members, [], [])).toEqual([]);
  });

  it("a programme's kinds are kept once each, in the catalogue's order", () => {
    expect(requiredConsentsOf(['photo_video', 'personal_data', 'photo_video'])).toEqual(['personal_data', 'photo_video']);
  });

  it('every sensitive section names the consent it needs', () => {
    for (const section of SENSITIVE_SECTIONS) expect(SECTION_CONSENT[section]).toBe('special_categories');
  });
});
