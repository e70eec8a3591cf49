// Choices for selects: roles in the UI language, branches by name and city.
import { useTranslation } from 'react-i18next';
import { ROLE_CODES } from '../../domain/access/permissions.js';
import { useBranches } from './queries.js';

export function useRoleOptions() {
  const { t } = useTranslation();
  return ROLE_CODES.map((code) => ({ value: code, label: t(`roles.${code}`) }));
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
