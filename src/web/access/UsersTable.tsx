// The staff list as a table (scrolls sideways on a phone).
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../domain/access/contracts.js';
import { fullName } from '../app/format.js';
import { useCan } from '../app/session.js';
import { useBranchNames, useRoleLabel } from './options.js';
import { UserActions, type UserAction } from './UserActions.js';

export function UsersTable({ users, onAction }: { users: UserView[]; onAction: (action: UserAction, user: UserView) => void }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const can = useCan();
  const branchNames = useBranchNames(can('branches.read'));
  const manage = can('users.manage');
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('web.users.name')}</Table.Th>
            <Table.Th>{t('users.roles')}</Table.Th>
            <Table.Th>{t('users.branches')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
            <Table.Th>{t('users.totp')}</Table.Th>
            {manage && <Table.Th w={60} aria-label={t('common.actions')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid="user-row">
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {fullName(user)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {user.email}
                    {user.phone && ` · ${user.phone}`}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.roles.map((role) => (
                    <Badge key={role} variant="light" size="sm">
                      {roleLabel(role)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{user.branchIds.map((id) => branchNames.get(id) ?? '…').join(', ') || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={user.active ? 'green' : 'gray'} variant="dot">
                  {user.active ? t('common.active') : t('common.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{user.totpEnabled ? t('common.yes') : t('common.no')}</Text>
              </Table.Td>
              {manage && (
                <Table.Td>
                  <UserActions user={user} onAction={onAction} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
