// The M&E officer's dashboard: chosen indicators of the library month by month (the last 12 months
// or a calendar year) and by branch over the same span.
import { useState } from 'react';
import { Alert, MultiSelect, Select, SimpleGrid, Stack } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IndicatorsDashboard } from '../../domain/dashboards/contracts.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { useLocalized } from '../assessments/labels.js';
import { dashboardKeys, dashboardsApi } from './api.js';
import { ChartCard, formatNumber } from './ChartCard.js';

const COLORS = ['teal.6', 'indigo.6', 'orange.6', 'grape.6', 'red.6', 'cyan.6'];
const MAX_CHOSEN = 6;

function monthLabel(month: string, language: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(date);
}

function OverTime({ d }: { d: IndicatorsDashboard }) {
  const { t, i18n } = useTranslation();
  const text = useLocalized();
  const data = d.months.map((month, i) => ({
    month: monthLabel(month, i18n.language),
    ...Object.fromEntries(d.series.map((s) => [s.code, s.values[i]])),
  }));
  const summary = d.series
    .map((s) => {
      const values = s.values.filter((v): v is number => v !== null);
      return t('dashboards.indicators.overTimeSummary', {
        name: text(s.name),
        min: formatNumber(values.length ? Math.min(...values) : null, i18n.language),
        max: formatNumber(values.length ? Math.max(...values) : null, i18n.language),
        last: formatNumber(s.values.at(-1) ?? null, i18n.language),
      });
    })
    .join('. ');
  return (
    <ChartCard
      title={t('dashboards.indicators.overTime')}
      summary={summary}
      table={{
        columns: [t('dashboards.indicators.month'), ...d.series.map((s) => text(s.name))],
        rows: d.months.map((month, i) => [month, ...d.series.map((s) => formatNumber(s.values[i] ?? null, i18n.language))]),
      }}
      testId="chart-over-time"
    >
      <LineChart
        h={280}
        data={data}
        dataKey="month"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        series={d.series.map((s, i) => ({ name: s.code, label: text(s.name), color: COLORS[i % COLORS.length]! }))}
      />
    </ChartCard>
  );
}

function ByBranch({ d }: { d: IndicatorsDashboard }) {
  const { t, i18n } = useTranslation();
  const text = useLocalized();
  if (d.byBranch.length === 0) return <Alert color="gray">{t('dashboards.indicators.noBranchBreakdown')}</Alert>;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {d.byBranch.map((indicator, i) => (
        <ChartCard
          key={indicator.code}
          title={`${t('dashboards.indicators.byBranch')}: ${text(indicator.name)}`}
          summary={t('dashboards.indicators.byBranchSummary', {
            name: text(indicator.name),
            values: indicator.branches.map((b) => `${b.label} — ${b.suppressed ?? formatNumber(b.value, i18n.language)}`).join(', ') || '—',
          })}
          table={{
            columns: [t('dashboards.coordinator.branch'), t('dashboards.indicators.value')],
            rows: indicator.branches.map((b) => [b.label, b.suppressed ?? formatNumber(b.value, i18n.language)]),
          }}
          testId={`chart-branch-${indicator.code}`}
        >
          <BarChart
            h={Math.max(140, indicator.branches.length * 40)}
            data={indicator.branches.map((b) => ({ branch: b.label, value: b.value }))}
            dataKey="branch"
            orientation="vertical"
            yAxisProps={{ width: 110 }}
            withBarValueLabel
            series={[{ name: 'value', label: text(indicator.name), color: COLORS[i % COLORS.length]! }]}
          />
        </ChartCard>
      ))}
    </SimpleGrid>
  );
}

export function IndicatorsDashboardPage() {
  const { t } = useTranslation();
  const text = useLocalized();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [year, setYear] = useState<string | null>(null);
  const query = { ...(codes && codes.length > 0 && { codes: codes.join(',') }), ...(year && { year: Number(year) }) };
  const dashboard = useQuery({
    queryKey: dashboardKeys.indicators(query),
    queryFn: () => dashboardsApi.indicators(query),
    placeholderData: keepPreviousData,
  });
  const d = dashboard.data;
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));
  return (
    <Page title={t('dashboards.indicators.title')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <MultiSelect
          label={t('dashboards.indicators.choose')}
          description={t('dashboards.indicators.chooseHint')}
          data={(d?.available ?? []).map((a) => ({ value: a.code, label: text(a.name) }))}
          value={codes ?? d?.series.map((s) => s.code) ?? []}
          onChange={(next) => setCodes(next.slice(0, MAX_CHOSEN))}
          maxValues={MAX_CHOSEN}
          searchable
          data-testid="indicator-picker"
        />
        <Select
          label={t('dashboards.indicators.period')}
          data={[
            { value: '', label: t('dashboards.indicators.last12') },
            ...years.map((y) => ({ value: y, label: t('dashboards.indicators.year', { year: y }) })),
          ]}
          value={year ?? ''}
          onChange={(v) => setYear(v || null)}
          allowDeselect={false}
        />
      </SimpleGrid>
      {dashboard.isPending && <LoadingState />}
      {dashboard.isError && <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {d && (
        <Stack gap="md">
          <OverTime d={d} />
          <ByBranch d={d} />
        </Stack>
      )}
    </Page>
  );
}
