// Home: who is signed in, in which organisation, with which roles and branches.
import { Badge, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingCommunity, IconMapPin, IconShieldCheck, IconUserShield } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoleLabel } from '../access/options.js';
import { useBranches } from '../access/queries.js';
import { addressName } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan, useMe } from '../app/session.js';
import { DashboardLinks } from '../dashboards/HomeLinks.js';
import { DueRequestsCard } from '../privacy/DueRequestsCard.js';
import { VolunteerReminders } from '../volunteers/RemindersCard.js';

function Fact({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <ThemeIcon variant="light" size="lg">
          {icon}
        </ThemeIcon>
        <Stack gap={6}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {label}
          </Text>
          {children}
        </Stack>
      </Group>
    </Paper>
  );
}

function MyBranches() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const branches = useBranches(can('branches.read'));
  if (me.branchIds.length === 0) return <Text size="sm">{t('web.home.noBranches')}</Text>;
  if (!branches.data) return <Text size="sm">{t('web.home.branchCount', { count: me.branchIds.length })}</Text>;
  const mine = branches.data.filter((branch) => me.branchIds.includes(branch.id));
  return (
    <Stack gap={2}>
      {mine.map((branch) => (
        <Text key={branch.id} size="sm">
          {branch.name}{' '}
          <Text span size="sm" c="dimmed">
            · {branch.city}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const me = useMe();
  return (
    <Page title={t('web.home.welcome', { name: addressName(me) })} documentTitle={t('nav.home')}>
      <Text c="dimmed" mt={-8}>
        {t('app.tagline')}
      </Text>
      <DashboardLinks />
      <DueRequestsCard />
      <VolunteerReminders link />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Fact icon={<IconBuildingCommunity size={20} />} label={t('web.home.organization')}>
          <Text fw={500}>{me.orgName}</Text>
        </Fact>
        <Fact icon={<IconUserShield size={20} />} label={t('users.roles')}>
          <Group gap={6}>
            {me.roles.map((role) => (
              <Badge key={role} variant="light">
                {roleLabel(role)}
              </Badge>
            ))}
          </Group>
        </Fact>
        <Fact icon={<IconMapPin size={20} />} label={t('users.branches')}>
          <MyBranches />
        </Fact>
        <Fact icon={<IconShieldCheck size={20} />} label={t('web.totp.title')}>
          <Badge color={me.totpEnabled ? 'green' : 'gray'} variant="light">
            {me.totpEnabled ? t('web.totp.on') : t('web.totp.off')}
          </Badge>
        </Fact>
      </SimpleGrid>
    </Page>
  );
}
