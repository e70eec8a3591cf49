// The coordinator's dashboard: this month against last month and the month's plan, the caseload by
// status and case lead, and the overdue work — each figure linking to the list it comes from.
import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Card, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { CoordinatorDashboard } from '../../domain/dashboards/contracts.js';
import { isApiError } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { useLocalized } from '../assessments/labels.js';
import { dashboardKeys, dashboardsApi } from './api.js';
import { ChartCard, formatNumber } from './ChartCard.js';
import { Meter } from '../app/Meter.js';

const STATUSES = ['intake', 'active', 'post_support'] as const;
const STATUS_COLOR = { intake: 'yellow.6', active: 'teal.6', post_support: 'blue.6' } as const;

function Figure({ label, value, hint, testId, to }: { label: string; value: number; hint?: string; testId: string; to: ReactNode }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
      {to}
    </Card>
  );
}

function Running({ d }: { d: CoordinatorDashboard }) {
  const { t } = useTranslation();
  const data = d.servicesByDay.map((p) => ({ day: p.day, thisMonth: p.thisMonth, lastMonth: p.lastMonth }));
  return (
    <ChartCard
      title={t('dashboards.coordinator.runningTitle')}
      summary={t('dashboards.coordinator.runningSummary', { thisMonth: d.services.thisMonth, lastMonth: d.services.lastMonth })}
      table={{
        columns: [
          t('dashboards.coordinator.day'),
          t('dashboards.coordinator.thisMonthSeries'),
          t('dashboards.coordinator.lastMonthSeries'),
        ],
        rows: data.map((p) => [p.day, p.thisMonth ?? '—', p.lastMonth ?? '—']),
      }}
      testId="chart-running"
    >
      <LineChart
        h={220}
        data={data}
        dataKey="day"
        withLegend
        connectNulls={false}
        xAxisLabel={t('dashboards.coordinator.day')}
        yAxisProps={{ allowDecimals: false }}
        series={[
          { name: 'thisMonth', label: t('dashboards.coordinator.thisMonthSeries'), color: 'teal.6' },
          { name: 'lastMonth', label: t('dashboards.coordinator.lastMonthSeries'), color: 'gray.5', strokeDasharray: '5 5' },
        ]}
      />
    </ChartCard>
  );
}

function Targets({ d }: { d: CoordinatorDashboard }) {
  const { t, i18n } = useTranslation();
  const text = useLocalized();
  if (d.targets.length === 0) return <Alert color="gray">{t('dashboards.coordinator.noTargets')}</Alert>;
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" gap="xs">
        <Text fw={600}>{t('dashboards.coordinator.plan')}</Text>
        <ListLink to={(root) => <Link {...root} to="/reports/plan-vs-actual" />} />
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('dashboards.coordinator.planHint')}
      </Text>
      <Table.ScrollContainer minWidth={320}>
        <Table data-testid="month-targets">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboards.coordinator.indicator')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.coordinator.planned')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.coordinator.achieved')}</Table.Th>
              <Table.Th>{t('dashboards.coordinator.percent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.targets.map((row) => (
              <Table.Tr key={`${row.programmeName}-${row.branchName}-${row.indicatorCode}-${row.periodStart}-${row.periodEnd}`}>
                <Table.Td>
                  <Text size="sm">{text(row.name)}</Text>
                  <Text size="xs" c="dimmed">
                    {row.programmeName} · {row.branchName} · {formatDate(row.periodStart)} — {formatDate(row.periodEnd)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(row.planned, i18n.language)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.achieved, i18n.language)}</Table.Td>
                <Table.Td miw={90}>
                  <Text size="sm">{row.percent === null ? '—' : `${formatNumber(row.percent, i18n.language)}%`}</Text>
                  <Meter value={row.percent ?? 0} label={text(row.name)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function Caseload({ d, branchId }: { d: CoordinatorDashboard; branchId?: string }) {
  const { t } = useTranslation();
  const status = (s: (typeof STATUSES)[number]) => t(`cases.statuses.${s}`);
  const donut = STATUSES.map((s) => ({ name: status(s), value: d.caseload.byStatus[s], color: STATUS_COLOR[s] }));
  const leads = d.caseload.byLead.map((l) => ({ lead: l.leadName, intake: l.intake, active: l.active, post_support: l.post_support }));
  const top = d.caseload.byLead[0];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <ChartCard
        title={t('dashboards.coordinator.byStatusTitle')}
        summary={t('dashboards.coordinator.byStatusSummary', d.caseload.byStatus)}
        table={{ columns: [t('cases.status'), t('dashboards.feedback.count')], rows: donut.map((x) => [x.name, x.value]) }}
        testId="chart-status"
      >
        <Group justify="center">
          <DonutChart
            data={donut}
            withLabels
            withLabelsLine={false}
            size={160}
            thickness={26}
            chartLabel={String(donut.reduce((a, b) => a + b.value, 0))}
          />
        </Group>
        <Group justify="center" gap="md" mt="xs">
          {STATUSES.map((s) => (
            <Anchor
              key={s}
              size="sm"
              renderRoot={(root) => <Link {...root} to="/cases" search={{ status: s, ...(branchId && { branchId }) }} />}
              data-testid={`status-${s}`}
            >
              {status(s)}: {d.caseload.byStatus[s]}
            </Anchor>
          ))}
        </Group>
      </ChartCard>
      <ChartCard
        title={t('dashboards.coordinator.byLeadTitle')}
        summary={
          top
            ? t('dashboards.coordinator.byLeadSummary', {
                count: leads.length,
                top: top.leadName,
                n: top.intake + top.active + top.post_support,
              })
            : t('common.empty')
        }
        table={{
          columns: [t('dashboards.coordinator.lead'), ...STATUSES.map(status)],
          rows: leads.map((l) => [l.lead, l.intake, l.active, l.post_support]),
        }}
        testId="chart-leads"
      >
        <BarChart
          h={Math.max(160, leads.length * 36)}
          data={leads}
          dataKey="lead"
          orientation="vertical"
          type="stacked"
          withLegend
          yAxisProps={{ width: 120 }}
          xAxisProps={{ allowDecimals: false }}
          series={STATUSES.map((s) => ({ name: s, label: status(s), color: STATUS_COLOR[s] }))}
        />
      </ChartCard>
    </SimpleGrid>
  );
}

/** "Open the list" under a figure: the list the figure is counted from. */
function ListLink({ to }: { to: (root: Record<string, unknown>) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <Anchor size="xs" renderRoot={(root) => to(root as Record<string, unknown>)}>
      {t('dashboards.coordinator.openList')}
    </Anchor>
  );
}

function Overdue({ d, branchId }: { d: CoordinatorDashboard; branchId?: string }) {
  const { t } = useTranslation();
  const link = (node: (root: Record<string, unknown>) => ReactNode) => <ListLink to={node} />;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      <Figure
        label={t('dashboards.coordinator.overdueTasks')}
        value={d.overdue.tasks}
        testId="overdue-tasks"
        to={link((root) => (
          <Link {...root} to="/cases" search={{ status: 'active', ...(branchId && { branchId }) }} />
        ))}
      />
      <Figure
        label={t('dashboards.coordinator.overdueVisits')}
        value={d.overdue.postSupportVisits}
        testId="overdue-visits"
        to={link((root) => (
          <Link {...root} to="/post-support" />
        ))}
      />
      <Figure
        label={t('dashboards.coordinator.overdueReferrals')}
        value={d.overdue.referrals}
        testId="overdue-referrals"
        to={link((root) => (
          <Link {...root} to="/referrals" search={{ tab: 'overdue', ...(branchId && { branchId }) }} />
        ))}
      />
      <Figure
        label={t('dashboards.coordinator.overdueFirstPlans')}
        value={d.overdue.firstPlans}
        testId="overdue-first-plans"
        to={link((root) => (
          <Link {...root} to="/cases" search={{ sort: 'days', ...(branchId && { branchId }) }} />
        ))}
      />
    </SimpleGrid>
  );
}

export function CoordinatorDashboardPage() {
  const { t } = useTranslation();
  const [branchId, setBranchId] = useState<string | null>(null);
  const query = branchId ? { branchId } : {};
  const dashboard = useQuery({ queryKey: dashboardKeys.coordinator(query), queryFn: () => dashboardsApi.coordinator(query) });
  const d = dashboard.data;
  if (dashboard.isError && isApiError(dashboard.error, 'forbidden'))
    return (
      <Page title={t('dashboards.coordinator.title')}>
        <Alert color="gray">{t('dashboards.coordinator.noBranches')}</Alert>
      </Page>
    );
  return (
    <Page title={t('dashboards.coordinator.title')}>
      {d && d.branches.length > 0 && (
        <Group align="flex-end">
          <Select
            label={t('dashboards.coordinator.branch')}
            placeholder={t('dashboards.coordinator.allBranches')}
            clearable
            data={d.branches.map((b) => ({ value: b.id, label: b.name }))}
            value={branchId}
            onChange={setBranchId}
            maw={320}
          />
          <Text size="sm" c="dimmed" pb={8}>
            {t('dashboards.coordinator.month', { month: d.month })}
          </Text>
        </Group>
      )}
      {dashboard.isPending && <LoadingState />}
      {dashboard.isError && <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {d && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 2 }} spacing="sm">
            <Figure
              label={t('dashboards.coordinator.services')}
              value={d.services.thisMonth}
              hint={t('dashboards.coordinator.lastMonth', { count: d.services.lastMonth })}
              testId="services-this-month"
              to={<ListLink to={(root) => <Link {...root} to="/workload" />} />}
            />
            <Figure
              label={t('dashboards.coordinator.consultations')}
              value={d.consultations.thisMonth}
              hint={t('dashboards.coordinator.lastMonth', { count: d.consultations.lastMonth })}
              testId="consultations-this-month"
              to={<ListLink to={(root) => <Link {...root} to="/workload" />} />}
            />
          </SimpleGrid>
          <Targets d={d} />
          <Running d={d} />
          <Text fw={700}>{t('dashboards.coordinator.caseload')}</Text>
          <Caseload d={d} branchId={branchId ?? undefined} />
          <Text fw={700}>{t('dashboards.coordinator.overdue')}</Text>
          <Overdue d={d} branchId={branchId ?? undefined} />
        </Stack>
      )}
    </Page>
  );
}
