// The director's dashboard: every running programme at a glance — period, funder, families under
// support, housing occupancy, and its key indicators plan vs fact with a traffic light for the pace.
import { Badge, Card, Group, RingProgress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DirectorDashboard } from '../../domain/dashboards/contracts.js';
import type { TrafficLight } from '../../domain/dashboards/figures.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { useLocalized } from '../assessments/labels.js';
import { dashboardKeys, dashboardsApi } from './api.js';
import { ChartCard, formatNumber } from './ChartCard.js';
import { Meter } from '../app/Meter.js';

const LIGHT_COLOR: Record<TrafficLight, string> = { green: 'green', amber: 'yellow', red: 'red', none: 'gray' };

type Programme = DirectorDashboard['programmes'][number];

function Indicators({ p }: { p: Programme }) {
  const { t, i18n } = useTranslation();
  const text = useLocalized();
  if (p.indicators.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('dashboards.programmes.noTargets')}
      </Text>
    );
  const data = p.indicators.map((i) => ({ name: text(i.name), planned: i.planned, achieved: i.achieved ?? 0 }));
  return (
    <Stack gap="xs">
      {p.indicators.map((i) => (
        <div key={`${i.code}-${i.periodStart}-${i.periodEnd}`} data-testid={`indicator-${i.code}`}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <div>
              <Text size="sm">{text(i.name)}</Text>
              {(i.periodStart !== p.periodStart || i.periodEnd !== p.periodEnd) && (
                <Text size="xs" c="dimmed">
                  {formatDate(i.periodStart)} — {formatDate(i.periodEnd)}
                </Text>
              )}
            </div>
            <Badge color={LIGHT_COLOR[i.light]} variant="light" data-testid={`light-${i.code}`} style={{ flexShrink: 0 }}>
              {i.percent === null ? '—' : `${formatNumber(i.percent, i18n.language)}%`} · {t(`dashboards.programmes.lights.${i.light}`)}
            </Badge>
          </Group>
          <Meter value={i.percent ?? 0} color={LIGHT_COLOR[i.light]} label={text(i.name)} />
        </div>
      ))}
      <ChartCard
        title={t('dashboards.programmes.planFact')}
        summary={p.indicators
          .map((i) =>
            t('dashboards.programmes.planFactSummary', {
              name: text(i.name),
              planned: formatNumber(i.planned, i18n.language),
              achieved: formatNumber(i.achieved, i18n.language),
            }),
          )
          .join('; ')}
        table={{
          columns: [t('dashboards.coordinator.indicator'), t('dashboards.coordinator.planned'), t('dashboards.coordinator.achieved')],
          rows: p.indicators.map((i) => [text(i.name), formatNumber(i.planned, i18n.language), formatNumber(i.achieved, i18n.language)]),
        }}
      >
        <BarChart
          h={Math.max(140, data.length * 72)}
          data={data}
          dataKey="name"
          orientation="vertical"
          withLegend
          yAxisProps={{ width: 150 }}
          series={[
            { name: 'planned', label: t('dashboards.coordinator.planned'), color: 'gray.4' },
            { name: 'achieved', label: t('dashboards.coordinator.achieved'), color: 'teal.6' },
          ]}
        />
      </ChartCard>
    </Stack>
  );
}

function ProgrammeCard({ p }: { p: Programme }) {
  const { t } = useTranslation();
  const share = p.occupancy.share;
  return (
    <Card withBorder padding="md" data-testid="programme-card">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            {p.name}
          </Title>
          <Text size="sm" c="dimmed">
            {t('dashboards.programmes.period', { from: formatDate(p.periodStart), to: formatDate(p.periodEnd) })} ·{' '}
            {t('dashboards.programmes.elapsed', { percent: Math.round(p.elapsed * 100) })}
          </Text>
          <Text size="sm">{p.funder ? t('dashboards.programmes.funder', { funder: p.funder }) : t('dashboards.programmes.noFunder')}</Text>
        </div>
        <SimpleGrid cols={2} spacing="sm">
          <Card withBorder padding="xs">
            <Text size="xs" c="dimmed">
              {t('dashboards.programmes.families')}
            </Text>
            <Text size="xl" fw={700} data-testid="families">
              {p.familiesUnderSupport}
            </Text>
          </Card>
          <Card withBorder padding="xs">
            <Text size="xs" c="dimmed">
              {t('dashboards.programmes.occupancy')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              {share !== null && <RingProgress size={48} thickness={6} sections={[{ value: share * 100, color: 'teal' }]} aria-hidden />}
              <div>
                <Text fw={700} data-testid="occupancy">
                  {share === null ? '—' : `${Math.round(share * 100)}%`}
                </Text>
                <Text size="xs" c="dimmed">
                  {p.occupancy.places === 0
                    ? t('dashboards.programmes.noHousing')
                    : t('dashboards.programmes.occupancyValue', { occupied: p.occupancy.occupied, places: p.occupancy.places })}
                </Text>
              </div>
            </Group>
          </Card>
        </SimpleGrid>
        <Indicators p={p} />
      </Stack>
    </Card>
  );
}

export function ProgrammesDashboardPage() {
  const { t } = useTranslation();
  const dashboard = useQuery({ queryKey: dashboardKeys.programmes, queryFn: dashboardsApi.programmes });
  return (
    <Page title={t('dashboards.programmes.title')}>
      <Text size="sm" c="dimmed">
        {t('dashboards.programmes.lightLegend')}
      </Text>
      {dashboard.isPending && <LoadingState />}
      {dashboard.isError && <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {dashboard.data && dashboard.data.programmes.length === 0 && <EmptyState>{t('dashboards.programmes.none')}</EmptyState>}
      {dashboard.data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          {dashboard.data.programmes.map((p) => (
            <ProgrammeCard key={p.id} p={p} />
          ))}
        </SimpleGrid>
      )}
    </Page>
  );
}
