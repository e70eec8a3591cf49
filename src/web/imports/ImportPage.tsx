// The import wizard: upload a file → map its columns → preview each row's problems and the possible
// duplicates (choose skip or link) → import with a progress bar → the report of rows not imported
// (XLSX/CSV to fix and upload again) and undo; and the history of one's imports.
import { useState } from 'react';
import { Alert, Badge, Button, Card, FileInput, Group, Progress, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_FIELDS,
  IMPORT_KINDS,
  type ImportField,
  type ImportJobView,
  type ImportKind,
  type ImportRowView,
} from '../../domain/imports/contracts.js';
import { api, newIdempotencyKey } from '../app/api.js';
import { ConfirmModal } from '../app/ConfirmModal.js';
import { formatDateTime } from '../app/format.js';
import { currentLanguage } from '../app/i18n.js';
import { Page } from '../app/Page.js';
import { useMe } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { fileToBase64, importKeys, importsApi } from './api.js';

const WORKING = ['analysing', 'running'];

export function ImportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('families');
  const [file, setFile] = useState<File | null>(null);
  const history = useQuery({ queryKey: importKeys.all, queryFn: importsApi.list });
  const upload = useMutation({
    mutationFn: async () =>
      importsApi.upload({ kind, fileName: file!.name, contentBase64: await fileToBase64(file!) }, newIdempotencyKey()),
    onSuccess: async (job) => {
      await queryClient.invalidateQueries({ queryKey: importKeys.all });
      await navigate({ to: '/imports/$jobId', params: { jobId: job.id } });
    },
  });
  return (
    <Page title={t('imports.title')}>
      <Card withBorder>
        <Stack gap="sm">
          <Text size="sm">{t('imports.intro')}</Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as ImportKind)}
            data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
            aria-label={t('imports.kind')}
            data-testid="import-kind"
          />
          <Text size="sm" c="dimmed">
            {t(`imports.kindHelp.${kind}`)}
          </Text>
          <FileInput
            label={t('imports.fileLabel')}
            placeholder={t('imports.chooseFile')}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={setFile}
            leftSection={<IconFileSpreadsheet size={16} />}
            data-testid="import-file"
          />
          <FormError error={upload.error} />
          <Group>
            <Button onClick={() => upload.mutate()} disabled={!file} loading={upload.isPending} data-testid="import-upload">
              {t('imports.upload')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Text fw={600}>{t('imports.history')}</Text>
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <EmptyState>{t('imports.noHistory')}</EmptyState>
      ) : (
        <Table striped data-testid="import-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.fileLabel')}</Table.Th>
              <Table.Th>{t('imports.kind')}</Table.Th>
              <Table.Th>{t('imports.status')}</Table.Th>
              <Table.Th>{t('imports.rows')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.items.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td>
                  {job.fileName}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(job.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`imports.kinds.${job.kind}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`imports.jobStatuses.${job.status}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  {job.rowCount}
                  {job.status === 'done' && (
                    <Text size="xs" c="dimmed">
                      {t('imports.counts.imported', { count: job.counts.imported + job.counts.linked })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    renderRoot={(props) => <Link {...props} to="/imports/$jobId" params={{ jobId: job.id }} />}
                    size="xs"
                    variant="light"
                  >
                    {t('imports.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}

export function ImportJobPage() {
  const { t } = useTranslation();
  const { jobId } = useParams({ from: '/imports/$jobId' });
  const job = useQuery({
    queryKey: importKeys.job(jobId),
    queryFn: () => importsApi.get(jobId),
    refetchInterval: (query) => (query.state.data && WORKING.includes(query.state.data.status) ? 500 : false),
  });
  return (
    <Page
      title={t('imports.title')}
      actions={
        <Button component={Link} to="/imports" variant="light" size="xs">
          {t('imports.newImport')}
        </Button>
      }
    >
      {job.isPending ? (
        <LoadingState />
      ) : job.isError ? (
        <ErrorState error={job.error} onRetry={() => void job.refetch()} />
      ) : (
        <JobSteps job={job.data} />
      )}
    </Page>
  );
}

function JobSteps({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const [remap, setRemap] = useState(false);
  const working = WORKING.includes(job.status);
  const mapping =
    job.status === 'uploaded' ||
    (job.status === 'interrupted' && !job.analysed) ||
    (remap && (job.status === 'previewed' || job.status === 'interrupted'));
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Text fw={600}>{job.fileName}</Text>
        <Badge variant="light">{t(`imports.kinds.${job.kind}`)}</Badge>
        <Badge data-testid="import-status">{t(`imports.jobStatuses.${job.status}`)}</Badge>
        <Text size="sm" c="dimmed">
          {t('imports.rows')}: {job.rowCount}
        </Text>
      </Group>
      {working && (
        <Stack gap={4}>
          <Text size="sm">
            {job.status === 'analysing'
              ? t('imports.analysing')
              : t('imports.running', { done: job.progress.done, total: job.progress.total })}
          </Text>
          <Progress
            value={job.progress.total > 0 ? (100 * job.progress.done) / job.progress.total : 0}
            animated
            aria-label={t('imports.running', { done: job.progress.done, total: job.progress.total })}
            data-testid="import-progress"
          />
        </Stack>
      )}
      {mapping ? (
        <MappingStep job={job} onDone={() => setRemap(false)} />
      ) : (
        !working && job.status !== 'uploaded' && <Results job={job} onRemap={() => setRemap(true)} />
      )}
    </Stack>
  );
}

function MappingStep({ job, onDone }: { job: ImportJobView; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const branches = useQuery({ queryKey: ['branches'], queryFn: api.branches.list });
  const [columns, setColumns] = useState<(string | null)[]>(() =>
    job.headers.map((_, index) => Object.entries(job.mapping).find(([, column]) => column === index)?.[0] ?? null),
  );
  const [branchId, setBranchId] = useState<string | null>(job.branchId);
  const fields = IMPORT_FIELDS[job.kind] as readonly string[];
  const save = useMutation({
    mutationFn: () => {
      const mapping: Record<string, number> = {};
      columns.forEach((field, index) => {
        if (field && mapping[field] === undefined) mapping[field] = index;
      });
      return importsApi.map(job.id, { mapping, branchId, version: job.version });
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(importKeys.job(job.id), updated);
      onDone();
    },
  });
  const myBranches = (branches.data?.items ?? []).filter((b) => me.branchIds.includes(b.id));
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600}>{t('imports.mapTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('imports.mapHelp')}
        </Text>
        {job.mappingRemembered && (
          <Alert color="blue" variant="light">
            {t('imports.remembered')}
          </Alert>
        )}
        <Table data-testid="import-mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.column')}</Table.Th>
              <Table.Th>{t('imports.field')}</Table.Th>
              <Table.Th>{t('imports.example')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {job.headers.map((header, index) => (
              <Table.Tr key={index}>
                <Table.Td>{header || '—'}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`${t('imports.field')}: ${header}`}
                    placeholder={t('imports.notImported')}
                    clearable
                    value={columns[index] ?? null}
                    onChange={(value) => setColumns((all) => all.map((f, i) => (i === index ? value : f === value && value ? null : f)))}
                    data={fields.map((f) => ({ value: f, label: t(`imports.fields.${f as ImportField}`) }))}
                    data-testid={`map-${index}`}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {job.sample
                      .map((row) => row[index] ?? '')
                      .filter(Boolean)
                      .slice(0, 2)
                      .join(' · ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Select
          label={t('imports.defaultBranch')}
          value={branchId}
          onChange={setBranchId}
          clearable
          data={myBranches.map((b) => ({ value: b.id, label: b.name }))}
          maw={360}
          data-testid="import-branch"
        />
        <FormError error={save.error} />
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="import-check">
            {t('imports.check')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Results({ job, onRemap }: { job: ImportJobView; onRemap: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState(job.status === 'done' ? 'not_imported' : 'all');
  const [confirmUndo, setConfirmUndo] = useState(false);
  const run = useMutation({
    mutationFn: () => importsApi.run(job.id, job.version),
    onSuccess: (updated) => queryClient.setQueryData(importKeys.job(job.id), updated),
  });
  const undo = useMutation({
    mutationFn: () => importsApi.undo(job.id, job.version),
    onSuccess: async (updated) => {
      queryClient.setQueryData(importKeys.job(job.id), updated);
      setConfirmUndo(false);
      notifications.show({ color: 'green', message: t('imports.undone') });
      await queryClient.invalidateQueries({ queryKey: importKeys.all });
    },
  });
  const c = job.counts;
  const lang = currentLanguage();
  const canRun = (job.status === 'previewed' || job.status === 'interrupted') && job.analysed;
  return (
    <Stack gap="sm">
      {job.status === 'done' && (
        <Alert color="green" title={t('imports.doneTitle')} data-testid="import-done">
          {t('imports.reportHelp')}
        </Alert>
      )}
      <Group gap="xs" data-testid="import-counts">
        {(['ready', 'problems', 'duplicates', 'imported', 'linked', 'skipped', 'failed'] as const)
          .filter((k) => c[k] > 0)
          .map((k) => (
            <Badge
              key={k}
              variant="light"
              color={k === 'problems' || k === 'failed' ? 'red' : k === 'duplicates' ? 'orange' : 'green'}
              data-testid={`count-${k}`}
            >
              {t(`imports.counts.${k}`, { count: c[k] })}
            </Badge>
          ))}
      </Group>
      <Group gap="xs">
        {canRun && (
          <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="import-run">
            {job.status === 'interrupted' ? t('imports.continueImport') : t('imports.runImport')}
          </Button>
        )}
        {job.status === 'previewed' && (
          <Button variant="light" onClick={onRemap}>
            {t('imports.mapTitle')}
          </Button>
        )}
        {(job.status === 'done' || job.status === 'previewed') &&
          (['xlsx', 'csv'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              href={importsApi.reportUrl(job.id, format, lang)}
              download
              variant="light"
              leftSection={<IconDownload size={14} />}
              data-testid={`import-report-${format}`}
            >
              {t(format === 'xlsx' ? 'imports.downloadXlsx' : 'imports.downloadCsv')}
            </Button>
          ))}
        {job.status === 'done' && (
          <Button color="red" variant="light" onClick={() => setConfirmUndo(true)} data-testid="import-undo">
            {t('imports.undo')}
          </Button>
        )}
      </Group>
      <FormError error={run.error} />
      <ConfirmModal
        opened={confirmUndo}
        title={t('imports.undo')}
        message={t('imports.undoConfirm')}
        confirmLabel={t('imports.undo')}
        danger
        loading={undo.isPending}
        error={undo.error}
        onConfirm={() => undo.mutate()}
        onClose={() => setConfirmUndo(false)}
      />
      <SegmentedControl
        value={filter}
        onChange={setFilter}
        data={(['all', 'problems', 'duplicates', 'not_imported'] as const).map((f) => ({ value: f, label: t(`imports.filters.${f}`) }))}
        data-testid="import-filter"
      />
      <RowsTable job={job} filter={filter} editable={canRun} />
    </Stack>
  );
}

function RowsTable({ job, filter, editable }: { job: ImportJobView; filter: string; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const pageSize = 100;
  const rows = useQuery({
    queryKey: [...importKeys.rows(job.id, filter, page), job.version, job.status],
    queryFn: () => importsApi.rows(job.id, { filter, page, pageSize }),
  });
  const decide = useMutation({
    mutationFn: (d: { rowNumber: number; decision: 'new' | 'skip' | 'link'; familyId: string | null }) =>
      importsApi.decide(job.id, { decisions: [d], version: job.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(importKeys.job(job.id), updated);
      notifications.show({ color: 'green', message: t('imports.decided') });
    },
  });
  if (rows.isPending) return <LoadingState />;
  if (rows.isError) return <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />;
  if (rows.data.items.length === 0) return <EmptyState />;
  const shown = Math.min(job.headers.length, 4);
  return (
    <Stack gap="xs">
      <FormError error={decide.error} />
      <Table striped data-testid="import-rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.row')}</Table.Th>
            {job.headers.slice(0, shown).map((h, i) => (
              <Table.Th key={i}>{h}</Table.Th>
            ))}
            <Table.Th>{t('imports.status')}</Table.Th>
            <Table.Th>{t('imports.problemsColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.data.items.map((row) => (
            <Table.Tr key={row.rowNumber} data-testid={`import-row-${row.rowNumber}`}>
              <Table.Td>{row.rowNumber}</Table.Td>
              {row.cells.slice(0, shown).map((cell, i) => (
                <Table.Td key={i}>{cell}</Table.Td>
              ))}
              {Array.from({ length: Math.max(0, shown - row.cells.length) }, (_, i) => (
                <Table.Td key={`e${i}`} />
              ))}
              <Table.Td>
                <Badge
                  variant="light"
                  color={row.status === 'problem' || row.status === 'failed' ? 'red' : row.status === 'duplicate' ? 'orange' : 'gray'}
                >
                  {t(`imports.statuses.${row.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <RowDetails
                  row={row}
                  editable={editable}
                  onDecide={(d) => decide.mutate({ rowNumber: row.rowNumber, ...d })}
                  kind={job.kind}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.data.total > pageSize && (
        <Group gap="xs">
          <Button size="xs" variant="light" disabled={page === 1} onClick={() => setPage(page - 1)}>
            ←
          </Button>
          <Text size="sm">
            {page} / {Math.ceil(rows.data.total / pageSize)}
          </Text>
          <Button size="xs" variant="light" disabled={page * pageSize >= rows.data.total} onClick={() => setPage(page + 1)}>
            →
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RowDetails({
  row,
  editable,
  kind,
  onDecide,
}: {
  row: ImportRowView;
  editable: boolean;
  kind: ImportKind;
  onDecide: (d: { decision: 'new' | 'skip' | 'link'; familyId: string | null }) => void;
}) {
  const { t } = useTranslation();
  const duplicate = row.duplicates.length > 0 || row.outsideReach || row.sameAsRow !== null;
  const value = row.decision === 'link' ? `link:${row.linkedFamilyId}` : (row.decision ?? '');
  return (
    <Stack gap={4}>
      {row.problems.map((p, i) => (
        <Text key={i} size="sm" c="red">
          {p.message}
        </Text>
      ))}
      {row.sameAsRow !== null && <Text size="sm">{t('imports.sameAsRow', { row: row.sameAsRow })}</Text>}
      {row.outsideReach && <Text size="sm">{t('imports.outsideReach')}</Text>}
      {row.duplicates.map((d) => (
        <Text key={d.familyId} size="sm">
          {t('imports.duplicatesOf')}: {d.name} ({d.branchName})
        </Text>
      ))}
      {duplicate && row.status === 'duplicate' && editable && (
        <Select
          size="xs"
          aria-label={t('imports.decision')}
          value={value}
          onChange={(v) => {
            if (!v) return;
            if (v.startsWith('link:')) onDecide({ decision: 'link', familyId: v.slice(5) });
            else onDecide({ decision: v as 'new' | 'skip', familyId: null });
          }}
          data={[
            { value: 'skip', label: t('imports.decisions.skip') },
            ...(kind === 'families' ? [{ value: 'new', label: t('imports.decisions.new') }] : []),
            ...row.duplicates.map((d) => ({ value: `link:${d.familyId}`, label: `${t('imports.decisions.link')}: ${d.name}` })),
          ]}
          data-testid={`decision-${row.rowNumber}`}
        />
      )}
    </Stack>
  );
}
