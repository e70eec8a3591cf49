// A completed assessment: scores and levels per domain, the change against the previous one of the
// same template, the answers (an amended answer shows its original beside it), the amendments with
// their reasons, and the scores over time. Correcting it adds a visible amendment, never an edit.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AssessmentView } from '../../domain/assessments/contracts.js';
import type { AnswerValue, Answers, Question } from '../../domain/assessments/template.js';
import { isApiError } from '../app/api.js';
import { formatDate, formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useMe } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { caseKeys, casesApi } from '../cases/api.js';
import { memberLabel } from '../cases/labels.js';
import { assessmentKeys, assessmentsApi } from './api.js';
import { AssessmentForm } from './AssessmentForm.js';
import { formatScore, useLocalized } from './labels.js';
import { ChangeMark, LevelBadge } from './LevelBadge.js';
import { ScoreChart } from './ScoreChart.js';

/** The answers as they stand now: the original with every amendment laid over it in order. */
export function effectiveAnswers(view: Pick<AssessmentView, 'answers' | 'amendments'>): Answers {
  return Object.assign({}, view.answers, ...view.amendments.map((a) => a.answers)) as Answers;
}

function useAnswerText() {
  const { t, i18n } = useTranslation();
  const text = useLocalized();
  return (question: Question, value: AnswerValue | undefined): string => {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return '—';
    switch (question.kind) {
      case 'scale': {
        const anchor = question.anchors.find((a) => a.value === value);
        return anchor ? `${String(value)} — ${text(anchor.label)}` : String(value);
      }
      case 'yes_no':
        return value === true ? t('common.yes') : t('common.no');
      case 'single':
        return question.options.find((o) => o.code === value)?.label[i18n.language === 'en' ? 'en' : 'ru'] ?? String(value);
      case 'multiple':
        return (Array.isArray(value) ? value : [])
          .map((code) => {
            const option = question.options.find((o) => o.code === code);
            return option ? text(option.label) : code;
          })
          .join(', ');
      case 'number':
        return formatScore(typeof value === 'number' ? value : null, i18n.language);
      case 'text':
        return String(value);
    }
  };
}

function Scores({ view }: { view: AssessmentView }) {
  const { t } = useTranslation();
  const text = useLocalized();
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table verticalSpacing={6} data-testid="assessment-scores">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assessments.domain')}</Table.Th>
            <Table.Th>{t('assessments.score')}</Table.Th>
            <Table.Th>{t('assessments.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.template.domains.map((domain) => {
            const score = view.scores.find((s) => s.domain === domain.code);
            const change = view.change.find((c) => c.domain === domain.code);
            return (
              <Table.Tr key={domain.code} data-domain={domain.code}>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {domain.sensitiveSection && <IconLock size={14} aria-label={t('assessments.sensitive')} />}
                    <Text size="sm">{text(domain.title)}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>{score && score.score !== null ? <LevelBadge level={score.level} score={score.score} /> : '—'}</Table.Td>
                <Table.Td>{change ? <ChangeMark change={change} /> : null}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Answers({ view }: { view: AssessmentView }) {
  const { t } = useTranslation();
  const text = useLocalized();
  const answerText = useAnswerText();
  const now = effectiveAnswers(view);
  return (
    <Stack gap="sm">
      {/* Domains left empty are not worth a screen of dashes. */}
      {view.template.domains
        .filter((domain) => domain.questions.some((q) => now[q.code] !== undefined && now[q.code] !== null))
        .map((domain) => (
          <Card key={domain.code} withBorder padding="sm">
            <Title order={5} mb={6}>
              {text(domain.title)}
            </Title>
            <Stack gap={6}>
              {domain.questions.map((q) => {
                const amended = q.code in now && JSON.stringify(now[q.code]) !== JSON.stringify(view.answers[q.code] ?? null);
                return (
                  <div key={q.code}>
                    <Text size="xs" c="dimmed">
                      {text(q.text)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {answerText(q, now[q.code])}
                      {amended && (
                        <Text span size="xs" c="orange" ml={6}>
                          ({t('assessments.originalAnswer', { value: answerText(q, view.answers[q.code]) })})
                        </Text>
                      )}
                    </Text>
                  </div>
                );
              })}
            </Stack>
          </Card>
        ))}
    </Stack>
  );
}

function History({ view }: { view: AssessmentView }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: assessmentKeys.ofCase(view.caseId), queryFn: () => assessmentsApi.ofCase(view.caseId) });
  const same = (list.data?.items ?? [])
    .filter((a) => a.templateCode === view.templateCode && a.memberId === view.memberId)
    .sort((a, b) => a.conductedOn.localeCompare(b.conductedOn));
  if (same.length < 2)
    return (
      <Text size="sm" c="dimmed">
        {t('assessments.chartNeedsTwo')}
      </Text>
    );
  const series = new Map(
    view.template.domains.map((d) => [d.code, same.map((a) => a.scores.find((s) => s.domain === d.code)?.score ?? null)]),
  );
  return <ScoreChart domains={view.template.domains} dates={same.map((a) => a.conductedOn)} series={series} />;
}

function AssessmentDetails({ view }: { view: AssessmentView }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const mobile = useMediaQuery('(max-width: 48em)');
  const [amending, setAmending] = useState(false);
  const detail = useQuery({ queryKey: caseKeys.one(view.caseId), queryFn: () => casesApi.get(view.caseId) });
  const member = view.memberId ? detail.data?.family.members.find((m) => m.id === view.memberId) : undefined;
  const canAmend = view.template.roles.some((role) => me.roles.includes(role));
  const amend = useMutation({
    mutationFn: (body: { answers: Answers; reason: string }) => assessmentsApi.amend(view.id, body),
    onSuccess: async (saved) => {
      client.setQueryData(assessmentKeys.one(view.id), saved);
      notifications.show({ color: 'green', message: t('assessments.amended') });
      setAmending(false);
      await client.invalidateQueries({ queryKey: assessmentKeys.ofCase(view.caseId) });
    },
  });
  const current = effectiveAnswers(view);
  return (
    <Page
      title={view.memberFirstName ? `${view.templateName}: ${view.memberFirstName}` : view.templateName}
      actions={
        canAmend && (
          <Button size="xs" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setAmending(true)}>
            {t('assessments.amend')}
          </Button>
        )
      }
    >
      <Group gap="xs" mt={-8}>
        <Anchor
          size="sm"
          renderRoot={(root) => <Link {...root} to="/cases/$caseId" params={{ caseId: view.caseId }} search={{ tab: 'assessments' }} />}
        >
          {detail.data?.case.familyName ?? t('cases.title')}
        </Anchor>
        <Text size="sm" c="dimmed">
          · {formatDate(view.conductedOn)} · {view.conductedBy} ·{' '}
          {member ? memberLabel(member) : (view.memberFirstName ?? t('assessments.subjects.family'))} ·{' '}
          {t('assessments.version', { version: view.templateVersion })}
        </Text>
        {view.amended && (
          <Badge color="orange" variant="light">
            {t('assessments.amendedBadge')}
          </Badge>
        )}
      </Group>
      <Group gap="xs">
        <Text fw={600}>{t('assessments.overall')}:</Text>
        {view.overallLevel ? <LevelBadge level={view.overallLevel} size="lg" /> : <Text c="dimmed">—</Text>}
        {view.hiddenDomains.length > 0 && (
          <Text size="xs" c="dimmed">
            <IconLock size={12} /> {t('assessments.hiddenDomains', { count: view.hiddenDomains.length })}
          </Text>
        )}
      </Group>
      <Card withBorder padding="sm">
        <Title order={4} mb={6}>
          {t('assessments.scores')}
        </Title>
        {view.change.length === 0 && (
          <Text size="xs" c="dimmed" mb={6}>
            {t('assessments.firstOfKind')}
          </Text>
        )}
        <Scores view={view} />
      </Card>
      <Card withBorder padding="sm">
        <Title order={4} mb={6}>
          {t('assessments.overTime')}
        </Title>
        <History view={view} />
      </Card>
      {view.notes && (
        <Card withBorder padding="sm">
          <Title order={5} mb={4}>
            {t('assessments.notes')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {view.notes}
          </Text>
        </Card>
      )}
      {view.amendments.length > 0 && (
        <Card withBorder padding="sm" component="section" aria-label={t('assessments.amendments')}>
          <Title order={4} mb="sm">
            {t('assessments.amendments')}
          </Title>
          <Timeline bulletSize={14} lineWidth={2}>
            {view.amendments.map((a) => (
              <Timeline.Item key={a.id} title={`${formatDateTime(a.at)} · ${a.by}`}>
                <Text size="sm">{a.reason}</Text>
                <Text size="xs" c="dimmed">
                  {t('assessments.amendedQuestions', { count: Object.keys(a.answers).length })}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
      )}
      <Title order={4}>{t('assessments.answers')}</Title>
      <Answers view={view} />
      <Modal opened={amending} onClose={() => setAmending(false)} title={t('assessments.amendTitle')} size="xl" fullScreen={mobile}>
        {amending && (
          <AssessmentForm
            template={view.template}
            visibleSections={detail.data?.visibleSections ?? []}
            mode="amend"
            initialAnswers={current}
            saving={amend.isPending}
            error={amend.error}
            header={
              <Text size="sm" c="dimmed">
                {t('assessments.amendHint')}
              </Text>
            }
            onSubmit={(values) => {
              // Only what changed goes into the amendment; the rest of the original stays as recorded.
              const changed = Object.fromEntries(
                view.template.domains
                  .flatMap((d) => d.questions)
                  .filter((q) => JSON.stringify(values.answers[q.code] ?? null) !== JSON.stringify(current[q.code] ?? null))
                  .map((q) => [q.code, values.answers[q.code] ?? null]),
              );
              amend.mutate({ answers: changed, reason: values.reason });
            }}
            onCancel={() => setAmending(false)}
          />
        )}
      </Modal>
    </Page>
  );
}

export function AssessmentPage() {
  const { t } = useTranslation();
  const { assessmentId } = useParams({ from: '/assessments/$assessmentId' });
  const view = useQuery({ queryKey: assessmentKeys.one(assessmentId), queryFn: () => assessmentsApi.get(assessmentId) });
  if (view.isPending) return <LoadingState />;
  if (view.isError) {
    if (isApiError(view.error, 'not_found') || isApiError(view.error, 'validation'))
      return (
        <Page title={t('assessments.title')}>
          <EmptyState>
            <span role="alert">{t('assessments.notFound')}</span>
          </EmptyState>
        </Page>
      );
    return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  }
  return <AssessmentDetails view={view.data} />;
}
