// Filters of the staff list: text (name, e-mail, phone), role, branch, status.
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useBranchOptions, useRoleOptions } from './options.js';

export interface UserFilterValues {
  q: string;
  role: string | null;
  branchId: string | null;
  status: 'all' | 'true' | 'false';
}

export const NO_FILTERS: UserFilterValues = { q: '', role: null, branchId: null, status: 'all' };

export function UserFilters({ value, onChange }: { value: UserFilterValues; onChange: (value: UserFilterValues) => void }) {
  const { t } = useTranslation();
  const roles = useRoleOptions();
  const branches = useBranchOptions();
  const set = (patch: Partial<UserFilterValues>) => onChange({ ...value, ...patch });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
      <TextInput
        aria-label={t('common.search')}
        placeholder={t('web.users.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={value.q}
        onChange={(event) => set({ q: event.currentTarget.value })}
      />
      <Select
        aria-label={t('users.roles')}
        placeholder={t('web.users.anyRole')}
        data={roles}
        value={value.role}
        onChange={(role) => set({ role })}
        clearable
      />
      <Select
        aria-label={t('users.branches')}
        placeholder={t('web.users.anyBranch')}
        data={branches}
        value={value.branchId}
        onChange={(branchId) => set({ branchId })}
        clearable
        searchable
      />
      <Select
        aria-label={t('users.status')}
        data={[
          { value: 'all', label: t('web.users.anyStatus') },
          { value: 'true', label: t('web.users.activeOnly') },
          { value: 'false', label: t('web.users.inactiveOnly') },
        ]}
        value={value.status}
        onChange={(status) => set({ status: (status as UserFilterValues['status'] | null) ?? 'all' })}
        allowDeselect={false}
      />
    </SimpleGrid>
  );
}
