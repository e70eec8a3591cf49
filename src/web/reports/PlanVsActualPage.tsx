// Plan vs actual: choose a programme (grant project) and a period — the programme's own, a year, a
// quarter or any — and see planned / achieved / % per indicator, in total and per branch; edit the
// targets and narratives, open the records behind a figure, download the XLSX or PDF report.
import { useState } from 'react';
import { Button, Card, Group, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProgrammeView } from '../../domain/access/contracts.js';
import type { Audience } from '../../domain/reports/contracts.js';
import { useProgrammes } from '../access/queries.js';
import { isApiError } from '../app/api.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { exportUrl, reportKeys, reportsApi } from './api.js';
import { quartersOf, yearsOf, type PresetKind } from './periods.js';
import { RecordsModal, type RecordsTarget } from './RecordsModal.js';
import { ReportTable } from './ReportTable.js';

function periodOf(programme: ProgrammeView, preset: PresetKind, choice: string, custom: { from: string; to: string }) {
  const own = { from: programme.periodStart, to: programme.periodEnd };
  if (preset === 'year') return yearsOf(own).find((y) => y.value === choice) ?? own;
  if (preset === 'quarter') return quartersOf(own).find((q) => q.value === choice) ?? own;
  if (preset === 'custom') return custom;
  return own;
}

export function PlanVsActualPage() {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [preset, setPreset] = useState<PresetKind>('programme');
  const [choice, setChoice] = useState('');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [branchId, setBranchId] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const [audience, setAudience] = useState<Audience>('internal');
  const [records, setRecords] = useState<RecordsTarget | null>(null);

  const list = programmes.data ?? [];
  const programme = list.find((p) => p.id === programmeId) ?? list.find((p) => p.active) ?? list[0];
  const period = programme ? periodOf(programme, preset, choice, custom) : null;
  const query =
    programme && period
      ? { programmeId: programme.id, from: period.from, to: period.to, ...(branchId && { branchId }), ...(all && { all: 'true' as const }) }
      : null;
  const ready = query !== null && Boolean(query.from) && Boolean(query.to) && query.from <= query.to;
  const report = useQuery({
    queryKey: reportKeys.report(query ?? { programmeId: '' }),
    queryFn: () => reportsApi.report(query!),
    enabled: ready,
    placeholderData: keepPreviousData,
  });

  if (programmes.isPending) return <LoadingState />;
  if (programmes.isError) return <ErrorState error={programmes.error} onRetry={() => void programmes.refetch()} />;
  if (!programme || !period) {
    return (
      <Page title={t('reports.title')}>
        <EmptyState>{t('reports.noProgrammes')}</EmptyState>
      </Page>
    );
  }
  const own = { from: programme.periodStart, to: programme.periodEnd };
  const options = preset === 'year' ? yearsOf(own) : preset === 'quarter' ? quartersOf(own) : [];
  const optionLabel = (o: { year: number; quarter?: number }) => (o.quarter ? `${o.year} Q${o.quarter}` : String(o.year));

  return (
    <Page
      title={t('reports.title')}
      actions={
        ready && (
          <Group gap="xs">
            <SegmentedControl
              size="xs"
              value={audience}
              onChange={(v) => setAudience(v as Audience)}
              data={[
                { value: 'internal', label: t('reports.download.internal') },
                { value: 'external', label: t('reports.download.external') },
              ]}
            />
            {(['xlsx', 'pdf'] as const).map((format) => (
              <Button
                key={format}
                component="a"
                href={exportUrl(format, query, audience)}
                download
                size="xs"
                variant="light"
                leftSection={<IconDownload size={14} />}
                data-testid={`download-${format}`}
              >
                {t(`reports.download.${format}`)}
              </Button>
            ))}
          </Group>
        )
      }
    >
      <Card withBorder padding="sm">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <Select
            label={t('reports.programme')}
            data={list.map((p) => ({ value: p.id, label: p.name }))}
            value={programme.id}
            onChange={(value) => {
              setProgrammeId(value);
              setChoice('');
            }}
            allowDeselect={false}
            w={360}
            data-testid="programme-select"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('reports.period')}
            </Text>
            <SegmentedControl
              value={preset}
              onChange={(value) => {
                const next = value as PresetKind;
                setPreset(next);
                const first = next === 'year' ? yearsOf(own)[0] : next === 'quarter' ? quartersOf(own)[0] : undefined;
                setChoice(first?.value ?? '');
                if (next === 'custom') setCustom(custom.from ? custom : own);
              }}
              data={(['programme', 'year', 'quarter', 'custom'] as const).map((p) => ({ value: p, label: t(`reports.presets.${p}`) }))}
            />
          </Stack>
          {options.length > 0 && (
            <Select
              aria-label={t(`reports.presets.${preset}`)}
              data={options.map((o) => ({ value: o.value, label: optionLabel(o) }))}
              value={choice}
              onChange={(value) => setChoice(value ?? '')}
              allowDeselect={false}
              w={140}
            />
          )}
          {preset === 'custom' && (
            <>
              <TextInput
                type="date"
                label={t('reports.from')}
                value={custom.from}
                onChange={(e) => setCustom({ ...custom, from: e.currentTarget.value })}
              />
              <TextInput
                type="date"
                label={t('reports.to')}
                value={custom.to}
                onChange={(e) => setCustom({ ...custom, to: e.currentTarget.value })}
                error={custom.from && custom.to && custom.to < custom.from ? t('validation.before_start') : undefined}
              />
            </>
          )}
          <Select
            label={t('reports.branch')}
            placeholder={t('reports.allBranches')}
            data={(report.data?.branches ?? []).map((b) => ({ value: b.id, label: b.name }))}
            value={branchId}
            onChange={setBranchId}
            clearable
            w={260}
          />
          <Switch label={t('reports.showAll')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} data-testid="show-all" />
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          {programme.funder} · {period.from} – {period.to}
        </Text>
      </Card>
      {report.isPending && ready && <LoadingState />}
      {report.isError && !isApiError(report.error, 'validation') && (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      )}
      {report.data && (
        <>
          {report.data.rows.length === 0 ? <EmptyState>{t('reports.empty')}</EmptyState> : null}
          {report.data.rows.length > 0 && <ReportTable report={report.data} onOpenRecords={setRecords} />}
        </>
      )}
      <RecordsModal target={records} onClose={() => setRecords(null)} />
    </Page>
  );
}
