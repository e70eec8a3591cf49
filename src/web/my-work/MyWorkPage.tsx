// "My work": what the signed-in staff member has to do — across their cases plan tasks overdue and due
// this week (marked done in one click), plan reviews due, first plans due, assessments due, each
// linking to its case; for the volunteer coordinator the volunteers' certificates ending or ended and
// the child-related shifts they put on hold, each linking to the volunteer's card. Every staff role
// has the page; each section shows only with its permission (domain/plans/my-work.ts), so a
// volunteer coordinator without casework sees the reminders and no empty case sections.
import type { ReactNode } from 'react';
import { ActionIcon, Badge, Card, Group, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { CaseLink, ReferralLink } from '../cases/links.js';
import { planKeys, plansApi, type MyWork } from '../plans/api.js';
import { useTaskStatus } from '../plans/CasePlanPanel.js';
import { TASK_STATUS_COLOR } from '../plans/labels.js';
import { MentorConcerns } from '../mentoring/CaseMentoring.js';
import { BreakGlassAlerts } from '../breakglass/BreakGlass.js';
import { BreachReminders } from '../breaches/BreachReminders.js';
import { VolunteerLink } from '../volunteers/links.js';
import { useCan } from '../app/session.js';
import { MY_WORK_SECTIONS } from '../../domain/plans/my-work.js';

function Section({
  title,
  count,
  color,
  children,
  testId,
}: {
  title: string;
  count: number;
  color: string;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component="section" aria-label={title} data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        <Badge color={count > 0 ? color : 'gray'} variant={count > 0 ? 'filled' : 'light'}>
          {count}
        </Badge>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('myWork.nothing')}
        </Text>
      ) : (
        <Stack gap={6}>{children}</Stack>
      )}
    </Card>
  );
}

function TaskItem({ item, overdue }: { item: MyWork['tasksOverdue'][number]; overdue: boolean }) {
  const { t } = useTranslation();
  const status = useTaskStatus();
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start" data-task={item.task.title}>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500}>
          {item.task.title}
        </Text>
        <Text size="xs" c="dimmed">
          <CaseLink caseId={item.caseId} size="xs">
            {item.familyName}
          </CaseLink>{' '}
          · {item.goalTitle}
        </Text>
        <Group gap={6}>
          <Text size="xs" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
            {t('myWork.dueOn', { date: formatDate(item.task.dueOn) })}
          </Text>
          <Badge size="xs" variant="light" color={TASK_STATUS_COLOR[item.task.status]}>
            {t(`plans.taskStatuses.${item.task.status}`)}
          </Badge>
        </Group>
      </Stack>
      <Tooltip label={t('plans.markDone')}>
        <ActionIcon
          variant="light"
          color="green"
          size="lg"
          loading={status.isPending}
          aria-label={t('plans.markDoneOf', { title: item.task.title })}
          onClick={() => status.mutate({ planId: item.planId, task: item.task, status: 'done' })}
        >
          <IconCheck size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

function CaseItem({ caseId, familyName, detail, urgent }: { caseId: string; familyName: string; detail: string; urgent?: boolean }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <CaseLink caseId={caseId} size="sm" fw={500}>
        {familyName}
      </CaseLink>
      <Text size="xs" c={urgent ? 'red' : 'dimmed'} fw={urgent ? 600 : undefined} ta="right">
        {detail}
      </Text>
    </Group>
  );
}

/** The sections of the caller's cases (for holders of cases.read). */
function CaseSections({ work: w, today }: { work: MyWork; today: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Section title={t('myWork.tasksOverdue')} count={w.tasksOverdue.length} color="red" testId="work-overdue">
        {w.tasksOverdue.map((item) => (
          <TaskItem key={item.task.id} item={item} overdue />
        ))}
      </Section>
      <Section title={t('myWork.tasksThisWeek')} count={w.tasksThisWeek.length} color="blue" testId="work-week">
        {w.tasksThisWeek.map((item) => (
          <TaskItem key={item.task.id} item={item} overdue={false} />
        ))}
      </Section>
      <Section title={t('myWork.firstPlansDue')} count={w.firstPlansDue.length} color="orange" testId="work-first-plans">
        {w.firstPlansDue.map((item) => (
          <CaseItem
            key={item.caseId}
            caseId={item.caseId}
            familyName={item.familyName}
            urgent={item.overdue}
            detail={t(item.overdue ? 'myWork.overdueSince' : 'myWork.dueOn', { date: formatDate(item.dueOn) })}
          />
        ))}
      </Section>
      <Section title={t('myWork.reviewsDue')} count={w.reviewsDue.length} color="orange" testId="work-reviews">
        {w.reviewsDue.map((item) => (
          <CaseItem
            key={item.planId}
            caseId={item.caseId}
            familyName={item.familyName}
            urgent={item.nextReviewOn < today}
            detail={t('myWork.reviewOn', { date: formatDate(item.nextReviewOn) })}
          />
        ))}
      </Section>
      <Section title={t('myWork.assessmentsDue')} count={w.assessmentsDue.length} color="violet" testId="work-assessments">
        {w.assessmentsDue.map((item) => (
          <CaseItem
            key={`${item.caseId}:${item.templateCode}`}
            caseId={item.caseId}
            familyName={item.familyName}
            urgent={item.dueOn < today}
            detail={`${item.templateName} · ${t('myWork.dueOn', { date: formatDate(item.dueOn) })}`}
          />
        ))}
      </Section>
    </>
  );
}

export function MyWorkPage() {
  const { t } = useTranslation();
  const can = useCan();
  const caseWork = can(MY_WORK_SECTIONS.cases);
  const work = useQuery({ queryKey: planKeys.myWork, queryFn: plansApi.myWork });
  if (work.isPending)
    return (
      <Page title={t('myWork.title')}>
        <LoadingState />
      </Page>
    );
  if (work.isError)
    return (
      <Page title={t('myWork.title')}>
        <ErrorState error={work.error} onRetry={() => void work.refetch()} />
      </Page>
    );
  const w = work.data;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Page title={t('myWork.title')}>
      <Text c="dimmed" mt={-8} size="sm">
        {t('myWork.hint')}
      </Text>
      {caseWork && <MentorConcerns />}
      <BreakGlassAlerts />
      <BreachReminders />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {caseWork && <CaseSections work={w} today={today} />}
        {w.volunteerReminders.certificates.length + w.volunteerReminders.onHold.length > 0 && (
          <Section
            title={t('volunteers.reminders.title')}
            count={w.volunteerReminders.certificates.length + w.volunteerReminders.onHold.length}
            color="yellow"
            testId="work-volunteer-certificates"
          >
            {w.volunteerReminders.certificates.map((c) => (
              <Group key={c.volunteerId} justify="space-between" gap="xs" wrap="nowrap">
                <VolunteerLink volunteerId={c.volunteerId} size="sm" fw={500}>
                  {c.name}
                </VolunteerLink>
                <Text size="xs" c={(c.daysLeft ?? -1) < 0 ? 'red' : undefined} fw={(c.daysLeft ?? -1) < 0 ? 600 : undefined} ta="right">
                  {t((c.daysLeft ?? -1) < 0 ? 'volunteers.reminders.endedOn' : 'volunteers.reminders.until', {
                    date: c.validUntil ? formatDate(c.validUntil) : '—',
                  })}
                </Text>
              </Group>
            ))}
            {w.volunteerReminders.onHold.map((h) => (
              <Group key={h.signupId} justify="space-between" gap="xs" wrap="nowrap">
                <VolunteerLink volunteerId={h.volunteerId} size="sm" fw={500}>
                  {h.volunteerName}
                </VolunteerLink>
                <Text size="xs" c="red" ta="right">
                  {t('volunteers.reminders.shiftOnHold', { title: h.title, date: formatDateTime(h.startsAt) })}
                </Text>
              </Group>
            ))}
          </Section>
        )}
        {w.signpostFollowUps.length > 0 && (
          <Section
            title={t('partners.referral.followUpsDue')}
            count={w.signpostFollowUps.length}
            color="teal"
            testId="work-signpost-follow-ups"
          >
            {w.signpostFollowUps.map((item) => (
              <Group key={item.referralId} justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0}>
                  <ReferralLink referralId={item.referralId}>{item.clientName}</ReferralLink>
                  {item.partnerName && (
                    <Text size="xs" c="dimmed">
                      {item.partnerName}
                    </Text>
                  )}
                </Stack>
                <Text size="sm" c={item.overdue ? 'red' : undefined}>
                  {formatDate(item.followUpOn)}
                  {item.overdue && ` · ${t('partners.referral.followUpOverdue')}`}
                </Text>
              </Group>
            ))}
          </Section>
        )}
      </SimpleGrid>
    </Page>
  );
}
