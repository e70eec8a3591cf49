// «My day»: a specialist enters the day's consultations from one screen — a row per consultation
// (family, type, duration, format, who asked for it), saved together through the batch route (all or
// nothing). Errors come back with their row and field (services.2.durationMinutes) and show there.
import { useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { today } from '../../domain/families/people.js';
import { SERVICE_FORMATS, ServiceInput } from '../../domain/services/contracts.js';
import { isApiError, newIdempotencyKey } from '../app/api.js';
import { localFieldErrors } from '../app/forms.js';
import { Page } from '../app/Page.js';
import { useMe } from '../app/session.js';
import { FormError } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { servicesApi } from './api.js';
import { errorsByRow } from './rows.js';
import { CasePicker, type PickedCase } from './CasePicker.js';
import { DEFAULT_DURATION, DURATION_PRESETS, rememberTypeUse, typeOptions, useTypesByUse } from './labels.js';

type Format = (typeof SERVICE_FORMATS)[number];

interface Row {
  key: number;
  picked: PickedCase | null;
  typeId: string | null;
  durationMinutes: number | string;
  format: Format;
  initiatedBy: 'client' | 'team';
  note: string;
}

type RowErrors = Record<string, string>;

let nextKey = 1;
const newRow = (from?: Row): Row => ({
  key: nextKey++,
  picked: null,
  typeId: from?.typeId ?? null,
  durationMinutes: from?.durationMinutes ?? DEFAULT_DURATION,
  format: from?.format ?? 'in_person',
  initiatedBy: 'team',
  note: '',
});

function RowCard({
  row,
  index,
  errors,
  types,
  onChange,
  onRemove,
}: {
  row: Row;
  index: number;
  errors: RowErrors | undefined;
  types: { value: string; label: string }[];
  onChange: (patch: Partial<Row>) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const duration = Number(row.durationMinutes);
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="day-row"
      aria-label={`${t('services.myDay.case')} ${index + 1}`}
      component="fieldset"
      style={{ borderColor: errors ? 'var(--mantine-color-red-5)' : undefined }}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {index + 1}.
          </Text>
          {onRemove && (
            <ActionIcon variant="subtle" color="red" aria-label={t('services.myDay.removeRow')} onClick={onRemove}>
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs">
          <CasePicker
            label={t('services.myDay.case')}
            placeholder={t('services.myDay.casePlaceholder')}
            withAsterisk
            value={row.picked}
            onChange={(picked) => onChange({ picked })}
            error={errors?.caseId}
          />
          <Select
            label={t('services.type')}
            withAsterisk
            searchable
            allowDeselect={false}
            data={types}
            value={row.typeId ?? types[0]?.value ?? null}
            onChange={(typeId) => onChange({ typeId })}
            error={errors?.typeId}
          />
          <Select
            label={t('services.format')}
            allowDeselect={false}
            data={SERVICE_FORMATS.map((format) => ({ value: format, label: t(`services.formats.${format}`) }))}
            value={row.format}
            onChange={(format) => format && onChange({ format: format as Format })}
            error={errors?.format}
          />
          <NumberInput
            label={t('services.duration')}
            withAsterisk
            clampBehavior="none"
            min={1}
            max={1440}
            step={5}
            value={row.durationMinutes}
            onChange={(durationMinutes) => onChange({ durationMinutes })}
            error={errors?.durationMinutes}
          />
        </SimpleGrid>
        <Group gap={6}>
          {DURATION_PRESETS.map((preset) => (
            <Button
              key={preset}
              size="compact-xs"
              variant={duration === preset ? 'filled' : 'default'}
              aria-pressed={duration === preset}
              onClick={() => onChange({ durationMinutes: preset })}
            >
              {t('services.minutes', { count: preset })}
            </Button>
          ))}
          <Switch
            ml="sm"
            size="sm"
            label={t('services.clientInitiated')}
            checked={row.initiatedBy === 'client'}
            onChange={(event) => onChange({ initiatedBy: event.currentTarget.checked ? 'client' : 'team' })}
          />
        </Group>
        <Textarea
          placeholder={t('services.note')}
          aria-label={t('services.note')}
          autosize
          minRows={1}
          maxRows={4}
          value={row.note}
          onChange={(event) => onChange({ note: event.currentTarget.value })}
          error={errors?.note}
        />
        {errors?.row && (
          <Text size="xs" c="red">
            {errors.row}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function MyDayPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const byUse = useTypesByUse();
  const ordered = useMemo(() => typeOptions(byUse), [byUse]);
  const [date, setDate] = useState(today());
  const [rows, setRows] = useState<Row[]>(() => [newRow(), newRow(), newRow()]);
  const [errors, setErrors] = useState<Map<number, RowErrors>>(new Map());
  const [dateError, setDateError] = useState<string | undefined>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const defaultType = ordered[0]?.value ?? null;

  // Rows the user started (a family picked); empty rows are ignored.
  const filled = rows.filter((row) => row.picked !== null);
  const inputs = filled.map((row) => ({
    caseId: row.picked!.id,
    typeId: row.typeId ?? defaultType ?? '',
    date,
    durationMinutes: row.durationMinutes === '' ? NaN : Number(row.durationMinutes),
    specialistIds: [me.id],
    memberIds: [],
    format: row.format,
    initiatedBy: row.initiatedBy,
    taskIds: [],
    completeTasks: false,
    note: row.note,
  }));
  /** Errors are keyed by the row's position among all rows (the batch only holds the filled ones). */
  const toRowKeys = (batchErrors: Map<number, RowErrors>) =>
    new Map([...batchErrors].map(([batchIndex, rowErrors]) => [rows.indexOf(filled[batchIndex]!), rowErrors] as const));

  const save = useMutation({
    mutationFn: () => servicesApi.recordBatch(inputs, idempotencyKey),
    onSuccess: async (result) => {
      rememberTypeUse(result.items.map((item) => item.typeId));
      notifications.show({ color: 'green', message: t('services.recordedMany', { count: result.items.length }) });
      setIdempotencyKey(newIdempotencyKey());
      setRows([newRow(rows[0]), newRow(rows[0]), newRow(rows[0])]);
      setErrors(new Map());
      await Promise.all([
        client.invalidateQueries({ queryKey: ['services'] }),
        ...result.items.map((item) => client.invalidateQueries({ queryKey: caseKeys.one(item.caseId) })),
      ]);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      setErrors(toRowKeys(errorsByRow(error.fields)));
      setDateError(error.fields.find((field) => field.path.endsWith('.date'))?.message);
    },
  });

  const submit = () => {
    const problems = new Map<number, RowErrors>();
    inputs.forEach((input, index) => {
      const result = ServiceInput.safeParse(input);
      if (!result.success) {
        const rowErrors: RowErrors = {};
        for (const field of localFieldErrors(result.error.issues)) rowErrors[field.path.split('.')[0]!] ??= field.message;
        problems.set(index, rowErrors);
      }
    });
    const dateProblem = problems.size > 0 ? [...problems.values()].find((e) => e.date)?.date : undefined;
    setDateError(dateProblem);
    if (problems.size > 0) {
      setErrors(toRowKeys(problems));
      return;
    }
    setErrors(new Map());
    save.mutate();
  };

  const update = (key: number) => (patch: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const apiError = save.error && !(isApiError(save.error) && save.error.fields.length > 0) ? save.error : null;
  return (
    <Page title={t('services.myDay.title')}>
      <Text size="sm" c="dimmed" mt={-8}>
        {t('services.myDay.hint')}
      </Text>
      <TextInput
        type="date"
        label={t('services.date')}
        withAsterisk
        max={today()}
        w={200}
        value={date}
        onChange={(event) => setDate(event.currentTarget.value)}
        error={dateError}
      />
      <Stack gap="sm">
        {rows.map((row, index) => (
          <RowCard
            key={row.key}
            row={row}
            index={index}
            errors={errors.get(index)}
            types={ordered}
            onChange={update(row.key)}
            onRemove={rows.length > 1 ? () => setRows((current) => current.filter((r) => r.key !== row.key)) : undefined}
          />
        ))}
      </Stack>
      {errors.size > 0 && (
        <Alert color="red" role="alert" p="xs">
          {[...errors.keys()]
            .sort((a, b) => a - b)
            .map((index) => t('services.myDay.rowError', { row: index + 1 }))
            .join(' · ')}
        </Alert>
      )}
      <FormError error={apiError} />
      <Group justify="space-between">
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => setRows((current) => [...current, newRow(current[current.length - 1])])}
        >
          {t('services.myDay.addRow')}
        </Button>
        <Button onClick={submit} loading={save.isPending} disabled={filled.length === 0}>
          {t('services.myDay.saveAll')} {filled.length > 0 ? `(${filled.length})` : ''}
        </Button>
      </Group>
    </Page>
  );
}
