// Staff of the organisation: find, create, edit, deactivate (their sessions end at once), reset a
// forgotten password or a lost second factor.
import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../domain/access/contracts.js';
import type { RoleCode } from '../../domain/access/permissions.js';
import { api } from '../app/api.js';
import { ConfirmModal } from '../app/ConfirmModal.js';
import { fullName } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState, errorMessage } from '../app/states.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { keys, useUsers } from './queries.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import type { UserAction } from './UserActions.js';
import { NO_FILTERS, UserFilters, type UserFilterValues } from './UserFilters.js';
import { UserFormModal, userUpdate } from './UserFormModal.js';
import { UsersTable } from './UsersTable.js';

type Pending = { action: UserAction; user: UserView } | { action: 'create'; user: null } | null;

/** The list's query from the filters on screen (the export takes the same one). */
function useUserQuery(filters: UserFilterValues) {
  const [q] = useDebouncedValue(filters.q.trim(), 300);
  return {
    q: q || undefined,
    role: (filters.role as RoleCode | null) ?? undefined,
    branchId: filters.branchId ?? undefined,
    active: filters.status === 'all' ? undefined : filters.status,
  };
}

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [filters, setFilters] = useState<UserFilterValues>(NO_FILTERS);
  const [pending, setPending] = useState<Pending>(null);
  const query = useUserQuery(filters);
  const users = useUsers(query);
  const close = () => setPending(null);
  const done = async (message: string) => {
    notifications.show({ color: 'green', message });
    close();
    await client.invalidateQueries({ queryKey: keys.users });
  };
  const toggle = useMutation({
    mutationFn: (user: UserView) => api.users.update(user.id, userUpdate(user, { active: !user.active })),
    onSuccess: (user) => done(user.active ? t('common.saved') : t('users.deactivated')),
    // Activating has no dialog to show the error in (a stale row, the last admin…): say it aloud.
    onError: (error, user) => {
      if (!user.active) notifications.show({ color: 'red', message: errorMessage(error, t('errors.business_rule')) });
      void client.invalidateQueries({ queryKey: keys.users });
    },
  });
  const resetTotp = useMutation({
    mutationFn: (user: UserView) => api.users.resetTotp(user.id),
    onSuccess: () => done(t('web.users.totpReset')),
  });
  const onAction = (action: UserAction, user: UserView) => {
    toggle.reset();
    resetTotp.reset();
    if (action === 'toggleActive' && !user.active) toggle.mutate(user);
    else setPending({ action, user });
  };

  return (
    <Page
      title={t('users.title')}
      actions={
        <Group gap="xs">
          <ExportButtons url="/api/users" query={query} testId="users-export" />
          {can('users.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setPending({ action: 'create', user: null })}>
              {t('users.new')}
            </Button>
          )}
        </Group>
      }
    >
      <UserFilters value={filters} onChange={setFilters} />
      {users.isPending ? (
        <LoadingState />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyState>{filters === NO_FILTERS ? t('common.empty') : t('web.nothingFound')}</EmptyState>
      ) : (
        <>
          <UsersTable users={users.data.items} onAction={onAction} />
          <Text size="sm" c="dimmed">
            {t('common.total', { count: users.data.total })}
          </Text>
        </>
      )}
      <UserFormModal
        opened={pending?.action === 'create' || pending?.action === 'edit'}
        user={pending?.action === 'edit' ? pending.user : null}
        onClose={close}
      />
      <ResetPasswordModal user={pending?.action === 'resetPassword' ? pending.user : null} onClose={close} />
      <ConfirmModal
        opened={pending?.action === 'toggleActive'}
        title={t('users.deactivate')}
        message={t('web.users.deactivateConfirm', { name: pending?.user ? fullName(pending.user) : '' })}
        confirmLabel={t('users.deactivate')}
        danger
        loading={toggle.isPending}
        error={toggle.error}
        onConfirm={() => pending?.user && toggle.mutate(pending.user)}
        onClose={close}
      />
      <ConfirmModal
        opened={pending?.action === 'resetTotp'}
        title={t('web.users.resetTotp')}
        message={t('web.users.resetTotpConfirm', { name: pending?.user ? fullName(pending.user) : '' })}
        confirmLabel={t('web.users.resetTotp')}
        danger
        loading={resetTotp.isPending}
        error={resetTotp.error}
        onConfirm={() => pending?.user && resetTotp.mutate(pending.user)}
        onClose={close}
      />
    </Page>
  );
}
