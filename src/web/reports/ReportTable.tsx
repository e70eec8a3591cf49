// The plan-vs-actual table: per indicator the programme total and a line per branch, planned /
// achieved / % of plan with a progress colour. In edit mode the plans become inputs (total and every
// branch); the batch is saved at once, errors shown on the input they name (`targets.3.planned`).
import { Fragment, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Figure, PlanVsActual, ReportRow, TargetRow } from '../../domain/reports/contracts.js';
import { isApiError } from '../app/api.js';
import { reportKeys, reportsApi } from './api.js';
import { NarrativeEditor } from './NarrativeEditor.js';
import type { RecordsTarget } from './RecordsModal.js';
import { Meter } from '../app/Meter.js';

type Draft = Record<string, number | string>;
const keyOf = (indicatorId: string, branchId: string | null) => `${indicatorId}:${branchId ?? ''}`;

function progressColor(percent: number): string {
  if (percent >= 100) return 'teal';
  if (percent >= 75) return 'yellow';
  return 'red';
}

function formatNumber(value: number | null, lang: string, share: boolean): string {
  if (value === null) return '—';
  const text = value.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 });
  return share ? `${text}%` : text;
}

interface Props {
  report: PlanVsActual;
  onOpenRecords: (target: RecordsTarget) => void;
}

export function ReportTable({ report, onOpenRecords }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);

  const current = new Map<string, { planned: number | null; version: number | null }>();
  for (const row of report.rows) {
    current.set(keyOf(row.indicatorId, null), { planned: row.planned, version: row.targetVersion });
    for (const b of row.branches) current.set(keyOf(row.indicatorId, b.branchId), { planned: b.planned, version: b.targetVersion });
  }

  const changedRows = (): { key: string; row: TargetRow }[] =>
    Object.entries(draft).flatMap(([key, value]) => {
      const [indicatorId, branch] = key.split(':') as [string, string];
      const before = current.get(key);
      const planned = value === '' ? null : Number(value);
      if ((before?.planned ?? null) === planned) return [];
      return [
        { key, row: { indicatorId, branchId: branch || null, planned, ...(before?.version != null && { version: before.version }) } },
      ];
    });

  const save = useMutation({
    mutationFn: (rows: { key: string; row: TargetRow }[]) =>
      reportsApi.saveTargets(report.programme.id, { from: report.from, to: report.to, targets: rows.map((r) => r.row) }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('reports.targetsSaved') });
      setEditing(false);
      setDraft({});
      setErrors({});
      setConflict(false);
      await client.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: async (error, rows) => {
      if (isApiError(error, 'conflict')) {
        setConflict(true);
        setDraft({});
        await client.invalidateQueries({ queryKey: reportKeys.all });
        return;
      }
      if (isApiError(error, 'validation')) {
        const found: Record<string, string> = {};
        for (const field of error.fields) {
          const index = /^targets\.(\d+)\./.exec(field.path)?.[1];
          const row = index === undefined ? undefined : rows[Number(index)];
          if (row) found[row.key] ??= field.message;
        }
        setErrors(found);
      }
    },
  });

  const submit = () => {
    const rows = changedRows();
    if (rows.length === 0) {
      setEditing(false);
      return;
    }
    save.mutate(rows);
  };

  const planCell = (indicatorId: string, branchId: string | null, planned: number | null, label: string) => {
    const key = keyOf(indicatorId, branchId);
    if (!editing) return formatNumber(planned, lang, false);
    return (
      <NumberInput
        size="xs"
        w={110}
        ml="auto"
        min={0}
        decimalScale={2}
        aria-label={`${t('reports.columns.plan')}: ${label}`}
        value={draft[key] ?? planned ?? ''}
        onChange={(value) => setDraft((d) => ({ ...d, [key]: value }))}
        error={errors[key]}
      />
    );
  };

  const factCell = (row: ReportRow, figure: Figure, branchId: string | null, label: string) => {
    // A small cell this reader may not see exactly reads as the exports show it ("<5", "—"), with no records behind it.
    if (figure.suppressed !== undefined) return figure.suppressed;
    const text = formatNumber(figure.achieved, lang, row.unit === 'share');
    if (figure.achieved === null) return text;
    const target: RecordsTarget = {
      programmeId: report.programme.id,
      from: report.from,
      to: report.to,
      indicatorId: row.indicatorId,
      ...(branchId && { branchId }),
      title: label,
      share: row.unit === 'share',
    };
    return (
      <Anchor
        component="button"
        type="button"
        fw={600}
        onClick={() => onOpenRecords(target)}
        aria-label={t('reports.records.open', { value: text })}
      >
        {text}
      </Anchor>
    );
  };

  const percentCell = (percent: number | null) =>
    percent === null ? (
      '—'
    ) : (
      <Stack gap={2} align="flex-end">
        <Text size="sm" fw={600} c={progressColor(percent)}>
          {formatNumber(percent, lang, true)}
        </Text>
        <Meter w={90} value={percent} color={progressColor(percent)} label={t('reports.columns.percent')} />
      </Stack>
    );

  const branchRows = (row: ReportRow) => {
    // Editing shows every branch, so a branch's plan can be set before it has any figures.
    const shown = editing
      ? report.branches.map(
          (b) =>
            row.branches.find((x) => x.branchId === b.id) ?? {
              branchId: b.id,
              branchName: b.name,
              planned: null,
              achieved: null,
              percent: null,
              numerator: null,
              denominator: null,
              targetVersion: null,
            },
        )
      : row.branches;
    return shown.map((b) => (
      <Table.Tr key={b.branchId} data-testid="report-branch-row">
        <Table.Td pl="xl">
          <Text size="sm">{b.branchName}</Text>
        </Table.Td>
        <Table.Td ta="right">{planCell(row.indicatorId, b.branchId, b.planned, `${row.name[lang]} — ${b.branchName}`)}</Table.Td>
        <Table.Td ta="right">{factCell(row, b, b.branchId, `${row.name[lang]} — ${b.branchName}`)}</Table.Td>
        <Table.Td ta="right">{percentCell(b.percent)}</Table.Td>
        <Table.Td />
      </Table.Tr>
    ));
  };

  return (
    <Stack gap="sm">
      {conflict && (
        <Alert color="orange" role="alert" data-testid="targets-conflict">
          {t('reports.conflict')}
        </Alert>
      )}
      {report.abilities.manage && (
        <Group gap="xs">
          {editing ? (
            <>
              <Button size="xs" onClick={submit} loading={save.isPending}>
                {t('reports.saveTargets')}
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setEditing(false);
                  setDraft({});
                  setErrors({});
                }}
              >
                {t('reports.cancel')}
              </Button>
              <Text size="xs" c="dimmed">
                {t('reports.shareHint')}
              </Text>
            </>
          ) : (
            <Button size="xs" variant="light" onClick={() => setEditing(true)} disabled={report.rows.length === 0}>
              {t('reports.editTargets')}
            </Button>
          )}
        </Group>
      )}
      <Table withTableBorder verticalSpacing="xs" data-testid="plan-vs-actual">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.columns.indicator')}</Table.Th>
            <Table.Th ta="right">{t('reports.columns.plan')}</Table.Th>
            <Table.Th ta="right">{t('reports.columns.fact')}</Table.Th>
            <Table.Th ta="right">{t('reports.columns.percent')}</Table.Th>
            <Table.Th ta="right">{t('reports.columns.version')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.rows.map((row) => (
            <Fragment key={row.indicatorId}>
              <Table.Tr data-testid="report-row" data-code={row.code} bg="var(--mantine-color-gray-0)">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {row.name[lang]}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{planCell(row.indicatorId, null, row.planned, row.name[lang])}</Table.Td>
                <Table.Td ta="right">{factCell(row, row, null, row.name[lang])}</Table.Td>
                <Table.Td ta="right">{percentCell(row.percent)}</Table.Td>
                <Table.Td ta="right">
                  <Badge variant="light" color="gray" size="sm">
                    {t('reports.definitionVersion', { version: row.definitionVersion })}
                  </Badge>
                </Table.Td>
              </Table.Tr>
              {branchRows(row)}
              {(report.abilities.manage || row.narrative?.text) && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <NarrativeEditor
                      key={`${report.programme.id}:${report.from}:${report.to}:${row.indicatorId}:${row.narrative?.version ?? 0}`}
                      programmeId={report.programme.id}
                      from={report.from}
                      to={report.to}
                      indicatorId={row.indicatorId}
                      narrative={row.narrative}
                      canEdit={report.abilities.manage}
                    />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
