// Roles and their permissions as a matrix: everyone with roles.read sees what each role may do;
// holders of roles.manage toggle a permission, saved at once (with the role's version, so two
// admins cannot silently overwrite each other), make roles of the organisation's own, and rename
// or delete those (a role somebody holds cannot be deleted).
import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RoleView } from '../../domain/access/contracts.js';
import { PERMISSIONS, type Permission } from '../../domain/access/permissions.js';
import { api } from '../app/api.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { ConfirmModal } from '../app/ConfirmModal.js';
import { ErrorState, LoadingState, errorMessage } from '../app/states.js';
import { useRoleLabel } from './options.js';
import { keys, useRoles } from './queries.js';
import { RoleFormModal } from './RoleFormModal.js';

function toggled(role: RoleView, permission: Permission): Permission[] {
  return role.permissions.includes(permission)
    ? role.permissions.filter((p) => p !== permission)
    : PERMISSIONS.filter((p) => p === permission || role.permissions.includes(p));
}

export function RolesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const roles = useRoles();
  const editable = can('roles.manage');
  const roleLabel = useRoleLabel();
  const [editing, setEditing] = useState<RoleView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RoleView | null>(null);
  const remove = useMutation({
    mutationFn: (role: RoleView) => api.roles.remove(role.code, role.version),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('roleEditor.deleted') });
      setDeleting(null);
      await client.invalidateQueries({ queryKey: keys.roles });
    },
  });
  const save = useMutation({
    mutationFn: ({ role, permission }: { role: RoleView; permission: Permission }) =>
      api.roles.update(role.code, { permissions: toggled(role, permission), version: role.version }),
    onSuccess: (updated) => {
      client.setQueryData<{ items: RoleView[] }>(keys.roles, (data) =>
        data ? { items: data.items.map((role) => (role.code === updated.code ? updated : role)) } : data,
      );
      // Own permissions may have changed: the navigation follows.
      void client.invalidateQueries({ queryKey: ['session'] });
    },
    onError: (error) => {
      notifications.show({ color: 'red', message: errorMessage(error, t('errors.business_rule')) });
      void client.invalidateQueries({ queryKey: keys.roles });
    },
  });

  return (
    <Page
      title={t('nav.roles')}
      actions={
        editable && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('roleEditor.create')}
          </Button>
        )
      }
    >
      {!editable && (
        <Text size="sm" c="dimmed">
          {t('web.roles.readOnly')}
        </Text>
      )}
      {roles.isPending ? (
        <LoadingState />
      ) : roles.isError ? (
        <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={1100}>
          <Table withTableBorder withColumnBorders striped stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th miw={200}>{t('web.roles.permission')}</Table.Th>
                {roles.data.map((role) => (
                  <Table.Th key={role.code} ta="center" fz="xs" miw={96} style={{ hyphens: 'auto', overflowWrap: 'anywhere' }}>
                    <Stack gap={2} align="center">
                      <span>{roleLabel(role.code)}</span>
                      {editable && !role.builtin && (
                        <Menu position="bottom" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" size="sm" aria-label={`${roleLabel(role.code)}: ${t('common.actions')}`}>
                              <IconDots size={14} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setEditing(role)}>{t('roleEditor.rename')}</Menu.Item>
                            <Menu.Item color="red" disabled={role.holders > 0} onClick={() => setDeleting(role)}>
                              {role.holders > 0 ? t('roleEditor.holders', { count: role.holders }) : t('roleEditor.delete')}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Stack>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {PERMISSIONS.map((permission) => (
                <Table.Tr key={permission}>
                  <Table.Td>
                    <Tooltip label={permission} openDelay={500}>
                      <Text size="sm">{t(`permissions.${permission}`)}</Text>
                    </Tooltip>
                  </Table.Td>
                  {roles.data.map((role) => (
                    <Table.Td key={role.code} ta="center">
                      <Checkbox
                        style={{ display: 'inline-block' }}
                        checked={role.permissions.includes(permission)}
                        disabled={!editable || save.isPending}
                        onChange={() => save.mutate({ role, permission })}
                        aria-label={`${roleLabel(role.code)}: ${t(`permissions.${permission}`)}`}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RoleFormModal opened={editing !== null} role={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('roleEditor.delete')}
        message={t('roleEditor.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('roleEditor.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Page>
  );
}
