// The volunteer's own screen, «Мои смены»: their certificate, teams and hours, the shifts they are
// on (for a task about a family: its first names, the children's ages and what the task needs, the
// address while it is to be done), the shifts done, the open shifts of their branch to sign up for,
// and their own certificate's scan and signed agreement (to read).
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MyTask } from '../../domain/volunteers/contracts.js';
import { formatAge, formatDate, formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { EmptyState } from '../app/states.js';
import { AttachmentsPanel } from '../files/AttachmentsPanel.js';
import { QueryState } from '../mentoring/scaffold.js';
import { volunteerKeys, volunteersApi } from './api.js';

function TaskCard({ task, action }: { task: MyTask; action?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="volunteer-task">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>{task.title}</Text>
          <Badge variant="light">{t(`volunteers.kinds.${task.kind}`)}</Badge>
        </Group>
        <Text size="sm">
          {formatDateTime(task.startsAt)} — {formatDateTime(task.endsAt)}
        </Text>
        {task.needs && <Text size="sm">{task.needs}</Text>}
        {task.address && <Text size="sm">{task.address}</Text>}
        {task.family && (
          <Text size="sm">
            {t('volunteers.mine.family')}:{' '}
            {task.family.people.map((p) => (p.child && p.age ? `${p.firstName} (${formatAge(t, p.age)})` : p.firstName)).join(', ')}
          </Text>
        )}
        {task.onHold && (
          <Badge color="red" variant="light">
            {t('volunteers.mine.onHold')}
          </Badge>
        )}
        {task.status && task.status !== 'signed_up' && (
          <Text size="sm" c="dimmed">
            {t(`volunteers.signupStatuses.${task.status}`)}
            {task.hours !== null && ` · ${task.hours} ${t('volunteers.fields.hours').toLowerCase()}`}
          </Text>
        )}
        {action}
      </Stack>
    </Card>
  );
}

export function MyShiftsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mine = useQuery({ queryKey: volunteerKeys.mine, queryFn: volunteersApi.mine });
  const open = useQuery({ queryKey: volunteerKeys.open, queryFn: volunteersApi.open });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: volunteerKeys.mine });
    await client.invalidateQueries({ queryKey: volunteerKeys.open });
  };
  const signUp = useMutation({
    mutationFn: (taskId: string) => volunteersApi.signUp(taskId),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await refresh();
    },
    onError: (error) => notifications.show({ color: 'red', message: (error as Error).message }),
  });
  const withdraw = useMutation({ mutationFn: (signupId: string) => volunteersApi.withdraw(signupId), onSuccess: refresh });
  return (
    <Page title={t('volunteers.mine.title')}>
      <QueryState query={mine}>
        {(m) =>
          !m.volunteer ? (
            <EmptyState>{t('volunteers.mine.noRecord')}</EmptyState>
          ) : (
            <Stack gap="md">
              <Group gap="md">
                <Text data-testid="my-hours">{t('volunteers.mine.hours', { total: m.hours.total, year: m.hours.thisYear })}</Text>
                {m.volunteer.certificateValidUntil ? (
                  <Text size="sm">{t('volunteers.mine.certificate', { date: formatDate(m.volunteer.certificateValidUntil) })}</Text>
                ) : (
                  <Alert color="yellow" p="xs">
                    {t('volunteers.mine.noCertificate')}
                  </Alert>
                )}
              </Group>
              {m.teams.length > 0 && (
                <Text size="sm">
                  {t('volunteers.mine.teams')}: {m.teams.map((team) => `${team.name} (${team.city})`).join(', ')}
                </Text>
              )}
              <Title order={2} size="h4">
                {t('volunteers.mine.upcoming')}
              </Title>
              {m.upcoming.length === 0 ? (
                <Text c="dimmed">{t('volunteers.mine.nothing')}</Text>
              ) : (
                <SimpleGrid cols={{ base: 1, md: 2 }}>
                  {m.upcoming.map((task) => (
                    <TaskCard
                      key={task.taskId}
                      task={task}
                      action={
                        <Group justify="flex-end">
                          <Button size="xs" variant="default" onClick={() => withdraw.mutate(task.signupId!)}>
                            {t('volunteers.actions.withdraw')}
                          </Button>
                        </Group>
                      }
                    />
                  ))}
                </SimpleGrid>
              )}
              <Title order={2} size="h4">
                {t('volunteers.mine.open')}
              </Title>
              <QueryState query={open} isEmpty={(d) => d.items.length === 0} empty={t('volunteers.mine.nothing')}>
                {(d) => (
                  <SimpleGrid cols={{ base: 1, md: 2 }}>
                    {d.items.map((task) => (
                      <TaskCard
                        key={task.taskId}
                        task={task}
                        action={
                          <Group justify="space-between">
                            <Text size="sm">{t('volunteers.board.taken', { taken: task.taken, places: task.places })}</Text>
                            <Button size="xs" onClick={() => signUp.mutate(task.taskId)} loading={signUp.isPending}>
                              {t('volunteers.actions.signUp')}
                            </Button>
                          </Group>
                        }
                      />
                    ))}
                  </SimpleGrid>
                )}
              </QueryState>
              <Title order={2} size="h4">
                {t('volunteers.mine.documents')}
              </Title>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <AttachmentsPanel ownerKind="volunteer_certificate" ownerId={m.volunteer.id} title={t('volunteers.files.certificate')} />
                <AttachmentsPanel ownerKind="volunteer_agreement" ownerId={m.volunteer.id} title={t('volunteers.files.agreement')} />
              </SimpleGrid>
              <Title order={2} size="h4">
                {t('volunteers.mine.past')}
              </Title>
              {m.past.length === 0 ? (
                <Text c="dimmed">{t('volunteers.mine.nothing')}</Text>
              ) : (
                <SimpleGrid cols={{ base: 1, md: 2 }}>
                  {m.past.map((task) => (
                    <TaskCard key={task.taskId} task={task} />
                  ))}
                </SimpleGrid>
              )}
            </Stack>
          )
        }
      </QueryState>
    </Page>
  );
}
