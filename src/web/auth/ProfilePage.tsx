// The user's own account: who they are, password, second factor.
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fullName } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useMe } from '../app/session.js';
import { useRoleLabel } from '../access/options.js';
import { ChangePasswordForm } from './ChangePasswordForm.js';
import { TwoFactorSection } from './TwoFactorSection.js';

export function ProfilePage() {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const me = useMe();
  return (
    <Page title={t('nav.profile')}>
      <Paper withBorder p="md">
        <Stack gap={6}>
          <Text fw={600} size="lg">
            {fullName(me)}
          </Text>
          <Text size="sm" c="dimmed">
            {me.email}
          </Text>
          <Group gap={6}>
            {me.roles.map((role) => (
              <Badge key={role} variant="light">
                {roleLabel(role)}
              </Badge>
            ))}
          </Group>
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Stack gap="md">
            <Title order={3} size="h4">
              {t('auth.changePassword')}
            </Title>
            <ChangePasswordForm />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="md">
            <Title order={3} size="h4">
              {t('web.totp.title')}
            </Title>
            <TwoFactorSection />
          </Stack>
        </Paper>
      </SimpleGrid>
    </Page>
  );
}
