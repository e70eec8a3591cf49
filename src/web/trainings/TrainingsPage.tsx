// Trainings, internships and supervision of the caller's branches, newest first, and the form of a
// new one (kind, topic, dates, length, place or online, the completion rule, trainers).
import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TRAINING_KINDS, type TrainingKind } from '../../domain/trainings/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan, useMe } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { useBranches, useProgrammes } from '../access/queries.js';
import { useStaff } from '../cases/queries.js';
import { errorsByPath } from '../aid/LinesEditor.js';
import { trainingKeys, trainingsApi } from './api.js';

function NewTraining({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const branches = useBranches();
  const programmes = useProgrammes();
  const staff = useStaff();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({
    branchId: me.branchIds[0] ?? '',
    programmeId: '',
    kind: 'seminar' as TrainingKind,
    title: '',
    curriculum: '',
    startsOn: '',
    endsOn: '',
    hours: 8 as number | string,
    place: '',
    online: false,
    teachesCaseManagement: false,
    minHours: 0 as number | string,
    minPostScore: '' as number | string,
    trainers: [] as string[],
  });
  const save = useMutation({
    mutationFn: () =>
      trainingsApi.create(
        {
          branchId: v.branchId,
          ...(v.programmeId && { programmeId: v.programmeId }),
          kind: v.kind,
          title: v.title,
          curriculum: v.curriculum,
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          hours: Number(v.hours),
          place: v.place,
          online: v.online,
          teachesCaseManagement: v.teachesCaseManagement,
          minHours: Number(v.minHours) || 0,
          minPostScore: v.minPostScore === '' ? null : Number(v.minPostScore),
          trainers: v.trainers.map((userId) => ({ userId })),
        },
        key,
      ),
    onSuccess: (training) => {
      notifications.show({ color: 'green', message: t('trainings.messages.saved') });
      onDone(training.id);
    },
  });
  const errors = errorsByPath(save.error);
  const text = (field: 'title' | 'startsOn' | 'endsOn' | 'place') => ({
    value: v[field],
    onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [field]: e.currentTarget.value }),
    error: errors[field],
  });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('trainings.fields.kind')}
          allowDeselect={false}
          data={TRAINING_KINDS.map((k) => ({ value: k, label: t(`trainings.kinds.${k}`) }))}
          value={v.kind}
          onChange={(kind) => kind && setV({ ...v, kind: kind as TrainingKind })}
        />
        <Select
          label={t('trainings.fields.branch')}
          allowDeselect={false}
          data={(branches.data ?? []).filter((b) => me.branchIds.includes(b.id)).map((b) => ({ value: b.id, label: b.name }))}
          value={v.branchId}
          onChange={(branchId) => branchId && setV({ ...v, branchId })}
          error={errors.branchId}
        />
        <Select
          label={t('trainings.fields.programme')}
          clearable
          data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={v.programmeId || null}
          onChange={(programmeId) => setV({ ...v, programmeId: programmeId ?? '' })}
          error={errors.programmeId}
        />
      </SimpleGrid>
      <TextInput label={t('trainings.fields.title')} withAsterisk {...text('title')} />
      <Textarea
        label={t('trainings.fields.curriculum')}
        autosize
        minRows={2}
        value={v.curriculum}
        onChange={(e) => setV({ ...v, curriculum: e.currentTarget.value })}
        error={errors.curriculum}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput type="date" label={t('trainings.fields.startsOn')} withAsterisk {...text('startsOn')} />
        <TextInput type="date" label={t('trainings.fields.endsOn')} withAsterisk {...text('endsOn')} />
        <NumberInput
          label={t('trainings.fields.hours')}
          withAsterisk
          min={0.25}
          step={0.5}
          decimalScale={2}
          value={v.hours}
          onChange={(hours) => setV({ ...v, hours })}
          error={errors.hours}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('trainings.fields.place')} {...text('place')} />
        <Checkbox
          mt={{ sm: 'xl' }}
          label={t('trainings.fields.online')}
          checked={v.online}
          onChange={(e) => setV({ ...v, online: e.currentTarget.checked })}
        />
      </SimpleGrid>
      <Checkbox
        label={t('trainings.fields.teachesCaseManagement')}
        checked={v.teachesCaseManagement}
        onChange={(e) => setV({ ...v, teachesCaseManagement: e.currentTarget.checked })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NumberInput
          label={t('trainings.fields.minHours')}
          min={0}
          step={1}
          decimalScale={2}
          value={v.minHours}
          onChange={(minHours) => setV({ ...v, minHours })}
          error={errors.minHours}
        />
        <NumberInput
          label={t('trainings.fields.minPostScore')}
          min={0}
          max={100}
          value={v.minPostScore}
          onChange={(minPostScore) => setV({ ...v, minPostScore })}
          error={errors.minPostScore}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('trainings.fields.trainers')}
        searchable
        data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={v.trainers}
        onChange={(trainers) => setV({ ...v, trainers })}
      />
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('trainings.actions.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export function TrainingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: trainingKeys.list({}), queryFn: () => trainingsApi.list({}) });
  return (
    <Page
      title={t('trainings.nav.trainings')}
      actions={
        can('trainings.manage') && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('trainings.actions.create')}
          </Button>
        )
      }
    >
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('trainings.actions.create')} size="lg">
        {creating && <NewTraining onDone={(id) => void navigate({ to: '/trainings/$trainingId', params: { trainingId: id } })} />}
      </Modal>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('trainings.messages.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('trainings.fields.title')}</Table.Th>
                <Table.Th>{t('trainings.fields.kind')}</Table.Th>
                <Table.Th>{t('trainings.fields.dates')}</Table.Th>
                <Table.Th>{t('trainings.fields.hours')}</Table.Th>
                <Table.Th>{t('trainings.fields.participants')}</Table.Th>
                <Table.Th>{t('trainings.fields.completedCount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((training) => (
                <Table.Tr key={training.id}>
                  <Table.Td>
                    <Anchor renderRoot={(root) => <Link {...root} to="/trainings/$trainingId" params={{ trainingId: training.id }} />}>
                      {training.title}
                    </Anchor>{' '}
                    {training.teachesCaseManagement && (
                      <Badge size="xs" variant="light">
                        {t('trainings.messages.caseManagement')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`trainings.kinds.${training.kind}`)}</Table.Td>
                  <Table.Td>
                    {formatDate(training.startsOn)}
                    {training.endsOn !== training.startsOn && ` — ${formatDate(training.endsOn)}`}
                  </Table.Td>
                  <Table.Td>{training.hours}</Table.Td>
                  <Table.Td>{training.participants}</Table.Td>
                  <Table.Td>{training.completed}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
