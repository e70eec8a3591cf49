// Shown after log-in when the organisation requires a second factor for one of the user's roles
// and the user has none yet: nothing else opens until it is set up.
import { Alert, Button, Stack } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAcceptSession, useLogout } from '../app/session.js';
import { AuthLayout } from './AuthLayout.js';
import { TotpSetup } from './TotpSetup.js';

export function TotpEnrolmentPage() {
  const { t } = useTranslation();
  const accept = useAcceptSession();
  const logout = useLogout();
  return (
    <AuthLayout title={t('auth.enrolTitle')}>
      <Stack gap="md">
        <Alert color="orange" icon={<IconShieldLock />}>
          {t('auth.enrolRequired')}
        </Alert>
        <TotpSetup onEnabled={accept} />
        <Button variant="subtle" color="gray" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t('nav.logout')}
        </Button>
      </Stack>
    </AuthLayout>
  );
}
