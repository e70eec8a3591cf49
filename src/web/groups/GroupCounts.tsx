// Group work in figures for those who answer for results (indicators.read): sessions, hours and
// attendances per branch and kind. The M&E officer sees only this — never a topic, summary or name.
import { Paper, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../app/states.js';
import { groupsApi, serviceKeys } from '../services/api.js';

export function GroupCounts({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const query = { from: from || undefined, to: to || undefined };
  const counts = useQuery({
    queryKey: serviceKeys.groupCounts(query),
    queryFn: () => groupsApi.counts(query),
    placeholderData: keepPreviousData,
  });
  if (counts.isPending) return <LoadingState />;
  if (counts.isError) return <ErrorState error={counts.error} onRetry={() => void counts.refetch()} />;
  return (
    <Paper withBorder p="sm" role="region" aria-label={t('groups.counts.title')}>
      <Stack gap={4}>
        <Text fw={600}>{t('groups.counts.title')}</Text>
        <Text size="xs" c="dimmed">
          {t('groups.counts.hint')}
        </Text>
        {counts.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('groups.counts.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="group-counts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('groups.branch')}</Table.Th>
                  <Table.Th>{t('groups.kind')}</Table.Th>
                  <Table.Th ta="right">{t('groups.counts.sessions')}</Table.Th>
                  <Table.Th ta="right">{t('groups.counts.hours')}</Table.Th>
                  <Table.Th ta="right">{t('groups.counts.attendances')}</Table.Th>
                  <Table.Th ta="right">{t('groups.counts.outside')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {counts.data.items.map((row) => (
                  <Table.Tr key={`${row.branchId}-${row.kind}`}>
                    <Table.Td>{row.branchName}</Table.Td>
                    <Table.Td>{t(`groups.kinds.${row.kind}`)}</Table.Td>
                    <Table.Td ta="right">{row.sessions}</Table.Td>
                    <Table.Td ta="right">{Math.round((row.minutes / 60) * 10) / 10}</Table.Td>
                    <Table.Td ta="right">{row.attendances}</Table.Td>
                    <Table.Td ta="right">
                      {row.outsideAdults} / {row.outsideChildren}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
