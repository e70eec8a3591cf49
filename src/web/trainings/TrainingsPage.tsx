// Trainings, internships and supervision of the caller's branches, newest first, and the form of a
// new one (TrainingForm: kind, topic, dates, length, place or online, the completion rule, trainers).
import { useState } from 'react';
import { Anchor, Badge, Button, Modal, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { trainingKeys, trainingsApi } from './api.js';
import { TrainingForm } from './TrainingForm.js';

export function TrainingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: trainingKeys.list({}), queryFn: () => trainingsApi.list({}) });
  return (
    <Page
      title={t('trainings.nav.trainings')}
      actions={
        <>
          <ExportButtons url="/api/trainings" testId="trainings-export" />
          {can('trainings.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('trainings.actions.create')}
            </Button>
          )}
        </>
      }
    >
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('trainings.actions.create')} size="lg">
        {creating && <TrainingForm onDone={(saved) => void navigate({ to: '/trainings/$trainingId', params: { trainingId: saved.id } })} />}
      </Modal>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('trainings.messages.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('trainings.fields.title')}</Table.Th>
                <Table.Th>{t('trainings.fields.kind')}</Table.Th>
                <Table.Th>{t('trainings.fields.dates')}</Table.Th>
                <Table.Th>{t('trainings.fields.hours')}</Table.Th>
                <Table.Th>{t('trainings.fields.participants')}</Table.Th>
                <Table.Th>{t('trainings.fields.completedCount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((training) => (
                <Table.Tr key={training.id}>
                  <Table.Td>
                    <Anchor renderRoot={(root) => <Link {...root} to="/trainings/$trainingId" params={{ trainingId: training.id }} />}>
                      {training.title}
                    </Anchor>{' '}
                    {training.teachesCaseManagement && (
                      <Badge size="xs" variant="light">
                        {t('trainings.messages.caseManagement')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`trainings.kinds.${training.kind}`)}</Table.Td>
                  <Table.Td>
                    {formatDate(training.startsOn)}
                    {training.endsOn !== training.startsOn && ` — ${formatDate(training.endsOn)}`}
                  </Table.Td>
                  <Table.Td>{training.hours}</Table.Td>
                  <Table.Td>{training.participants}</Table.Td>
                  <Table.Td>{training.completed}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
