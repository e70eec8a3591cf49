// Workload: per specialist and month, the number of services and hours by type. A specialist sees
// her own month; a coordinator or supervisor sees the team of her cases (or one person of it).
import { useMemo, useState } from 'react';
import { ActionIcon, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { WorkloadRow } from '../../domain/services/contracts.js';
import { Page } from '../app/Page.js';
import { useCan, useMe } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { staffOptions, useStaff } from '../cases/queries.js';
import { serviceKeys, servicesApi } from './api.js';
import { currentMonth, formatHours, monthLabel } from './labels.js';
import { shiftMonth } from './rows.js';

type Row = z.infer<typeof WorkloadRow>;

/** The chart with its labels as HTML (so text is not stretched by the SVG's scaling). */
function HoursChart({ rows, title }: { rows: { label: string; minutes: number }[]; title: string }) {
  const { t } = useTranslation();
  const sorted = [...rows].sort((a, b) => b.minutes - a.minutes);
  const max = Math.max(...sorted.map((row) => row.minutes), 1);
  return (
    <Stack gap={6} role="figure" aria-label={title}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {sorted.map((row) => (
        <Stack key={row.label} gap={2}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs" truncate>
              {row.label}
            </Text>
            <Text size="xs" fw={600} style={{ flexShrink: 0 }}>
              {t('services.hours', { hours: formatHours(row.minutes) })}
            </Text>
          </Group>
          <svg width="100%" height="10" aria-hidden="true">
            <rect x="0" y="0" width={`${Math.max((row.minutes / max) * 100, 1)}%`} height="10" rx="3" fill="var(--mantine-color-teal-5)" />
          </svg>
        </Stack>
      ))}
    </Stack>
  );
}

function SpecialistMonth({ name, rows }: { name: string; rows: Row[] }) {
  const { t } = useTranslation();
  const total = rows.reduce(
    (sum, row) => ({ count: sum.count + row.count, minutes: sum.minutes + row.minutes, client: sum.client + row.clientInitiated }),
    {
      count: 0,
      minutes: 0,
      client: 0,
    },
  );
  return (
    <Card withBorder padding="sm" data-testid="workload-specialist">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={4}>{name}</Title>
        <Text size="sm" fw={600} data-testid="workload-total">
          {t('services.count', { count: total.count })} · {t('services.hours', { hours: formatHours(total.minutes) })}
        </Text>
      </Group>
      <Stack gap="sm">
        <HoursChart title={t('services.workload.chart')} rows={rows.map((row) => ({ label: row.typeName, minutes: row.minutes }))} />
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('services.workload.type')}</Table.Th>
                <Table.Th ta="right">{t('services.workload.count')}</Table.Th>
                <Table.Th ta="right">{t('services.workload.hours')}</Table.Th>
                <Table.Th ta="right">{t('services.workload.clientInitiated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.typeId}>
                  <Table.Td>{row.typeName}</Table.Td>
                  <Table.Td ta="right">{row.count}</Table.Td>
                  <Table.Td ta="right">{formatHours(row.minutes)}</Table.Td>
                  <Table.Td ta="right">{row.clientInitiated}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={700}>
                <Table.Td>{t('services.workload.total')}</Table.Td>
                <Table.Td ta="right">{total.count}</Table.Td>
                <Table.Td ta="right">{formatHours(total.minutes)}</Table.Td>
                <Table.Td ta="right">{total.client}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

export function WorkloadPage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const staff = useStaff();
  // Coordinators and supervisors see their team's month; everyone else their own.
  const seesTeam = can('cases.manage') || me.roles.includes('supervisor') || me.roles.includes('coordinator');
  const [month, setMonth] = useState(currentMonth());
  const [userId, setUserId] = useState<string | null>(seesTeam ? null : me.id);
  const workload = useQuery({
    queryKey: serviceKeys.workloadOf(month, userId ?? undefined),
    queryFn: () => servicesApi.workload(month, userId ?? undefined),
    placeholderData: keepPreviousData,
  });
  const bySpecialist = useMemo(() => {
    const groups = new Map<string, { name: string; rows: Row[] }>();
    for (const row of workload.data?.rows ?? []) {
      const group = groups.get(row.userId) ?? { name: row.name, rows: [] };
      group.rows.push(row);
      groups.set(row.userId, group);
    }
    return [...groups.entries()].sort(([a], [b]) => (a === me.id ? -1 : b === me.id ? 1 : 0));
  }, [workload.data, me.id]);
  return (
    <Page title={t('services.workload.title')}>
      <Group gap="sm" align="flex-end">
        <Group gap={4} align="center">
          <ActionIcon variant="default" aria-label="←" onClick={() => setMonth((m) => shiftMonth(m, -1))}>
            <IconChevronLeft size={16} />
          </ActionIcon>
          <Text fw={600} miw={150} ta="center" data-testid="workload-month">
            {monthLabel(month)}
          </Text>
          <ActionIcon variant="default" aria-label="→" disabled={month >= currentMonth()} onClick={() => setMonth((m) => shiftMonth(m, 1))}>
            <IconChevronRight size={16} />
          </ActionIcon>
        </Group>
        {seesTeam && (
          <Select
            aria-label={t('services.workload.specialist')}
            w={260}
            searchable
            data={[{ value: '', label: t('services.workload.team') }, ...staffOptions(staff.data)]}
            value={userId ?? ''}
            onChange={(value) => setUserId(value || null)}
          />
        )}
      </Group>
      {seesTeam && userId === null && bySpecialist.length > 1 && (
        <Card withBorder padding="sm">
          <HoursChart
            title={t('services.workload.team')}
            rows={bySpecialist.map(([, group]) => ({ label: group.name, minutes: group.rows.reduce((sum, row) => sum + row.minutes, 0) }))}
          />
        </Card>
      )}
      {workload.isPending ? (
        <LoadingState />
      ) : workload.isError ? (
        <ErrorState error={workload.error} onRetry={() => void workload.refetch()} />
      ) : bySpecialist.length === 0 ? (
        <EmptyState>{t('services.workload.empty')}</EmptyState>
      ) : (
        <Stack gap="md">
          {bySpecialist.map(([id, group]) => (
            <SpecialistMonth key={id} name={group.name} rows={group.rows} />
          ))}
        </Stack>
      )}
    </Page>
  );
}
