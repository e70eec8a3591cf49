// Pages of an area the user may not open say so instead of failing on every request. The server
// enforces the same permission on each route; this only spares a confusing screen.
import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../domain/access/permissions.js';
import { useCan } from './session.js';

/** Opens the page to holders of `permission`, or of any of `anyOf` (a page several roles work from). */
export function RequirePermission({ permission, anyOf, children }: { permission?: Permission; anyOf?: Permission[]; children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if ((permission && can(permission)) || anyOf?.some(can)) return children;
  return (
    <Alert color="gray" icon={<IconLock />} title={t('errors.forbidden')}>
      {t('web.forbiddenPage')}
    </Alert>
  );
}
