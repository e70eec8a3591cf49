import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS } from '../../domain/access/permissions.js';
import { visibleSections } from './navigation.js';

const labels = (permissions: readonly (typeof DEFAULT_ROLE_PERMISSIONS)['admin'][number][]) =>
  visibleSections(permissions).flatMap((section) => section.items.map((item) => item.label));

describe('navigation', () => {
  it('shows the admin everything', () => {
    expect(labels(DEFAULT_ROLE_PERMISSIONS.admin)).toEqual(
      expect.arrayContaining(['nav.home', 'nav.users', 'nav.roles', 'nav.organization', 'nav.audit', 'nav.branches', 'nav.programmes']),
    );
  });

  it('shows a volunteer no administration section at all', () => {
    const sections = visibleSections(DEFAULT_ROLE_PERMISSIONS.volunteer);
    expect(sections.map((section) => section.label)).not.toContain('nav.admin');
    expect(sections.every((section) => section.items.length > 0)).toBe(true);
  });

  it('shows a coordinator the staff list but not the audit log', () => {
    const visible = labels(DEFAULT_ROLE_PERMISSIONS.coordinator);
    expect(visible).toContain('nav.users');
    expect(visible).not.toContain('nav.audit');
  });

  it('shows My work to every staff role, the volunteer coordinator without casework included, and not to volunteers or mentors', () => {
    for (const role of ['admin', 'coordinator', 'case_worker', 'shelter_admin', 'me_officer', 'supervisor'] as const)
      expect(labels(DEFAULT_ROLE_PERMISSIONS[role]), role).toContain('nav.myWork');
    expect(labels(['volunteers.manage'])).toContain('nav.myWork');
    expect(labels(DEFAULT_ROLE_PERMISSIONS.volunteer)).not.toContain('nav.myWork');
    expect(labels(DEFAULT_ROLE_PERMISSIONS.mentor)).not.toContain('nav.myWork');
  });
});
