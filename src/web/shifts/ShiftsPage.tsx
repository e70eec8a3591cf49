// Away profile shifts the user reaches (its team, or a participating family's case team), newest
// first, with the status badge ("held with diagnostics and summary"); those who answer for results
// see the counts per branch too, and the M&E officer only the counts.
import { useState } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTent } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { today } from '../../domain/families/people.js';
import type { ShiftSummaryView } from '../../domain/shifts/contracts.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { shiftKeys, shiftsApi } from './api.js';
import { ShiftModal } from './ShiftForm.js';

export const STATUS_COLOR: Record<ShiftSummaryView['status'], string> = {
  planned: 'blue',
  running: 'orange',
  ended: 'gray',
  held_with_summary: 'green',
};

const yearStart = () => `${today().slice(0, 4)}-01-01`;

export function shiftDates(shift: Pick<ShiftSummaryView, 'startsOn' | 'endsOn'>): string {
  return `${formatDate(shift.startsOn)} – ${formatDate(shift.endsOn)}`;
}

function ShiftCard({ shift }: { shift: ShiftSummaryView }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="shift-card"
      renderRoot={(props) => <Link {...props} to="/shifts/$shiftId" params={{ shiftId: shift.id }} />}
      style={{ textDecoration: 'none', color: 'inherit' }}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>{shift.title}</Text>
          <Badge variant="light" color={STATUS_COLOR[shift.status]} style={{ flexShrink: 0 }} data-testid="shift-status">
            {t(`shifts.statuses.${shift.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {shiftDates(shift)} · {shift.venue}
        </Text>
        <Text size="xs" c="dimmed">
          {shift.programmeName} · {shift.branchName} · {t('shifts.fields.families')}: {shift.families} · {t('shifts.fields.people')}:{' '}
          {shift.people}
        </Text>
      </Stack>
    </Card>
  );
}

function ShiftCountsCard({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const counts = useQuery({ queryKey: shiftKeys.counts({ from, to }), queryFn: () => shiftsApi.counts({ from, to }) });
  if (!counts.data || counts.data.items.length === 0) return null;
  return (
    <Card withBorder padding="sm">
      <Table.ScrollContainer minWidth={420}>
        <Table data-testid="shift-counts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shifts.fields.branchId')}</Table.Th>
              <Table.Th>{t('shifts.title')}</Table.Th>
              <Table.Th>{t('shifts.statuses.held_with_summary')}</Table.Th>
              <Table.Th>{t('shifts.fields.families')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {counts.data.items.map((row) => (
              <Table.Tr key={row.branchId}>
                <Table.Td>{row.branchName}</Table.Td>
                <Table.Td>{row.shifts}</Table.Td>
                <Table.Td>{row.heldWithSummary}</Table.Td>
                <Table.Td>{row.families}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

export function ShiftsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [from, setFrom] = useState(yearStart);
  const [to, setTo] = useState('');
  const [creating, setCreating] = useState(false);
  const query = { from: from || undefined, to: to || undefined };
  const shifts = useQuery({
    queryKey: shiftKeys.list(query),
    queryFn: () => shiftsApi.list(query),
    placeholderData: keepPreviousData,
    select: (data) => data.items,
    enabled: can('shifts.read'),
  });
  return (
    <Page
      title={t('shifts.title')}
      actions={
        <>
          {/* The M&E officer reads the counts only: the list, and so its export, is for shifts.read. */}
          {can('shifts.read') && <ExportButtons url="/api/shifts" query={query} testId="shifts-export" />}
          {can('shifts.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('shifts.add')}
            </Button>
          )}
        </>
      }
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <TextInput type="date" size="xs" aria-label={t('common.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" size="xs" aria-label={t('common.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </SimpleGrid>
      {can('indicators.read') && <ShiftCountsCard from={from || yearStart()} to={to || today()} />}
      {!can('shifts.read') ? null : shifts.isPending ? (
        <LoadingState />
      ) : shifts.isError ? (
        <ErrorState error={shifts.error} onRetry={() => void shifts.refetch()} />
      ) : shifts.data.length === 0 ? (
        <EmptyState>
          <Group gap={6} justify="center">
            <IconTent size={18} />
            {t('shifts.empty')}
          </Group>
        </EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {shifts.data.map((shift) => (
            <ShiftCard key={shift.id} shift={shift} />
          ))}
        </SimpleGrid>
      )}
      <ShiftModal
        opened={creating}
        onClose={(shift) => {
          setCreating(false);
          if (shift) void navigate({ to: '/shifts/$shiftId', params: { shiftId: shift.id } });
        }}
      />
    </Page>
  );
}
