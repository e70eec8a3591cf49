// Filters of the audit log: who, what kind of record, which record, which action, when.
import { useState } from 'react';
import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditAction } from '../../domain/audit/contracts.js';
import { useUsers } from '../access/queries.js';
import { fullName } from '../app/format.js';
import { useCan } from '../app/session.js';
import { RECORD_TYPES, useAuditLabels } from './labels.js';
import type { AuditSearch } from './search.js';

interface Values {
  userId: string | null;
  recordType: string;
  recordId: string;
  action: string | null;
  from: string | null;
  to: string | null;
}

const PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss';
const toPicker = (iso: string | undefined) => (iso ? dayjs(iso).format(PICKER_FORMAT) : null);
const toIso = (value: string | null) => (value ? dayjs(value).toISOString() : undefined);

function valuesOf(search: AuditSearch): Values {
  return {
    userId: search.userId ?? null,
    recordType: search.recordType ?? '',
    recordId: search.recordId ?? '',
    action: search.action ?? null,
    from: toPicker(search.from),
    to: toPicker(search.to),
  };
}

function searchOf(values: Values): AuditSearch {
  return {
    userId: values.userId ?? undefined,
    recordType: values.recordType.trim() || undefined,
    recordId: values.recordId.trim() || undefined,
    action: (values.action as AuditAction | null) ?? undefined,
    from: toIso(values.from),
    to: toIso(values.to),
  };
}

function useUserOptions() {
  const can = useCan();
  const users = useUsers({}, can('users.read'));
  return (users.data?.items ?? []).map((user) => ({ value: user.id, label: `${fullName(user)} (${user.email})` }));
}

export function AuditFilters({ search, onApply }: { search: AuditSearch; onApply: (search: AuditSearch) => void }) {
  const { t, i18n } = useTranslation();
  const labels = useAuditLabels();
  const users = useUserOptions();
  const [values, setValues] = useState(() => valuesOf(search));
  // A type reached through a record link may belong to an area this list does not name yet.
  const recordTypes = [...new Set([...RECORD_TYPES, ...(values.recordType ? [values.recordType] : [])])];
  const set = (patch: Partial<Values>) => setValues((current) => ({ ...current, ...patch }));
  const pickerFormat = i18n.language === 'ru' ? 'DD.MM.YYYY HH:mm' : 'DD/MM/YYYY HH:mm';
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onApply(searchOf(values));
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <Select
          label={t('audit.user')}
          placeholder={t('audit.anyUser')}
          data={users}
          value={values.userId}
          onChange={(userId) => set({ userId })}
          searchable
          clearable
          data-testid="audit-user"
        />
        <Select
          label={t('audit.action')}
          placeholder={t('common.all')}
          data={AUDIT_ACTIONS.map((action) => ({ value: action, label: labels.action(action) }))}
          value={values.action}
          onChange={(action) => set({ action })}
          clearable
        />
        <Select
          label={t('audit.recordType')}
          placeholder={t('common.all')}
          data={recordTypes.map((type) => ({ value: type, label: labels.recordType(type) }))}
          value={values.recordType || null}
          onChange={(recordType) => set({ recordType: recordType ?? '' })}
          clearable
        />
        <TextInput label={t('audit.recordId')} value={values.recordId} onChange={(event) => set({ recordId: event.currentTarget.value })} />
        <DateTimePicker
          label={t('web.audit.periodFrom')}
          valueFormat={pickerFormat}
          value={values.from}
          onChange={(from) => set({ from })}
          clearable
        />
        <DateTimePicker
          label={t('web.audit.periodTo')}
          valueFormat={pickerFormat}
          value={values.to}
          onChange={(to) => set({ to })}
          clearable
        />
      </SimpleGrid>
      <Group gap="xs" mt="sm">
        <Button type="submit">{t('common.apply')}</Button>
        <Button variant="light" onClick={() => onApply({ ...searchOf(values), action: 'read' })}>
          {t('audit.onlyReads')}
        </Button>
        <Button variant="default" onClick={() => onApply({})}>
          {t('common.reset')}
        </Button>
      </Group>
    </form>
  );
}
