// The cohort page: choose a programme and an admission period (and a branch), see where the
// families admitted then are now and what follow-up contacts found 3, 6 and 12 months after they
// left — the child-with-family share first. Figures only: nobody is named.
import { useEffect, useState } from 'react';
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CLOSING_OUTCOMES } from '../../domain/cases/lifecycle.js';
import { CohortQuery, type HorizonFigures } from '../../domain/outcomes/contracts.js';
import { addMonths } from '../../domain/outcomes/follow-up.js';
import { useBranches, useProgrammes } from '../access/queries.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { outcomeKeys, outcomesApi } from './api.js';

// A share built on a hidden small count comes as '—' and a hidden count as '<5' (issue 11, point 6).
const percent = (share: number | string | null) =>
  share === null ? '—' : typeof share === 'string' ? share : `${Math.round(share * 100)}%`;
/** A hidden count has no bar: the chart does not draw what the reader may not know. */
const bar = (count: number | string) => (typeof count === 'number' ? count : null);
const sum = (counts: (number | string)[]) =>
  counts.every((c) => typeof c === 'number') ? counts.reduce<number>((a, c) => a + (c as number), 0) : '—';

function Stat({ label, value, testId, hint }: { label: string; value: string | number; testId: string; hint?: string }) {
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
    </Card>
  );
}

function HorizonTable({ horizons }: { horizons: HorizonFigures[] }) {
  const { t } = useTranslation();
  const columns = ['contacted', 'childWithFamily', 'notWithFamily', 'unknown', 'notYetDue'] as const;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="cohort-horizons">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('outcomes.cohort.horizon')}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c} ta="right">
                {t(`outcomes.cohort.${c}`)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('outcomes.cohort.share')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {horizons.map((h) => (
            <Table.Tr key={h.months} data-testid={`horizon-${h.months}`}>
              <Table.Td>{t('outcomes.cohort.after', { months: h.months })}</Table.Td>
              {columns.map((c) => (
                <Table.Td key={c} ta="right" data-col={c}>
                  {h[c]}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={700} c="teal.8" data-col="share">
                {percent(h.childWithFamilyShare)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CohortPage() {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  const branches = useBranches();
  // By default the families admitted 18 to 6 months ago: they have had time to leave and be contacted.
  const today = new Date().toISOString().slice(0, 10);
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [branchId, setBranchId] = useState<string | null>(null);
  const [from, setFrom] = useState(() => addMonths(today, -18));
  const [to, setTo] = useState(() => addMonths(today, -6));
  useEffect(() => {
    if (!programmeId && programmes.data?.[0]) setProgrammeId(programmes.data[0].id);
  }, [programmeId, programmes.data]);
  const query = { programmeId: programmeId ?? '', from, to, ...(branchId && { branchId }) };
  const valid = CohortQuery.safeParse(query).success;
  const cohort = useQuery({ queryKey: outcomeKeys.cohort(query), queryFn: () => outcomesApi.cohort(query), enabled: valid });
  const f = cohort.data;
  const chart =
    f?.horizons.map((h) => ({
      horizon: t('outcomes.cohort.after', { months: h.months }),
      childWithFamily: bar(h.childWithFamily),
      notWithFamily: bar(h.notWithFamily),
      unknown: bar(h.unknown),
      notYetDue: bar(h.notYetDue),
    })) ?? [];
  return (
    <Page title={t('outcomes.cohort.title')}>
      <Text size="sm" c="dimmed">
        {t('outcomes.cohort.intro')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('outcomes.cohort.programme')}
          placeholder={t('outcomes.cohort.choose')}
          allowDeselect={false}
          data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programmeId}
          onChange={setProgrammeId}
          w={320}
        />
        <Select
          label={t('outcomes.cohort.branch')}
          placeholder={t('outcomes.cohort.allBranches')}
          clearable
          data={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          value={branchId}
          onChange={setBranchId}
        />
        <TextInput type="date" label={t('outcomes.cohort.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('outcomes.cohort.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {!programmeId && <EmptyState>{t('outcomes.cohort.choose')}</EmptyState>}
      {valid && cohort.isPending && <LoadingState />}
      {cohort.isError && <ErrorState error={cohort.error} onRetry={() => void cohort.refetch()} />}
      {f && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Stat label={t('outcomes.cohort.admitted')} value={f.admitted} testId="cohort-admitted" />
            <Stat
              label={t('outcomes.cohort.stillIn')}
              value={sum([f.inProgramme.intake, f.inProgramme.active, f.inProgramme.post_support])}
              testId="cohort-still-in"
              hint={(['intake', 'active', 'post_support'] as const)
                .map((s) => `${t(`outcomes.cohort.statuses.${s}`)}: ${f.inProgramme[s]}`)
                .join(' · ')}
            />
            <Stat label={t('outcomes.cohort.left')} value={f.left} testId="cohort-left" />
            {f.horizons.map((h) => (
              <Stat
                key={h.months}
                label={`${t('outcomes.cohort.share')} — ${t('outcomes.cohort.after', { months: h.months })}`}
                value={percent(h.childWithFamilyShare)}
                testId={`cohort-share-${h.months}`}
                hint={`${h.childWithFamily} / ${h.contacted} ${t('outcomes.cohort.shareHint')}`}
              />
            ))}
          </SimpleGrid>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('outcomes.cohort.chart')}
            </Text>
            <BarChart
              h={260}
              data={chart}
              dataKey="horizon"
              type="stacked"
              withLegend
              series={[
                { name: 'childWithFamily', label: t('outcomes.cohort.childWithFamily'), color: 'teal.6' },
                { name: 'notWithFamily', label: t('outcomes.cohort.notWithFamily'), color: 'red.6' },
                { name: 'unknown', label: t('outcomes.cohort.unknown'), color: 'gray.5' },
                { name: 'notYetDue', label: t('outcomes.cohort.notYetDue'), color: 'blue.2' },
              ]}
            />
            <HorizonTable horizons={f.horizons} />
          </Card>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('outcomes.cohort.leftBy')}
            </Text>
            <Table>
              <Table.Tbody>
                {CLOSING_OUTCOMES.filter((o) => f.leftByOutcome[o]).map((o) => (
                  <Table.Tr key={o}>
                    <Table.Td>{t(`cases.outcomes.${o}`)}</Table.Td>
                    <Table.Td ta="right">{f.leftByOutcome[o]}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
      )}
    </Page>
  );
}
