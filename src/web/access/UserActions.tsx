// The actions on one staff member: edit, deactivate or activate, reset password, reset 2FA.
import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconKey, IconPencil, IconShieldOff, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../domain/access/contracts.js';
import { fullName } from '../app/format.js';

export type UserAction = 'edit' | 'toggleActive' | 'resetPassword' | 'resetTotp';

export function UserActions({ user, onAction }: { user: UserView; onAction: (action: UserAction, user: UserView) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`${t('common.actions')}: ${fullName(user)}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onAction('edit', user)}>
          {t('common.edit')}
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => onAction('resetPassword', user)}>
          {t('web.users.resetPassword')}
        </Menu.Item>
        <Menu.Item leftSection={<IconShieldOff size={16} />} disabled={!user.totpEnabled} onClick={() => onAction('resetTotp', user)}>
          {t('web.users.resetTotp')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color={user.active ? 'red' : 'green'}
          leftSection={user.active ? <IconUserOff size={16} /> : <IconUserCheck size={16} />}
          onClick={() => onAction('toggleActive', user)}
        >
          {user.active ? t('users.deactivate') : t('users.activate')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
