// Follow-up contacts due and overdue for the families in the user's scope that left the
// programme (3, 6 and 12 months after the case was closed), with recording one in place.
import { useState } from 'react';
import { Badge, Button, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FollowUpDueItem } from '../../domain/outcomes/contracts.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { CaseLink } from '../cases/links.js';
import { outcomeKeys, outcomesApi } from './api.js';
import { FollowUpModal } from './FollowUpModal.js';

type Filter = 'all' | 'due' | 'overdue';

export function FollowUpsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const status = filter === 'all' ? undefined : filter;
  const list = useQuery({ queryKey: outcomeKeys.followUps(status), queryFn: () => outcomesApi.followUps(status) });
  const [recording, setRecording] = useState<FollowUpDueItem | null>(null);
  return (
    <Page
      title={t('outcomes.followUp.title')}
      actions={<ExportButtons url="/api/follow-ups" query={{ status }} testId="follow-ups-export" />}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('outcomes.followUp.intro')}
        </Text>
        <SegmentedControl
          aria-label={t('outcomes.followUp.filter')}
          data-testid="follow-up-filter"
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          data={[
            { value: 'all', label: t('outcomes.followUp.all') },
            { value: 'due', label: t('outcomes.followUp.due') },
            { value: 'overdue', label: t('outcomes.followUp.overdue') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        {list.isPending && <LoadingState />}
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && <EmptyState>{t('outcomes.followUp.empty')}</EmptyState>}
        {list.data && list.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table striped data-testid="follow-ups">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outcomes.followUp.family')}</Table.Th>
                  <Table.Th>{t('outcomes.followUp.programme')}</Table.Th>
                  <Table.Th>{t('outcomes.followUp.closedOn')}</Table.Th>
                  <Table.Th>{t('outcomes.followUp.milestone')}</Table.Th>
                  <Table.Th>{t('outcomes.followUp.dueOn')}</Table.Th>
                  <Table.Th>{t('outcomes.followUp.lead')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((item) => (
                  <Table.Tr key={item.caseId}>
                    <Table.Td>
                      <CaseLink caseId={item.caseId}>{item.familyName}</CaseLink>
                    </Table.Td>
                    <Table.Td>{item.programmeName}</Table.Td>
                    <Table.Td>
                      {formatDate(item.leftOn)}
                      {item.closingOutcome && (
                        <Text size="xs" c="dimmed">
                          {t(`cases.outcomes.${item.closingOutcome}`)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`outcomes.followUp.milestones.${item.milestone as 3 | 6 | 12}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={item.status === 'overdue' ? 'red' : 'yellow'} variant="light">
                        {formatDate(item.dueOn)} · {t(`outcomes.followUp.${item.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{item.leadName}</Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="light" onClick={() => setRecording(item)}>
                        {t('outcomes.followUp.record')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {recording && (
        <FollowUpModal
          caseId={recording.caseId}
          milestone={recording.milestone}
          title={`${t('outcomes.followUp.record')}: ${recording.familyName}`}
          onClose={() => setRecording(null)}
        />
      )}
    </Page>
  );
}
