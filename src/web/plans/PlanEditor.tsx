// Drawing up or changing the individual support plan with the mother: her own words for the future
// she wants, who took part, the dates, goals by domain (offered from the needs the latest assessment
// found) and the tasks with who does them and by when. Validated with the same schema as the server;
// a stale save (someone else changed the plan) is a conflict, nothing is overwritten.
import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBulb, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import {
  GOAL_STATUSES,
  PlanInput,
  RESPONSIBLE_KINDS,
  TASK_STATUSES,
  type GoalView,
  type PlanView,
  type TaskView,
} from '../../domain/plans/contracts.js';
import { goalTitleFromNeed } from '../../domain/plans/from-needs.js';
import { addDays } from '../../domain/plans/progress.js';
import { newIdempotencyKey } from '../app/api.js';
import { currentLanguage } from '../app/i18n.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { SaveError } from '../cases/ConflictAlert.js';
import { caseKeys } from '../cases/api.js';
import { memberLabel } from '../cases/labels.js';
import { staffOptions, useStaff } from '../cases/queries.js';
import { assessmentKeys, assessmentsApi } from '../assessments/api.js';
import { LevelBadge } from '../assessments/LevelBadge.js';
import { planKeys, plansApi } from './api.js';
import { today, useDomainTitles } from './labels.js';
import { ParticipantsField, type ParticipantValue } from './ParticipantsField.js';

type ResponsibleKind = TaskView['responsibleKind'];
interface TaskValues {
  key: string;
  id?: string;
  title: string;
  responsibleKind: ResponsibleKind;
  responsibleUserId: string | null;
  responsibleName: string;
  dueOn: string;
  status: TaskView['status'];
  note: string;
  /** The day a done task was done; '' while it is not done. */
  completedOn: string;
}
interface GoalValues {
  key: string;
  id?: string;
  domain: string;
  title: string;
  status: GoalView['status'];
  fromAssessmentId: string | null;
  tasks: TaskValues[];
}
interface Values {
  desiredFuture: string;
  participants: ParticipantValue[];
  /** The day the plan was made with the mother (the first-plan deadline is judged on it). */
  madeOn: string;
  startOn: string;
  nextReviewOn: string;
  goals: GoalValues[];
}

let counter = 0;
const newKey = () => `k${++counter}`;

function valuesOf(plan: PlanView): Values {
  return {
    desiredFuture: plan.desiredFuture,
    participants: plan.participants.map((p) => ({ kind: p.kind, name: p.name, userId: p.userId })),
    madeOn: plan.madeOn,
    startOn: plan.startOn,
    nextReviewOn: plan.nextReviewOn,
    goals: plan.goals.map((g) => ({
      key: g.id,
      id: g.id,
      domain: g.domain,
      title: g.title,
      status: g.status,
      fromAssessmentId: g.fromAssessmentId,
      tasks: g.tasks.map((task) => ({
        key: task.id,
        id: task.id,
        title: task.title,
        responsibleKind: task.responsibleKind,
        responsibleUserId: task.responsibleUserId,
        responsibleName: task.responsibleName,
        dueOn: task.dueOn,
        status: task.status,
        note: task.note,
        completedOn: task.completedOn ?? '',
      })),
    })),
  };
}

function emptyValues(detail: CaseDetail, leadName: string): Values {
  const mother = detail.family.members.find((m) => m.relation === 'mother');
  const start = today();
  return {
    desiredFuture: '',
    participants: [
      { kind: 'mother', name: mother ? memberLabel(mother) : '', userId: null },
      { kind: 'staff', name: leadName, userId: detail.case.leadId },
    ],
    madeOn: start,
    startOn: start,
    nextReviewOn: addDays(start, 90),
    goals: [],
  };
}

/** What the API takes: the form's list keys dropped, a completion day only for a done task. */
function toInput(values: Values) {
  return {
    ...values,
    goals: values.goals.map(({ key: _goalKey, tasks, ...goal }) => ({
      ...goal,
      tasks: tasks.map(({ key: _taskKey, completedOn, ...task }) => ({
        ...task,
        ...(task.status === 'done' && completedOn ? { completedOn } : {}),
      })),
    })),
  };
}

function newTask(startOn: string): TaskValues {
  return {
    key: newKey(),
    title: '',
    responsibleKind: 'mother',
    responsibleUserId: null,
    responsibleName: '',
    dueOn: addDays(startOn < today() ? today() : startOn, 14),
    status: 'planned',
    note: '',
    completedOn: '',
  };
}

/** Needs of medium or high level in the latest assessment of each template, not yet a goal. */
function useNeedSuggestions(caseId: string, goals: GoalValues[]) {
  const list = useQuery({ queryKey: assessmentKeys.ofCase(caseId), queryFn: () => assessmentsApi.ofCase(caseId) });
  const latest = new Map<string, NonNullable<typeof list.data>['items'][number]>();
  for (const a of list.data?.items ?? []) {
    const seen = latest.get(a.templateCode);
    if (!seen || a.conductedOn >= seen.conductedOn) latest.set(a.templateCode, a);
  }
  return [...latest.values()].flatMap((a) =>
    a.scores
      .filter((s) => (s.level === 'medium' || s.level === 'high') && !goals.some((g) => g.domain === s.domain))
      .sort((x, y) => (y.level === 'high' ? 1 : 0) - (x.level === 'high' ? 1 : 0))
      .map((s) => ({ assessmentId: a.id, domain: s.domain, level: s.level, score: s.score })),
  );
}

function PlanForm({ detail, plan, onDone }: { detail: CaseDetail; plan: PlanView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const caseId = detail.case.id;
  const staff = useStaff();
  const domains = useDomainTitles();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [version, setVersion] = useState(plan?.version ?? 0);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: plan ? valuesOf(plan) : emptyValues(detail, detail.case.leadName),
    validate: schemaValidator(PlanInput, toInput),
  });
  const values = form.getValues();
  const suggestions = useNeedSuggestions(caseId, values.goals);
  const save = useMutation({
    mutationFn: (v: Values) =>
      plan ? plansApi.update(plan.id, { ...toInput(v), version }) : plansApi.create(caseId, toInput(v), idempotencyKey),
    onSuccess: async (saved) => {
      client.setQueryData(planKeys.ofCase(caseId), (old: { firstPlan: unknown } | undefined) => (old ? { ...old, plan: saved } : old));
      notifications.show({ color: 'green', message: t('plans.saved') });
      onDone();
      await Promise.all([
        client.invalidateQueries({ queryKey: planKeys.ofCase(caseId) }),
        client.invalidateQueries({ queryKey: caseKeys.one(caseId) }),
        client.invalidateQueries({ queryKey: planKeys.myWork }),
      ]);
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const reload = async () => {
    const fresh = await plansApi.ofCase(caseId);
    client.setQueryData(planKeys.ofCase(caseId), fresh);
    if (!fresh.plan) return;
    setVersion(fresh.plan.version);
    form.setValues(valuesOf(fresh.plan));
    form.clearErrors();
    save.reset();
  };
  const domainOptions = [
    ...domains.options,
    ...values.goals
      .filter((g) => g.domain && !domains.options.some((o) => o.value === g.domain))
      .map((g) => ({ value: g.domain, label: g.domain })),
  ];
  const addGoal = (goal: Partial<GoalValues> = {}) =>
    form.insertListItem('goals', {
      key: newKey(),
      domain: '',
      title: '',
      status: 'open',
      fromAssessmentId: null,
      tasks: [newTask(values.startOn)],
      ...goal,
    });
  /** A goal from a need; the domain's particular matters chosen in the assessment (divorce, alimony…) name it. */
  const addGoalFromNeed = async (need: { domain: string; assessmentId: string }) => {
    let title = domains.title(need.domain);
    try {
      const assessment = await client.fetchQuery({
        queryKey: assessmentKeys.one(need.assessmentId),
        queryFn: () => assessmentsApi.get(need.assessmentId),
      });
      const domain = assessment.template.domains.find((d) => d.code === need.domain);
      if (domain) title = goalTitleFromNeed(domain, assessment.answers, currentLanguage());
    } catch {
      // The domain's title is enough when the assessment cannot be read just now.
    }
    addGoal({ domain: need.domain, title, fromAssessmentId: need.assessmentId });
  };
  const err = (path: string) => form.errors[path] as string | undefined;

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="md">
        <Textarea
          label={t('plans.desiredFuture')}
          description={t('plans.desiredFutureHint')}
          withAsterisk
          autosize
          minRows={3}
          {...form.getInputProps('desiredFuture')}
        />
        <ParticipantsField
          value={values.participants}
          onChange={(next) => {
            form.setFieldValue('participants', next);
            form.clearFieldError('participants');
          }}
          error={err('participants')}
          itemError={(i, field) => err(`participants.${i}.${field}`)}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {/* Typed in after the fact, the plan keeps the day it was made: not in the future (checked
              here and by the server), not before the case (the server's field error shows here). */}
          <TextInput
            type="date"
            label={t('casePage.dates.madeOn')}
            description={t('casePage.dates.madeOnHint')}
            withAsterisk
            max={today()}
            {...form.getInputProps('madeOn')}
          />
          <TextInput type="date" label={t('plans.startOn')} withAsterisk {...form.getInputProps('startOn')} />
          <TextInput type="date" label={t('plans.nextReviewOn')} withAsterisk {...form.getInputProps('nextReviewOn')} />
        </SimpleGrid>
        <Divider />
        <Group justify="space-between">
          <Title order={4}>{t('plans.goals')}</Title>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => addGoal()}>
            {t('plans.addGoal')}
          </Button>
        </Group>
        {suggestions.length > 0 && (
          <Card withBorder padding="xs" bg="var(--mantine-color-yellow-light)" data-testid="need-suggestions">
            <Group gap={6} mb={6}>
              <IconBulb size={16} />
              <Text size="sm" fw={500}>
                {t('plans.fromNeeds')}
              </Text>
            </Group>
            <Group gap={6}>
              {suggestions.map((s) => (
                <Button
                  key={s.domain}
                  size="compact-sm"
                  variant="default"
                  leftSection={<IconPlus size={12} />}
                  rightSection={<LevelBadge level={s.level} size="xs" />}
                  onClick={() => void addGoalFromNeed(s)}
                >
                  {domains.title(s.domain)}
                </Button>
              ))}
            </Group>
          </Card>
        )}
        {values.goals.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('plans.noGoals')}
          </Text>
        )}
        {values.goals.map((goal, gi) => (
          <Card
            key={goal.key}
            withBorder
            padding="sm"
            component="fieldset"
            aria-label={t('plans.goalN', { n: gi + 1 })}
            style={{ minWidth: 0 }}
          >
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text component="div" fw={600} size="sm">
                  {t('plans.goalN', { n: gi + 1 })}
                  {goal.fromAssessmentId && (
                    <Badge ml={6} size="xs" variant="light" color="yellow">
                      {t('plans.fromAssessment')}
                    </Badge>
                  )}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('plans.removeGoal')}
                  onClick={() => form.removeListItem('goals', gi)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                <Select
                  label={t('plans.domain')}
                  withAsterisk
                  data={domainOptions}
                  searchable
                  {...form.getInputProps(`goals.${gi}.domain`)}
                />
                <TextInput label={t('plans.goalTitle')} withAsterisk {...form.getInputProps(`goals.${gi}.title`)} />
                <Select
                  label={t('plans.goalStatus')}
                  data={GOAL_STATUSES.map((s) => ({ value: s, label: t(`plans.goalStatuses.${s}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps(`goals.${gi}.status`)}
                />
              </SimpleGrid>
              {goal.tasks.map((task, ti) => {
                const path = `goals.${gi}.tasks.${ti}`;
                return (
                  <Card
                    key={task.key}
                    withBorder
                    padding="xs"
                    bg="var(--mantine-color-default-hover)"
                    aria-label={t('plans.taskN', { n: ti + 1 })}
                    component="fieldset"
                    style={{ minWidth: 0 }}
                  >
                    <Stack gap={6}>
                      <Group gap="xs" wrap="nowrap" align="flex-end">
                        <TextInput label={t('plans.taskTitle')} withAsterisk style={{ flex: 1 }} {...form.getInputProps(`${path}.title`)} />
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          mb={4}
                          aria-label={t('plans.removeTask')}
                          onClick={() => form.removeListItem(`goals.${gi}.tasks`, ti)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
                        <Select
                          label={t('plans.responsible')}
                          withAsterisk
                          allowDeselect={false}
                          data={RESPONSIBLE_KINDS.map((k) => ({ value: k, label: t(`plans.responsibleKinds.${k}`) }))}
                          {...form.getInputProps(`${path}.responsibleKind`)}
                          onChange={(kind) => {
                            form.setFieldValue(`${path}.responsibleKind`, (kind ?? 'mother') as ResponsibleKind);
                            form.setFieldValue(`${path}.responsibleUserId`, null);
                          }}
                        />
                        {task.responsibleKind === 'staff' ? (
                          <Select
                            label={t('plans.staffMember')}
                            withAsterisk
                            data={staffOptions(staff.data)}
                            searchable
                            {...form.getInputProps(`${path}.responsibleUserId`)}
                          />
                        ) : task.responsibleKind === 'mother' ? (
                          <div />
                        ) : (
                          <TextInput label={t('plans.responsibleName')} withAsterisk {...form.getInputProps(`${path}.responsibleName`)} />
                        )}
                        <TextInput type="date" label={t('plans.dueOn')} withAsterisk {...form.getInputProps(`${path}.dueOn`)} />
                        <Select
                          label={t('plans.taskStatus')}
                          allowDeselect={false}
                          data={TASK_STATUSES.map((s) => ({ value: s, label: t(`plans.taskStatuses.${s}`) }))}
                          {...form.getInputProps(`${path}.status`)}
                          onChange={(next) => {
                            const status = (next ?? 'planned') as TaskView['status'];
                            form.setFieldValue(`${path}.status`, status);
                            if (status === 'done' && !task.completedOn) form.setFieldValue(`${path}.completedOn`, today());
                          }}
                        />
                        {task.status === 'done' && (
                          <TextInput
                            type="date"
                            label={t('casePage.dates.completedOn')}
                            withAsterisk
                            max={today()}
                            {...form.getInputProps(`${path}.completedOn`)}
                          />
                        )}
                      </SimpleGrid>
                      <TextInput label={t('plans.taskNote')} {...form.getInputProps(`${path}.note`)} />
                    </Stack>
                  </Card>
                );
              })}
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                style={{ alignSelf: 'flex-start' }}
                onClick={() => form.insertListItem(`goals.${gi}.tasks`, newTask(values.startOn))}
              >
                {t('plans.addTask')}
              </Button>
            </Stack>
          </Card>
        ))}
        <SaveError error={save.error} onReload={() => void reload()} conflictMessage={t('plans.conflict')} />
        {Object.keys(form.errors).length > 0 && (
          <Text size="sm" c="red" role="alert">
            {t('plans.fixErrors')}
          </Text>
        )}
        <Group justify="flex-end" gap="xs" pos="sticky" bottom={0} py="xs" bg="var(--mantine-color-body)" style={{ zIndex: 3 }}>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {plan ? t('plans.savePlan') : t('plans.createPlan')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PlanEditorModal({
  detail,
  plan,
  opened,
  onClose,
}: {
  detail: CaseDetail;
  plan: PlanView | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const mobile = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={plan ? t('plans.editTitle') : t('plans.newTitle')}
      size="xl"
      fullScreen={mobile}
      closeOnClickOutside={false}
    >
      {opened && <PlanForm key={plan?.id ?? 'new'} detail={detail} plan={plan} onDone={onClose} />}
    </Modal>
  );
}
