// Post-support: supervisor visits due and overdue for the families in post-support the user is
// responsible for (a coordinator sees her branches'), overdue first and highlighted; one click
// records the visit (a «supervisor visit» service, today, by me) and moves the next one 3 months on.
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { today } from '../../domain/families/people.js';
import type { PostSupportVisit } from '../../domain/services/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { useMe } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { CaseLink } from '../cases/links.js';
import { postSupportApi, serviceKeys, servicesApi } from '../services/api.js';
import { useServiceTypes } from '../services/labels.js';

type Visit = z.infer<typeof PostSupportVisit>;

function useRecordVisit() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const types = useServiceTypes();
  const visitType = types.data?.find((type) => type.code === 'supervisor_visit' && !type.retired) ?? null;
  const mutation = useMutation({
    mutationFn: (visit: Visit) =>
      servicesApi.record(
        {
          caseId: visit.caseId,
          typeId: visitType!.id,
          date: today(),
          durationMinutes: 60,
          specialistIds: [me.id],
          format: 'home_visit',
          initiatedBy: 'team',
        },
        newIdempotencyKey(),
      ),
    onSuccess: async (service) => {
      notifications.show({ color: 'green', message: `${t('postSupport.visitRecorded')}: ${service.familyName}` });
      await Promise.all([
        client.invalidateQueries({ queryKey: serviceKeys.postSupport }),
        client.invalidateQueries({ queryKey: caseKeys.one(service.caseId) }),
        client.invalidateQueries({ queryKey: serviceKeys.history(service.caseId) }),
        client.invalidateQueries({ queryKey: serviceKeys.workload }),
      ]);
    },
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  return { mutation, ready: visitType !== null, loading: types.isPending };
}

function StatusBadge({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  return visit.overdue ? (
    <Badge color="red" leftSection={<IconAlertTriangle size={12} />}>
      {t('postSupport.overdue')}
    </Badge>
  ) : (
    <Badge color="blue" variant="light">
      {t('postSupport.due')}
    </Badge>
  );
}

export function PostSupportPage() {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const visits = useQuery({ queryKey: serviceKeys.postSupport, queryFn: postSupportApi.visits, select: (data) => data.items });
  const record = useRecordVisit();
  const [pending, setPending] = useState<string | null>(null);
  const sorted = [...(visits.data ?? [])].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
  const overdue = sorted.filter((visit) => visit.overdue).length;
  const button = (visit: Visit) => (
    <Button
      size="xs"
      leftSection={<IconCheck size={14} />}
      disabled={!record.ready}
      loading={record.mutation.isPending && pending === visit.caseId}
      onClick={() => {
        setPending(visit.caseId);
        record.mutation.mutate(visit);
      }}
    >
      {t('postSupport.recordVisit')}
    </Button>
  );
  return (
    <Page title={t('postSupport.title')} actions={<ExportButtons url="/api/post-support/visits" testId="post-support-export" />}>
      <Text size="sm" c="dimmed" mt={-8}>
        {t('postSupport.hint')}
      </Text>
      {!record.loading && !record.ready && (
        <Alert color="orange" p="xs">
          {t('postSupport.noVisitType')}
        </Alert>
      )}
      {overdue > 0 && (
        <Alert color="red" icon={<IconAlertTriangle />} p="xs" data-testid="overdue-count">
          {t('postSupport.overdueCount', { count: overdue })}
        </Alert>
      )}
      {visits.isPending ? (
        <LoadingState />
      ) : visits.isError ? (
        <ErrorState error={visits.error} onRetry={() => void visits.refetch()} />
      ) : sorted.length === 0 ? (
        <EmptyState>{t('postSupport.empty')}</EmptyState>
      ) : phone ? (
        <Stack gap="sm">
          {sorted.map((visit) => (
            <Card key={visit.caseId} withBorder padding="sm" bg={visit.overdue ? 'red.0' : undefined} data-testid="visit">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <CaseLink caseId={visit.caseId} fw={600}>
                  {visit.familyName}
                </CaseLink>
                <StatusBadge visit={visit} />
              </Group>
              <Text size="sm">
                {t('postSupport.dueOn')}: <b>{formatDate(visit.dueOn)}</b>
              </Text>
              <Text size="xs" c="dimmed">
                {t('postSupport.lastVisit')}: {visit.lastVisitOn ? formatDate(visit.lastVisitOn) : t('postSupport.never')} ·{' '}
                {t('postSupport.lead')}: {visit.leadName}
              </Text>
              <Group justify="flex-end" mt="xs">
                {button(visit)}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('postSupport.family')}</Table.Th>
                <Table.Th>{t('postSupport.lead')}</Table.Th>
                <Table.Th>{t('postSupport.since')}</Table.Th>
                <Table.Th>{t('postSupport.lastVisit')}</Table.Th>
                <Table.Th>{t('postSupport.dueOn')}</Table.Th>
                <Table.Th />
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((visit) => (
                <Table.Tr key={visit.caseId} bg={visit.overdue ? 'var(--mantine-color-red-0)' : undefined} data-testid="visit">
                  <Table.Td>
                    <CaseLink caseId={visit.caseId} fw={600}>
                      {visit.familyName}
                    </CaseLink>
                  </Table.Td>
                  <Table.Td>{visit.leadName}</Table.Td>
                  <Table.Td>{formatDate(visit.since)}</Table.Td>
                  <Table.Td>{visit.lastVisitOn ? formatDate(visit.lastVisitOn) : t('postSupport.never')}</Table.Td>
                  <Table.Td fw={visit.overdue ? 700 : undefined} c={visit.overdue ? 'red.8' : undefined}>
                    {formatDate(visit.dueOn)}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge visit={visit} />
                  </Table.Td>
                  <Table.Td>{button(visit)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
