// Pages of an area the user may not open say so instead of failing on every request. The server
// enforces the same permission on each route; this only spares a confusing screen.
import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../domain/access/permissions.js';
import { useCan } from './session.js';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if (can(permission)) return children;
  return (
    <Alert color="gray" icon={<IconLock />} title={t('errors.forbidden')}>
      {t('web.forbiddenPage')}
    </Alert>
  );
}
