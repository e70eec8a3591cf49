// The individual support plan on the case page: the first-plan deadline, progress, the mother's own
// words for the future she wants, goals with their tasks (status changed in one click), reviews, and
// the printable document to go through with her and sign.
import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Blockquote,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChevronDown, IconClipboardList, IconEdit, IconPrinter, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import { TASK_STATUSES, type PlanView, type TaskStatus, type TaskView } from '../../domain/plans/contracts.js';
import { ApiError, isApiError } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { currentLanguage, i18n } from '../app/i18n.js';
import { EmptyState, ErrorState, errorMessage, FormError, LoadingState } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { staffNames, useStaff } from '../cases/queries.js';
import { planKeys, plansApi, type CasePlan, type FirstPlanDeadline } from './api.js';
import { FIRST_PLAN_COLOR, GOAL_STATUS_COLOR, isOverdue, responsibleText, TASK_STATUS_COLOR, today, useDomainTitles } from './labels.js';
import { PlanEditorModal } from './PlanEditor.js';
import { PlanProgressBar } from './PlanProgressBar.js';
import { ReviewDetailsModal, ReviewFormModal } from './ReviewModals.js';

/** After a task's status is saved: the plan, the case page and "My work" follow. */
function useAfterTaskSaved() {
  const { t } = useTranslation();
  const client = useQueryClient();
  return async (saved: PlanView, status: TaskStatus) => {
    client.setQueryData(planKeys.ofCase(saved.caseId), (old: CasePlan | undefined) => (old ? { ...old, plan: saved } : old));
    notifications.show({ color: 'green', message: t('plans.taskStatusSaved', { status: t(`plans.taskStatuses.${status}`) }) });
    await Promise.all([
      client.invalidateQueries({ queryKey: planKeys.myWork }),
      client.invalidateQueries({ queryKey: caseKeys.one(saved.caseId) }),
      client.invalidateQueries({ queryKey: planKeys.ofCase(saved.caseId) }),
    ]);
  };
}

/** Changes one task's status (from the plan or from "My work"); a stale task version is a conflict. */
export function useTaskStatus() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const afterSaved = useAfterTaskSaved();
  return useMutation({
    mutationFn: ({ planId, task, status }: { planId: string; task: Pick<TaskView, 'id' | 'version'>; status: TaskStatus }) =>
      plansApi.setTaskStatus(planId, task.id, { status, version: task.version }),
    onSuccess: (saved, { status }) => afterSaved(saved, status),
    onError: async (error, { planId }) => {
      notifications.show({
        color: isApiError(error, 'conflict') ? 'yellow' : 'red',
        message: errorMessage(error, t('errors.internal', { requestId: '—' })),
      });
      await client.invalidateQueries({ queryKey: planKeys.myWork });
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'plans' && q.queryKey.includes(planId) });
    },
  });
}

/**
 * A task marked done on the day it was done, when that was before today (typed in after the fact).
 * Not in the future (checked here and by the server), not before the case (the server's field error
 * shows under the date).
 */
function DoneOnModal({ plan, task, onClose }: { plan: PlanView; task: TaskView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const afterSaved = useAfterTaskSaved();
  const [day, setDay] = useState(today());
  const save = useMutation({
    mutationFn: (completedOn: string) => plansApi.setTaskStatus(plan.id, task!.id, { status: 'done', completedOn, version: task!.version }),
    onSuccess: async (saved) => {
      onClose();
      await afterSaved(saved, 'done');
    },
  });
  const local = day > today() ? t('validation.date_in_future') : day === '' ? t('validation.required') : null;
  const remote = isApiError(save.error) ? save.error.fields.find((field) => field.path === 'completedOn')?.message : undefined;
  return (
    <Modal opened={task !== null} onClose={onClose} title={t('casePage.dates.doneOnTitle')}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!local) save.mutate(day);
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{task?.title}</Text>
          <TextInput
            type="date"
            label={t('casePage.dates.completedOn')}
            withAsterisk
            max={today()}
            value={day}
            onChange={(event) => setDay(event.currentTarget.value)}
            error={local ?? remote}
          />
          {save.error && !remote && <FormError error={save.error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function FirstPlanBadge({ firstPlan }: { firstPlan: FirstPlanDeadline }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={FIRST_PLAN_COLOR[firstPlan.state]}
      variant="light"
      data-testid="first-plan"
      data-state={firstPlan.state}
      // Long in Russian: let it wrap on a phone instead of pushing the page sideways.
      styles={{ root: { maxWidth: '100%', height: 'auto' }, label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'left' } }}
    >
      {t(`plans.firstPlan.${firstPlan.state}`, {
        date: formatDate(firstPlan.dueOn),
        met: firstPlan.metOn ? formatDate(firstPlan.metOn) : '',
      })}
    </Badge>
  );
}

/** Downloads the plan as a DOCX through fetch, so a refusal shows as a message, not as a broken file. */
async function downloadPlan(plan: PlanView): Promise<void> {
  const response = await fetch(plansApi.exportUrl(plan.id), {
    credentials: 'same-origin',
    headers: { 'accept-language': currentLanguage() },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { kind?: string; id?: string; message?: string } } | null;
    throw new ApiError(
      response.status,
      'internal',
      body?.error?.id ?? 'errors.internal',
      body?.error?.message ?? i18n.t('errors.internal', { requestId: '—' }),
    );
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `plan-${plan.startOn}.docx`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function TaskRow({ plan, task, staff }: { plan: PlanView; task: TaskView; staff: Map<string, string> }) {
  const { t } = useTranslation();
  const status = useTaskStatus();
  const [doneOn, setDoneOn] = useState(false);
  const overdue = isOverdue(task);
  return (
    <Table.Tr data-task={task.title}>
      <Table.Td>
        <Text size="sm" td={task.status === 'cancelled' ? 'line-through' : undefined}>
          {task.title}
        </Text>
        {task.note && (
          <Text size="xs" c="dimmed">
            {task.note}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{responsibleText(t, task, staff)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
          {formatDate(task.dueOn)}
        </Text>
        {task.status === 'done' && task.completedOn && (
          <Text size="xs" c="dimmed" data-testid="task-completed-on">
            {t('casePage.dates.completedOn')}: {formatDate(task.completedOn)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Menu position="bottom-end">
            <Menu.Target>
              <Button
                size="compact-xs"
                variant="light"
                color={TASK_STATUS_COLOR[task.status]}
                rightSection={<IconChevronDown size={12} />}
                aria-label={t('plans.changeStatusOf', { title: task.title })}
                loading={status.isPending}
              >
                {t(`plans.taskStatuses.${task.status}`)}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {TASK_STATUSES.filter((s) => s !== task.status).map((s) => (
                <Menu.Item key={s} onClick={() => status.mutate({ planId: plan.id, task, status: s })}>
                  {t(`plans.taskStatuses.${s}`)}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item onClick={() => setDoneOn(true)}>{t('casePage.dates.doneOn')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <DoneOnModal plan={plan} task={doneOn ? task : null} onClose={() => setDoneOn(false)} />
          {task.status !== 'done' && task.status !== 'cancelled' && (
            <Tooltip label={t('plans.markDone')}>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="green"
                aria-label={t('plans.markDoneOf', { title: task.title })}
                onClick={() => status.mutate({ planId: plan.id, task, status: 'done' })}
              >
                <IconCheck size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function PlanDetails({ detail, plan }: { detail: CaseDetail; plan: PlanView }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const names = new Map([...staffNames(staff.data), ...detail.case.team.map((m) => [m.userId, m.name] as const)]);
  const domains = useDomainTitles();
  const [reviewId, setReviewId] = useState<string | null>(null);
  const reviewDue = plan.nextReviewOn <= today();
  return (
    <Stack gap="sm">
      <PlanProgressBar progress={plan.progress} />
      <Blockquote p="sm" color="teal" cite={t('plans.desiredFuture')} data-testid="desired-future">
        {plan.desiredFuture}
      </Blockquote>
      <Group gap="md">
        <Text size="sm" data-testid="plan-made-on">
          <Text span c="dimmed" size="sm">
            {t('casePage.dates.madeOn')}:{' '}
          </Text>
          {formatDate(plan.madeOn)}
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t('plans.startOn')}:{' '}
          </Text>
          {formatDate(plan.startOn)}
        </Text>
        <Text size="sm" c={reviewDue ? 'red' : undefined} fw={reviewDue ? 600 : undefined}>
          <Text span c="dimmed" size="sm">
            {t('plans.nextReviewOn')}:{' '}
          </Text>
          {formatDate(plan.nextReviewOn)}
        </Text>
      </Group>
      <Text size="sm">
        <Text span c="dimmed" size="sm">
          {t('plans.participants')}:{' '}
        </Text>
        {plan.participants.map((p) => `${p.name} (${t(`plans.participantKinds.${p.kind}`)})`).join(', ')}
      </Text>
      {plan.goals.length === 0 && <EmptyState>{t('plans.noGoals')}</EmptyState>}
      {plan.goals.map((goal) => (
        <Card key={goal.id} withBorder padding="sm" component="section" aria-label={goal.title}>
          <Group gap="xs" mb={6} justify="space-between">
            <Group gap="xs">
              <Badge variant="outline" size="sm">
                {domains.title(goal.domain)}
              </Badge>
              <Text fw={600}>{goal.title}</Text>
            </Group>
            <Badge variant="light" color={GOAL_STATUS_COLOR[goal.status]}>
              {t(`plans.goalStatuses.${goal.status}`)}
            </Badge>
          </Group>
          {goal.tasks.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('plans.noTasks')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('plans.taskTitle')}</Table.Th>
                    <Table.Th>{t('plans.responsible')}</Table.Th>
                    <Table.Th>{t('plans.dueOn')}</Table.Th>
                    <Table.Th>{t('plans.taskStatus')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {goal.tasks.map((task) => (
                    <TaskRow key={task.id} plan={plan} task={task} staff={names} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      ))}
      <Card withBorder padding="sm" component="section" aria-label={t('plans.reviews')}>
        <Title order={5} mb={6}>
          {t('plans.reviews')}
        </Title>
        {plan.reviews.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('plans.noReviews')}
          </Text>
        ) : (
          <Stack gap={4}>
            {[...plan.reviews].reverse().map((r) => (
              <Group key={r.id} gap="xs" wrap="nowrap" align="flex-start">
                <Button size="compact-sm" variant="subtle" style={{ flexShrink: 0 }} onClick={() => setReviewId(r.id)}>
                  {formatDate(r.reviewedOn)}
                </Button>
                <Text size="sm" lineClamp={2}>
                  {r.by} — {r.summary}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
      <ReviewDetailsModal planId={plan.id} reviewId={reviewId} onClose={() => setReviewId(null)} />
    </Stack>
  );
}

export function CasePlanPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const caseId = detail.case.id;
  const query = useQuery({ queryKey: planKeys.ofCase(caseId), queryFn: () => plansApi.ofCase(caseId) });
  const [editing, setEditing] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const print = useMutation({
    mutationFn: downloadPlan,
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t('errors.internal', { requestId: '—' })) }),
  });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { plan, firstPlan } = query.data;
  const closed = detail.case.status === 'closed';
  return (
    <Stack gap="sm" data-testid="case-plan">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Title order={4}>{t('plans.title')}</Title>
          <FirstPlanBadge firstPlan={firstPlan} />
        </Group>
        {plan && (
          <Group gap="xs">
            {!closed && (
              <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} onClick={() => setEditing(true)}>
                {t('plans.edit')}
              </Button>
            )}
            {!closed && (
              <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => setReviewing(true)}>
                {t('plans.review')}
              </Button>
            )}
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPrinter size={14} />}
              loading={print.isPending}
              onClick={() => print.mutate(plan)}
            >
              {t('plans.print')}
            </Button>
          </Group>
        )}
      </Group>
      {plan ? (
        <PlanDetails detail={detail} plan={plan} />
      ) : (
        <Alert color={firstPlan.state === 'overdue' ? 'red' : 'blue'} variant="light" icon={<IconClipboardList />}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('plans.noPlanYet', { date: formatDate(firstPlan.dueOn) })}</Text>
            {!closed && (
              <Button size="xs" onClick={() => setEditing(true)}>
                {t('plans.create')}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
      <PlanEditorModal detail={detail} plan={plan} opened={editing} onClose={() => setEditing(false)} />
      {plan && <ReviewFormModal plan={plan} opened={reviewing} onClose={() => setReviewing(false)} />}
    </Stack>
  );
}
