// The breach register (issue 17, point 5): incidents with their deadlines and notices, registered and
// changed by the admin in one form.
import { useState } from 'react';
import { Badge, Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DATA_CATEGORIES, type BreachView, type DataCategory } from '../../domain/breaches/contracts.js';
import { api, isApiError } from '../app/api.js';
import { formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { breachApi, breachKeys } from './api.js';

/** datetime-local (the user's time) ⇄ ISO. */
const toLocal = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (value: string) => (value ? new Date(value).toISOString() : null);

interface FormState {
  discoveredAt: string;
  title: string;
  description: string;
  dataCategories: DataCategory[];
  peopleAffected: number | null;
  measures: string;
  responsibleId: string;
  notice24hOn: string;
  notice72hOn: string;
  closedAt: string;
}

function initial(b: BreachView | null): FormState {
  return {
    discoveredAt: toLocal(b?.discoveredAt ?? new Date().toISOString()),
    title: b?.title ?? '',
    description: b?.description ?? '',
    dataCategories: b?.dataCategories ?? [],
    peopleAffected: b?.peopleAffected ?? null,
    measures: b?.measures ?? '',
    responsibleId: b?.responsibleId ?? '',
    notice24hOn: toLocal(b?.notice24hOn ?? null),
    notice72hOn: toLocal(b?.notice72hOn ?? null),
    closedAt: toLocal(b?.closedAt ?? null),
  };
}

function BreachForm({ breach, onClose }: { breach: BreachView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<FormState>(() => initial(breach));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const users = useQuery({ queryKey: ['users', 'active'], queryFn: () => api.users.list({ active: 'true' }) });
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        ...form,
        discoveredAt: fromLocal(form.discoveredAt) ?? '',
        notice24hOn: fromLocal(form.notice24hOn),
        notice72hOn: fromLocal(form.notice72hOn),
        closedAt: fromLocal(form.closedAt),
      };
      return breach ? breachApi.update(breach.id, { ...body, version: breach.version }) : breachApi.create(body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: breachKeys.list });
      await client.invalidateQueries({ queryKey: breachKeys.reminders });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e)) setErrors(Object.fromEntries(e.fields.map((f) => [f.path, f.message])));
    },
  });
  const userOptions = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.lastName} ${u.firstName}` }));
  return (
    <Stack gap="sm">
      <TextInput
        type="datetime-local"
        label={t('protection.breaches.discoveredAt')}
        value={form.discoveredAt}
        onChange={(e) => set('discoveredAt', e.currentTarget.value)}
        error={errors.discoveredAt}
        required
      />
      <TextInput
        label={t('protection.breaches.titleField')}
        value={form.title}
        onChange={(e) => set('title', e.currentTarget.value)}
        error={errors.title}
        required
        maxLength={300}
      />
      <Textarea
        label={t('protection.breaches.description')}
        value={form.description}
        onChange={(e) => set('description', e.currentTarget.value)}
        error={errors.description}
        autosize
        minRows={2}
      />
      <MultiSelect
        label={t('protection.breaches.categories')}
        data={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`protection.breaches.categoryNames.${c}`) }))}
        value={form.dataCategories}
        onChange={(v) => set('dataCategories', v as DataCategory[])}
        error={errors.dataCategories}
      />
      <NumberInput
        label={t('protection.breaches.peopleAffected')}
        value={form.peopleAffected ?? ''}
        min={0}
        onChange={(v) => set('peopleAffected', typeof v === 'number' ? v : null)}
        error={errors.peopleAffected}
      />
      <Textarea
        label={t('protection.breaches.measures')}
        value={form.measures}
        onChange={(e) => set('measures', e.currentTarget.value)}
        error={errors.measures}
        autosize
        minRows={2}
      />
      <Select
        label={t('protection.breaches.responsible')}
        data={userOptions}
        value={form.responsibleId || null}
        onChange={(v) => set('responsibleId', v ?? '')}
        error={errors.responsibleId}
        searchable
        required
      />
      <Group grow>
        <TextInput
          type="datetime-local"
          label={t('protection.breaches.notice24')}
          value={form.notice24hOn}
          onChange={(e) => set('notice24hOn', e.currentTarget.value)}
          error={errors.notice24hOn}
        />
        <TextInput
          type="datetime-local"
          label={t('protection.breaches.notice72')}
          value={form.notice72hOn}
          onChange={(e) => set('notice72hOn', e.currentTarget.value)}
          error={errors.notice72hOn}
        />
      </Group>
      <TextInput
        type="datetime-local"
        label={t('protection.breaches.closedAt')}
        value={form.closedAt}
        onChange={(e) => set('closedAt', e.currentTarget.value)}
        error={errors.closedAt}
      />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('protection.breaches.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function Deadline({ deadline, sent }: { deadline: string; sent: string | null }) {
  const { t } = useTranslation();
  if (sent) return <Badge color="green">{t('protection.breaches.sent', { at: formatDateTime(sent) })}</Badge>;
  const hours = Math.round((new Date(deadline).getTime() - Date.now()) / 3_600_000);
  return (
    <Stack gap={0}>
      <Text size="sm">{formatDateTime(deadline)}</Text>
      <Badge color={hours < 0 ? 'red' : 'orange'}>
        {hours < 0 ? t('protection.breaches.overdue') : t('protection.breaches.dueIn', { hours })}
      </Badge>
    </Stack>
  );
}

export function BreachesPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: breachKeys.list, queryFn: breachApi.list });
  const [editing, setEditing] = useState<BreachView | 'new' | null>(null);
  return (
    <Page
      title={t('protection.breaches.title')}
      actions={
        <Group gap="xs">
          <ExportButtons url="/api/breaches" testId="breaches-export" />
          <Button onClick={() => setEditing('new')}>{t('protection.breaches.add')}</Button>
        </Group>
      }
    >
      <Text size="sm" c="dimmed">
        {t('protection.breaches.intro')}
      </Text>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('protection.breaches.none')}</EmptyState>
      ) : (
        <Table striped data-testid="breaches-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('protection.breaches.discoveredAt')}</Table.Th>
              <Table.Th>{t('protection.breaches.titleField')}</Table.Th>
              <Table.Th>{t('protection.breaches.peopleAffected')}</Table.Th>
              <Table.Th>{t('protection.breaches.deadline24')}</Table.Th>
              <Table.Th>{t('protection.breaches.deadline72')}</Table.Th>
              <Table.Th>{t('protection.breaches.responsible')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((b) => (
              <Table.Tr key={b.id} onClick={() => setEditing(b)} style={{ cursor: 'pointer' }}>
                <Table.Td>{formatDateTime(b.discoveredAt)}</Table.Td>
                <Table.Td>{b.title}</Table.Td>
                <Table.Td>{b.peopleAffected ?? '—'}</Table.Td>
                <Table.Td>
                  <Deadline deadline={b.deadline24h} sent={b.notice24hOn} />
                </Table.Td>
                <Table.Td>
                  <Deadline deadline={b.deadline72h} sent={b.notice72hOn} />
                </Table.Td>
                <Table.Td>{b.responsibleName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing === 'new' ? 'protection.breaches.add' : 'protection.breaches.edit')}
        size="lg"
      >
        {editing !== null && <BreachForm breach={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      </Modal>
    </Page>
  );
}
