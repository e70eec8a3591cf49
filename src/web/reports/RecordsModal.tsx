// The records behind an achieved figure: the cases within the user's own access, as the case list
// shows them, with the rest only counted. Those who see figures, not people, get the count alone.
import { useState } from 'react';
import { Alert, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CaseLink } from '../cases/links.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { reportKeys, reportsApi } from './api.js';

export interface RecordsTarget {
  programmeId: string;
  from: string;
  to: string;
  indicatorId: string;
  branchId?: string;
  title: string;
  share: boolean;
}

function RecordsList({ target, part }: { target: RecordsTarget; part: 'value' | 'numerator' | 'denominator' }) {
  const { t } = useTranslation();
  const { title: _title, share: _share, ...query } = target;
  const full = { ...query, part };
  const records = useQuery({ queryKey: reportKeys.records(full), queryFn: () => reportsApi.records(full) });
  if (records.isPending) return <LoadingState />;
  if (records.isError) return <ErrorState error={records.error} onRetry={() => void records.refetch()} />;
  const r = records.data;
  return (
    <Stack gap="sm">
      <Text fw={600} data-testid="records-total">
        {t('reports.records.total', { n: r.suppressed ?? r.total })}
      </Text>
      {r.identitiesHidden ? (
        <Alert color="gray" data-testid="records-count-only">
          {t('reports.records.countOnly')}
        </Alert>
      ) : r.total === 0 ? (
        <Text c="dimmed">{t('reports.records.none')}</Text>
      ) : (
        <Table striped data-testid="records-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.records.family')}</Table.Th>
              <Table.Th>{t('reports.programme')}</Table.Th>
              <Table.Th>{t('reports.branch')}</Table.Th>
              <Table.Th>{t('reports.records.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.items.map((item) => (
              <Table.Tr key={item.caseId}>
                <Table.Td>
                  <CaseLink caseId={item.caseId}>{item.familyName}</CaseLink>
                </Table.Td>
                <Table.Td>{item.programmeName}</Table.Td>
                <Table.Td>{item.branchName}</Table.Td>
                <Table.Td>{t(`cases.statuses.${item.status}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!r.identitiesHidden && r.outsideScope !== null && r.outsideScope > 0 && (
        <Text size="sm" c="dimmed" data-testid="records-outside">
          {t('reports.records.outside', { n: r.outsideScope })}
        </Text>
      )}
    </Stack>
  );
}

export function RecordsModal({ target, onClose }: { target: RecordsTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [part, setPart] = useState<'value' | 'denominator'>('value');
  return (
    <Modal opened={target !== null} onClose={onClose} title={target ? `${t('reports.records.title')}: ${target.title}` : ''} size="lg">
      {target && (
        <Stack gap="sm">
          {target.share && (
            <SegmentedControl
              value={part}
              onChange={(value) => setPart(value as 'value' | 'denominator')}
              data={[
                { value: 'value', label: t('reports.records.numerator') },
                { value: 'denominator', label: t('reports.records.denominator') },
              ]}
            />
          )}
          <RecordsList target={target} part={target.share ? part : 'value'} />
        </Stack>
      )}
    </Modal>
  );
}
