// Reviewing the plan with the team and the mother (date, who took part, what was agreed, the next
// review), and looking back at a review: the plan as it was on that day and what had changed.
import { useState } from 'react';
import { Badge, Button, Card, Group, List, Modal, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ReviewInput, type PlanView } from '../../domain/plans/contracts.js';
import { addDays } from '../../domain/plans/progress.js';
import { isApiError, newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { localFieldErrors } from '../app/forms.js';
import { ErrorState, FormError, LoadingState } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { staffNames, useStaff } from '../cases/queries.js';
import { planKeys, plansApi } from './api.js';
import { describeChange, GOAL_STATUS_COLOR, responsibleText, TASK_STATUS_COLOR, today, useDomainTitles } from './labels.js';
import { ParticipantsField, type ParticipantValue } from './ParticipantsField.js';
import { PlanProgressBar } from './PlanProgressBar.js';

function ReviewForm({ plan, onDone }: { plan: PlanView; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [reviewedOn, setReviewedOn] = useState(today);
  const [participants, setParticipants] = useState<ParticipantValue[]>(plan.participants);
  const [summary, setSummary] = useState('');
  const [nextReviewOn, setNextReviewOn] = useState(() => addDays(today(), 90));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => plansApi.review(plan.id, { reviewedOn, participants, summary, nextReviewOn }, idempotencyKey),
    onSuccess: async (saved) => {
      client.setQueryData(planKeys.ofCase(plan.caseId), (old: { firstPlan: unknown } | undefined) => (old ? { ...old, plan: saved } : old));
      notifications.show({ color: 'green', message: t('plans.reviewSaved') });
      onDone();
      await Promise.all([
        client.invalidateQueries({ queryKey: planKeys.ofCase(plan.caseId) }),
        client.invalidateQueries({ queryKey: caseKeys.one(plan.caseId) }),
        client.invalidateQueries({ queryKey: planKeys.myWork }),
      ]);
    },
    onError: (error) => {
      if (isApiError(error)) setErrors(Object.fromEntries(error.fields.map((f) => [f.path, f.message])));
    },
  });
  const submit = () => {
    const result = ReviewInput.safeParse({ reviewedOn, participants, summary, nextReviewOn });
    const found: Record<string, string> = {};
    if (!result.success) for (const f of localFieldErrors(result.error.issues)) found[f.path] ??= f.message;
    if (nextReviewOn && reviewedOn && nextReviewOn < reviewedOn) found.nextReviewOn ??= t('validation.before_start');
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <PlanProgressBar progress={plan.progress} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            type="date"
            label={t('plans.reviewedOn')}
            withAsterisk
            value={reviewedOn}
            max={today()}
            onChange={(e) => setReviewedOn(e.currentTarget.value)}
            error={errors.reviewedOn}
          />
          <TextInput
            type="date"
            label={t('plans.nextReviewOn')}
            withAsterisk
            value={nextReviewOn}
            onChange={(e) => setNextReviewOn(e.currentTarget.value)}
            error={errors.nextReviewOn}
          />
        </SimpleGrid>
        <ParticipantsField
          value={participants}
          onChange={setParticipants}
          error={errors.participants}
          itemError={(i, field) => errors[`participants.${i}.${field}`]}
        />
        <Textarea
          label={t('plans.reviewSummary')}
          description={t('plans.reviewSummaryHint')}
          withAsterisk
          autosize
          minRows={3}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={errors.summary}
        />
        <FormError error={isApiError(save.error) && save.error.fields.length > 0 ? null : save.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('plans.saveReview')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ReviewFormModal({ plan, opened, onClose }: { plan: PlanView; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('plans.reviewTitle')} size="lg" fullScreen={mobile} closeOnClickOutside={false}>
      {opened && <ReviewForm plan={plan} onDone={onClose} />}
    </Modal>
  );
}

/** The plan as it was: goals and tasks with their statuses then. */
export function PlanSnapshot({ plan }: { plan: Pick<PlanView, 'desiredFuture' | 'goals' | 'startOn' | 'nextReviewOn' | 'progress'> }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const names = staffNames(staff.data);
  const domains = useDomainTitles();
  return (
    <Stack gap="xs">
      <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
        «{plan.desiredFuture}»
      </Text>
      <PlanProgressBar progress={plan.progress} />
      {plan.goals.map((goal) => (
        <Card key={goal.id} withBorder padding="xs">
          <Group gap="xs" mb={4}>
            <Badge size="xs" variant="outline">
              {domains.title(goal.domain)}
            </Badge>
            <Text size="sm" fw={600}>
              {goal.title}
            </Text>
            <Badge size="xs" variant="light" color={GOAL_STATUS_COLOR[goal.status]}>
              {t(`plans.goalStatuses.${goal.status}`)}
            </Badge>
          </Group>
          <List size="sm" spacing={2}>
            {goal.tasks.map((task) => (
              <List.Item key={task.id}>
                {task.title} · {responsibleText(t, task, names)} · {formatDate(task.dueOn)}{' '}
                <Badge size="xs" variant="light" color={TASK_STATUS_COLOR[task.status]}>
                  {t(`plans.taskStatuses.${task.status}`)}
                </Badge>
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
    </Stack>
  );
}

function ReviewDetails({ planId, reviewId }: { planId: string; reviewId: string }) {
  const { t } = useTranslation();
  const review = useQuery({ queryKey: planKeys.review(planId, reviewId), queryFn: () => plansApi.getReview(planId, reviewId) });
  if (review.isPending) return <LoadingState />;
  if (review.isError) return <ErrorState error={review.error} onRetry={() => void review.refetch()} />;
  const r = review.data;
  return (
    <Stack gap="sm" data-testid="review-details">
      <Text size="sm" c="dimmed">
        {formatDate(r.reviewedOn)} · {r.by} · {r.participants.map((p) => p.name).join(', ')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {r.summary}
      </Text>
      <Card withBorder padding="xs">
        <Title order={5} mb={4}>
          {t('plans.whatChanged')}
        </Title>
        {r.changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('plans.changes.none')}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {r.changes.map((line, i) => (
              <List.Item key={i}>{describeChange(t, line)}</List.Item>
            ))}
          </List>
        )}
      </Card>
      <Title order={5}>{t('plans.asItWas', { date: formatDate(r.reviewedOn) })}</Title>
      <PlanSnapshot plan={r.snapshot} />
    </Stack>
  );
}

export function ReviewDetailsModal({ planId, reviewId, onClose }: { planId: string; reviewId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={reviewId !== null} onClose={onClose} title={t('plans.reviewOf')} size="lg" fullScreen={mobile}>
      {reviewId && <ReviewDetails planId={planId} reviewId={reviewId} />}
    </Modal>
  );
}
