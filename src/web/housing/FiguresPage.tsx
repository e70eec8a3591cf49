// Housing figures for a period and a facility (or all of the user's): occupancy as bed-nights used
// of available, women and children, length of stay, leavings by reason, graduations, returns.
import { useState } from 'react';
import { Card, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LEAVE_REASONS } from '../../domain/housing/contracts.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { housingApi, housingKeys, isoToday } from './api.js';
import { FacilityPicker } from './FacilityPicker.js';
import { Meter } from '../app/Meter.js';

function Stat({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

export function FiguresPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(`${isoToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(isoToday());
  const [facilityId, setFacilityId] = useState<string | null>(null);
  const query = { from, to, ...(facilityId && { facilityId }) };
  const figures = useQuery({ queryKey: housingKeys.figures(query), queryFn: () => housingApi.figures(query), enabled: from <= to });
  const f = figures.data;
  // A hidden small count comes as '<5' and a length on hidden stays as '—' (issue 11, point 6).
  const dash = (v: number | string | null) => (v === null ? '—' : typeof v === 'string' ? v : v.toLocaleString());
  return (
    <Page title={t('housing.figures')}>
      <Group align="flex-end" wrap="wrap">
        <TextInput type="date" label={t('housing.fields.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('housing.fields.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <FacilityPicker value={facilityId} onChange={setFacilityId} allowAll />
      </Group>
      {figures.isPending && <LoadingState />}
      {figures.isError && <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />}
      {f && (
        <Stack gap="md">
          <Card withBorder padding="sm">
            <Group justify="space-between">
              <Text fw={600}>{t('housing.figures_.occupancy')}</Text>
              <Text fw={700} data-testid="occupancy">
                {f.bedNights.occupancy === null ? '—' : `${Math.round(f.bedNights.occupancy * 100)}%`}
              </Text>
            </Group>
            <Meter value={(f.bedNights.occupancy ?? 0) * 100} mt="xs" label={t('housing.figures_.occupancy')} />
            <Text size="sm" c="dimmed" mt={4}>
              {t('housing.figures_.bedNights', { used: f.bedNights.used, available: f.bedNights.available })}
            </Text>
          </Card>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Stat label={t('housing.figures_.women')} value={f.women} testId="women" />
            <Stat label={t('housing.figures_.children')} value={f.children} testId="children" />
            <Stat label={t('housing.figures_.started')} value={f.staysStarted} testId="started" />
            <Stat label={t('housing.figures_.ended')} value={f.staysEnded} testId="ended" />
            <Stat label={t('housing.figures_.averageLength')} value={dash(f.averageLengthDays)} testId="average" />
            <Stat label={t('housing.figures_.medianLength')} value={dash(f.medianLengthDays)} testId="median" />
            <Stat label={t('housing.figures_.graduations')} value={f.graduations} testId="graduations" />
            <Stat label={t('housing.figures_.returns')} value={f.returnsWithinYear} testId="returns" />
          </SimpleGrid>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('housing.figures_.byReason')}
            </Text>
            <Table>
              <Table.Tbody>
                {LEAVE_REASONS.map((r) => (
                  <Table.Tr key={r}>
                    <Table.Td>{t(`housing.leaveReasons.${r}`)}</Table.Td>
                    <Table.Td ta="right">{f.endedByReason[r]}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
      )}
    </Page>
  );
}
