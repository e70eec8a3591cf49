// Break-glass review (issue 17, point 3): the coordinator or supervisor sees the emergency openings
// of their branches' cases and marks each justified or misuse; the admin sets who may use it.
import { useState } from 'react';
import { Badge, Button, Checkbox, Group, NumberInput, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BREAK_GLASS_ROLES, type BreakGlassSettings } from '../../domain/breakglass/contracts.js';
import { formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { CaseLink } from '../cases/links.js';
import { breakGlassApi, breakGlassKeys } from './api.js';

function Settings({ settings }: { settings: BreakGlassSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [roles, setRoles] = useState<string[]>(settings.allowedRoles);
  const [minutes, setMinutes] = useState<number>(settings.minutes);
  const save = useMutation({
    mutationFn: () =>
      breakGlassApi.saveSettings({ allowedRoles: roles as BreakGlassSettings['allowedRoles'], minutes, version: settings.version }),
    onSuccess: () => void client.invalidateQueries({ queryKey: breakGlassKeys.settings }),
  });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t('protection.breakglass.settings')}</Title>
        <Checkbox.Group label={t('protection.breakglass.allowedRoles')} value={roles} onChange={setRoles}>
          <Group mt="xs">
            {BREAK_GLASS_ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <NumberInput
          label={t('protection.breakglass.minutes')}
          value={minutes}
          min={5}
          max={480}
          onChange={(v) => setMinutes(Number(v) || 0)}
          w={200}
        />
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('protection.breaches.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Review() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [filter, setFilter] = useState('pending');
  const list = useQuery({ queryKey: breakGlassKeys.grants(filter), queryFn: () => breakGlassApi.grants(filter) });
  const review = useMutation({
    mutationFn: (v: { id: string; review: 'justified' | 'misuse'; version: number }) =>
      breakGlassApi.review(v.id, { review: v.review, note: '', version: v.version }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['breakglass'] }),
  });
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={filter}
        onChange={setFilter}
        data={(['pending', 'misuse', 'justified'] as const)
          .map((v) => ({ value: v as string, label: t(`protection.breakglass.${v}`) as string }))
          .concat([{ value: 'all', label: '∗' }])}
      />
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('protection.breakglass.none')}</EmptyState>
      ) : (
        <Table striped data-testid="breakglass-review">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('protection.breakglass.when')}</Table.Th>
              <Table.Th>{t('protection.breakglass.who')}</Table.Th>
              <Table.Th>{t('protection.breakglass.family')}</Table.Th>
              <Table.Th>{t('protection.breakglass.reason')}</Table.Th>
              <Table.Th>{t('protection.breakglass.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>
                  {formatDateTime(g.grantedAt)} — {formatDateTime(g.expiresAt)}
                </Table.Td>
                <Table.Td>{g.userName}</Table.Td>
                <Table.Td>
                  <CaseLink caseId={g.caseId}>{g.familyName}</CaseLink>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{g.reason}</Text>
                </Table.Td>
                <Table.Td>
                  {g.review === 'pending' ? (
                    <Group gap="xs">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => review.mutate({ id: g.id, review: 'justified', version: g.version })}
                      >
                        {t('protection.breakglass.markJustified')}
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        onClick={() => review.mutate({ id: g.id, review: 'misuse', version: g.version })}
                      >
                        {t('protection.breakglass.markMisuse')}
                      </Button>
                    </Group>
                  ) : (
                    <Badge color={g.review === 'misuse' ? 'red' : 'green'}>{t(`protection.breakglass.${g.review}`)}</Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function BreakGlassPage() {
  const { t } = useTranslation();
  const can = useCan();
  const settings = useQuery({ queryKey: breakGlassKeys.settings, queryFn: breakGlassApi.settings, enabled: can('organization.manage') });
  return (
    <Page title={t('protection.breakglass.title')}>
      {can('organization.manage') && settings.data && <Settings key={settings.data.version} settings={settings.data} />}
      {can('breakglass.review') && <Review />}
    </Page>
  );
}
