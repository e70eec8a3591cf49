// The summary of a feedback form over a period (and programme/branch): how many forms, the average
// of each scale question with the answers per point, the choices made, the share of yes. Figures
// only — answers in the mother's own words never appear here.
import { useState } from 'react';
import { Alert, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { BarChart, DonutChart } from '@mantine/charts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FeedbackSummary } from '../../domain/feedback/contracts.js';
import { useBranches, useProgrammes } from '../access/queries.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { useLocalized } from '../assessments/labels.js';
import { ChartCard, formatNumber } from '../dashboards/ChartCard.js';
import { feedbackApi, feedbackKeys } from './api.js';
import { useFeedbackTemplates } from './CaseFeedback.js';

type QuestionSummary = FeedbackSummary['questions'][number];
const CHOICE_COLORS = ['teal.6', 'indigo.6', 'orange.6', 'grape.6', 'cyan.6', 'red.6', 'lime.6', 'pink.6'];

function QuestionCard({ q }: { q: QuestionSummary }) {
  const { t, i18n } = useTranslation();
  const text = useLocalized();
  const title = text(q.text);
  const answered = t('dashboards.feedback.answered', { count: q.answered });
  if (q.kind === 'yes_no') {
    // A share on a hidden small count comes as '—' and the count as '<5' (issue 11, point 6): no chart then.
    const hidden = typeof q.yesShare === 'string' || typeof q.answered === 'string';
    const share = typeof q.yesShare === 'number' ? q.yesShare : null;
    const count = typeof q.answered === 'number' ? q.answered : 0;
    const yes = share === null ? null : Math.round(share * 1000) / 10;
    const data =
      yes === null || share === null
        ? []
        : [
            { name: t('common.yes'), value: Math.round(share * count), color: 'teal.6' },
            { name: t('common.no'), value: count - Math.round(share * count), color: 'gray.4' },
          ];
    return (
      <ChartCard
        title={title}
        summary={
          hidden
            ? answered
            : yes === null
              ? t('dashboards.feedback.noAnswers')
              : `${t('dashboards.feedback.yesShare', { percent: formatNumber(yes, i18n.language) })}. ${answered}`
        }
        table={{ columns: ['', t('dashboards.feedback.count')], rows: data.map((d) => [d.name, d.value]) }}
        testId={`summary-${q.code}`}
      >
        {data.length > 0 && (
          <Group justify="center">
            <DonutChart
              data={data}
              size={140}
              thickness={22}
              withLabels
              withLabelsLine={false}
              chartLabel={`${formatNumber(yes, i18n.language)}%`}
            />
          </Group>
        )}
      </ChartCard>
    );
  }
  // A hidden count ('<5') has no bar: the chart does not draw what the reader may not know.
  const data = q.distribution.map((d) => ({
    answer: q.kind === 'scale' ? d.value : text(d.label),
    count: typeof d.count === 'number' ? d.count : null,
  }));
  const average = typeof q.average === 'string' ? q.average : formatNumber(q.average, i18n.language, 2);
  const summary =
    q.kind === 'scale'
      ? `${t('dashboards.feedback.average', { value: average })}. ${answered}`
      : `${answered}. ${q.distribution.map((d) => `${text(d.label)} — ${d.count}`).join(', ')}`;
  return (
    <ChartCard
      title={title}
      summary={q.answered === 0 ? t('dashboards.feedback.noAnswers') : summary}
      table={{ columns: ['', t('dashboards.feedback.count')], rows: q.distribution.map((d) => [text(d.label), d.count]) }}
      testId={`summary-${q.code}`}
    >
      <BarChart
        h={q.kind === 'scale' ? 160 : Math.max(140, data.length * 34)}
        data={data}
        dataKey="answer"
        orientation={q.kind === 'scale' ? 'horizontal' : 'vertical'}
        withBarValueLabel
        // Counts of people: whole numbers on the axis.
        xAxisProps={{ allowDecimals: false }}
        yAxisProps={q.kind === 'scale' ? { allowDecimals: false } : { width: 140, allowDecimals: false }}
        series={[{ name: 'count', label: t('dashboards.feedback.count'), color: CHOICE_COLORS[0]! }]}
      />
    </ChartCard>
  );
}

export function FeedbackSummaryPage() {
  const { t } = useTranslation();
  const text = useLocalized();
  const templates = useFeedbackTemplates();
  const branches = useBranches();
  const programmes = useProgrammes();
  const [code, setCode] = useState<string | null>(null);
  const [from, setFrom] = useState(`${new Date().getFullYear()}-01-01`);
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [branchId, setBranchId] = useState<string | null>(null);
  const templateCode = code ?? templates.data?.[0]?.code ?? null;
  const query = { templateCode: templateCode ?? '', from, to, ...(programmeId && { programmeId }), ...(branchId && { branchId }) };
  const summary = useQuery({
    queryKey: feedbackKeys.summary(query),
    queryFn: () => feedbackApi.summary(query),
    enabled: templateCode !== null && from !== '' && to !== '' && from <= to,
    placeholderData: keepPreviousData,
  });
  const s = summary.data;
  const any = t('dashboards.feedback.any');
  return (
    <Page title={t('dashboards.feedback.summaryTitle')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
        <Select
          label={t('dashboards.feedback.template')}
          data={(templates.data ?? []).map((tpl) => ({ value: tpl.code, label: text(tpl.definition.name) }))}
          value={templateCode}
          onChange={setCode}
          allowDeselect={false}
          data-testid="summary-template"
        />
        <TextInput type="date" label={t('dashboards.feedback.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('dashboards.feedback.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Select
          label={t('dashboards.feedback.programme')}
          placeholder={any}
          clearable
          data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programmeId}
          onChange={setProgrammeId}
        />
        <Select
          label={t('dashboards.feedback.branch')}
          placeholder={any}
          clearable
          data={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          value={branchId}
          onChange={setBranchId}
        />
      </SimpleGrid>
      {summary.isLoading && <LoadingState />}
      {summary.isError && <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />}
      {s && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Card withBorder padding="sm">
              <Text size="xs" c="dimmed">
                {t('dashboards.feedback.responses')}
              </Text>
              <Text size="xl" fw={700} data-testid="summary-responses">
                {s.responses}
              </Text>
              <Text size="xs" c="dimmed">
                {t('dashboards.feedback.unsigned')}: {s.anonymousResponses}
              </Text>
            </Card>
          </SimpleGrid>
          <Alert color="gray">{t('dashboards.feedback.wordsHidden')}</Alert>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {s.questions.map((q) => (
              <QuestionCard key={q.code} q={q} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Page>
  );
}
