// Choices for selects: roles in the UI language, branches by name and city.
import { useTranslation } from 'react-i18next';
import { ROLE_CODES, type RoleCode } from '../../domain/access/permissions.js';
import { useCan } from '../app/session.js';
import { useBranches, useRoles } from './queries.js';

const isShipped = (code: string): code is RoleCode => (ROLE_CODES as readonly string[]).includes(code);

/** A role's name: a shipped role's from the catalogue, the organisation's own by the name it gave. */
export function useRoleLabel(): (code: string) => string {
  const { t } = useTranslation();
  const can = useCan();
  const roles = useRoles(can('roles.read'));
  const names = new Map((roles.data ?? []).map((role) => [role.code, role.name]));
  return (code) => (isShipped(code) ? t(`roles.${code}`) : names.get(code) || t('roleEditor.custom'));
}

/** The shipped roles, then the organisation's own (for those who may read roles). */
export function useRoleOptions() {
  const { t } = useTranslation();
  const can = useCan();
  const roles = useRoles(can('roles.read'));
  const own = (roles.data ?? []).filter((role) => !role.builtin).map((role) => ({ value: role.code, label: role.name }));
  return [...ROLE_CODES.map((code) => ({ value: code as string, label: t(`roles.${code}`) })), ...own];
}

export function useBranchOptions(enabled = true) {
  const branches = useBranches(enabled);
  return (branches.data ?? []).map((branch) => ({
    value: branch.id,
    label: branch.active ? `${branch.name} (${branch.city})` : `${branch.name} (${branch.city}) ✕`,
  }));
}

/** Branch names by id, for showing a user's branches. */
export function useBranchNames(enabled = true): Map<string, string> {
  const branches = useBranches(enabled);
  return new Map((branches.data ?? []).map((branch) => [branch.id, branch.name]));
}
