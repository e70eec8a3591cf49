// Consultations for external specialists: the list of the caller's branches with the hours in total,
// and the form (day, minutes, topic, specialists; the case of the family whose child it concerns —
// only cases the caller reaches are offered, and the note about the child is seen only by the team);
// a consultation is corrected in the same form (one typed with a wrong day or length).
import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConsultationView } from '../../domain/trainings/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan, useMe } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { casesApi } from '../cases/api.js';
import { CaseLink } from '../cases/links.js';
import { bindFields, errorsByPath } from '../app/fields.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { trainingKeys, trainingsApi } from './api.js';
import { listError, OwnBranchSelect, ProgrammeSelect } from './fields.js';

/** A new consultation, or the correction of an existing one. */
function ConsultationForm({ existing, onDone }: { existing?: ConsultationView; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const [key] = useState(newIdempotencyKey);
  const [search, setSearch] = useState('');
  const [caseSearch, setCaseSearch] = useState('');
  const [v, setV] = useState({
    branchId: existing?.branchId ?? me.branchIds[0] ?? '',
    programmeId: existing?.programmeId ?? '',
    givenOn: existing?.givenOn ?? new Date().toISOString().slice(0, 10),
    minutes: (existing?.minutes ?? 60) as number | string,
    topic: existing?.topic ?? '',
    specialistIds: (existing?.specialists ?? []).flatMap((s) => (s.specialistId ? [s.specialistId] : [])),
    // A case the caller does not reach is not in the view at all; the server keeps it as it is.
    caseId: existing?.caseId ?? '',
    caseNote: existing?.caseNote ?? '',
  });
  const [known, setKnown] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      (existing?.specialists ?? []).flatMap((s) =>
        s.specialistId ? [[s.specialistId, [s.name, s.profession, s.city].filter(Boolean).join(' · ')]] : [],
      ),
    ),
  );
  const specialists = useQuery({ queryKey: trainingKeys.specialists(search), queryFn: () => trainingsApi.specialists(search) });
  const cases = useQuery({
    queryKey: ['cases', 'list', { q: caseSearch, pick: true }],
    queryFn: () => casesApi.list({ q: caseSearch || undefined, pageSize: 20 }),
    enabled: can('cases.read'),
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        branchId: v.branchId,
        ...(v.programmeId && { programmeId: v.programmeId }),
        givenOn: v.givenOn,
        minutes: Number(v.minutes),
        topic: v.topic,
        specialistIds: v.specialistIds,
        ...(v.caseId && { caseId: v.caseId }),
        caseNote: v.caseId ? v.caseNote : '',
      };
      return existing
        ? trainingsApi.updateConsultation(existing.id, { ...body, version: existing.version })
        : trainingsApi.addConsultation(body, key);
    },
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('trainings.messages.saved') });
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  const field = bindFields(v, setV, errors);
  const specialistOptions = [
    ...(specialists.data?.items ?? []).map((s) => ({ value: s.id, label: [s.name, s.profession, s.city].filter(Boolean).join(' · ') })),
    ...v.specialistIds
      .filter((id) => !specialists.data?.items.some((s) => s.id === id))
      .map((id) => ({ value: id, label: known[id] ?? id })),
  ];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput type="date" label={t('trainings.fields.givenOn')} withAsterisk {...field.text('givenOn')} />
        <NumberInput
          label={t('trainings.fields.minutes')}
          withAsterisk
          min={5}
          max={480}
          step={15}
          value={v.minutes}
          onChange={(minutes) => setV({ ...v, minutes })}
          error={errors.minutes}
        />
        <OwnBranchSelect value={v.branchId} onChange={(branchId) => setV({ ...v, branchId })} error={errors.branchId} />
      </SimpleGrid>
      <TextInput label={t('trainings.fields.topic')} withAsterisk {...field.text('topic')} />
      <MultiSelect
        label={t('trainings.fields.specialists')}
        placeholder={t('trainings.fields.search')}
        withAsterisk
        searchable
        data={specialistOptions}
        value={v.specialistIds}
        onChange={(specialistIds) => {
          const labels = Object.fromEntries(specialistOptions.map((o) => [o.value, o.label]));
          setKnown({ ...known, ...labels });
          setV({ ...v, specialistIds });
        }}
        onSearchChange={setSearch}
        error={listError(errors, 'specialistIds')}
      />
      <ProgrammeSelect value={v.programmeId} onChange={(programmeId) => setV({ ...v, programmeId })} error={errors.programmeId} />
      {can('cases.read') && (
        <Select
          label={t('trainings.fields.case')}
          clearable
          searchable
          data={[
            ...(cases.data?.items ?? []).map((c) => ({ value: c.id, label: c.familyName })),
            // The linked case keeps a name in the box while the search shows other cases.
            ...(existing?.caseId && !cases.data?.items.some((c) => c.id === existing.caseId)
              ? [{ value: existing.caseId, label: t('trainings.messages.linkedCase') }]
              : []),
          ]}
          value={v.caseId || null}
          onChange={(caseId) => setV({ ...v, caseId: caseId ?? '' })}
          onSearchChange={setCaseSearch}
          error={errors.caseId}
        />
      )}
      {v.caseId && <Textarea label={t('trainings.fields.caseNote')} autosize minRows={2} {...field.text('caseNote')} />}
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('trainings.actions.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ConsultationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ConsultationView | null>(null);
  const list = useQuery({ queryKey: trainingKeys.consultations({}), queryFn: () => trainingsApi.consultations({}) });
  const [removing, setRemoving] = useState<ConsultationView | null>(null);
  const remove = useMutation({
    mutationFn: (k: ConsultationView) => trainingsApi.deleteConsultation(k.id, k.version),
    onSuccess: () => {
      setRemoving(null);
      notifications.show({ color: 'green', message: t('trainings.messages.deleted') });
      void client.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
  return (
    <Page
      title={t('trainings.nav.consultations')}
      actions={
        <>
          <ExportButtons url="/api/specialist-consultations" testId="consultations-export" />
          {can('trainings.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('trainings.actions.newConsultation')}
            </Button>
          )}
        </>
      }
    >
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('trainings.actions.newConsultation')} size="lg">
        {creating && (
          <ConsultationForm
            onDone={() => {
              setCreating(false);
              void client.invalidateQueries({ queryKey: trainingKeys.all });
            }}
          />
        )}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('trainings.actions.editConsultation')} size="lg">
        {editing && (
          <ConsultationForm
            key={`${editing.id}:${editing.version}`}
            existing={editing}
            onDone={() => {
              setEditing(null);
              void client.invalidateQueries({ queryKey: trainingKeys.all });
            }}
          />
        )}
      </Modal>
      <Modal
        opened={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title={t('trainings.actions.deleteConsultation')}
      >
        <Stack gap="sm">
          <Text>{t('trainings.messages.confirmDeleteConsultation')}</Text>
          {removing && (
            <Text size="sm" c="dimmed">
              {formatDate(removing.givenOn)} — {removing.topic}
            </Text>
          )}
          <FormError error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('trainings.actions.cancel')}
            </Button>
            <Button color="red" onClick={() => removing && remove.mutate(removing)} loading={remove.isPending}>
              {t('trainings.actions.confirmDelete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('trainings.messages.consultationsEmpty')}</EmptyState>
      ) : (
        <Stack gap="xs">
          <Text fw={500}>{t('trainings.messages.totalHours', { hours: Math.round((list.data.totalMinutes / 60) * 100) / 100 })}</Text>
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('trainings.fields.givenOn')}</Table.Th>
                  <Table.Th>{t('trainings.fields.topic')}</Table.Th>
                  <Table.Th>{t('trainings.fields.specialists')}</Table.Th>
                  <Table.Th>{t('trainings.fields.minutes')}</Table.Th>
                  <Table.Th>{t('trainings.fields.givenBy')}</Table.Th>
                  {can('trainings.manage') && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((k) => (
                  <Table.Tr key={k.id}>
                    <Table.Td>{formatDate(k.givenOn)}</Table.Td>
                    <Table.Td>
                      {k.topic}
                      {k.caseId && (
                        <Text size="xs">
                          <CaseLink caseId={k.caseId}>{t('trainings.fields.case')}</CaseLink>
                          {k.caseNote ? ` — ${k.caseNote}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{k.specialists.map((s) => [s.name, s.profession].filter(Boolean).join(', ')).join('; ')}</Table.Td>
                    <Table.Td>{k.minutes}</Table.Td>
                    <Table.Td>{k.givenBy}</Table.Td>
                    {can('trainings.manage') && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <ActionIcon variant="subtle" aria-label={t('trainings.actions.editConsultation')} onClick={() => setEditing(k)}>
                            <IconPencil size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('trainings.actions.deleteConsultation')}
                            onClick={() => setRemoving(k)}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Page>
  );
}
