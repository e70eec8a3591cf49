// One training: its details and rule, sessions, participants with registration, the attendance
// grid (one column a session, saved after the session took place), pre- and post-tests, completion
// (one by one or everyone who met the rule) and numbered certificates to download.
import { useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ParticipantView, TrainingView } from '../../domain/trainings/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { ConfirmModal } from '../app/ConfirmModal.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { useStaff } from '../cases/queries.js';
import { bindFields, errorsByPath } from '../app/fields.js';
import { certificateUrl, trainingKeys, trainingsApi } from './api.js';
import { HoursInput } from './fields.js';
import { TrainingForm } from './TrainingForm.js';
import { AttachmentsButton } from '../files/AttachmentsPanel.js';

const today = () => new Date().toISOString().slice(0, 10);

function useRefresh(id: string) {
  const client = useQueryClient();
  return (data?: TrainingView) => {
    if (data) client.setQueryData(trainingKeys.one(id), data);
    void client.invalidateQueries({ queryKey: trainingKeys.all });
  };
}

function Sessions({ training, manage }: { training: TrainingView; manage: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefresh(training.id);
  const [key, setKey] = useState(newIdempotencyKey);
  const [v, setV] = useState({ heldOn: training.startsOn, hours: 4 as number | string, topic: '' });
  const add = useMutation({
    mutationFn: () => trainingsApi.addSession(training.id, { heldOn: v.heldOn, hours: Number(v.hours), topic: v.topic }, key),
    onSuccess: () => {
      setKey(newIdempotencyKey());
      setV({ ...v, topic: '' });
      refresh();
    },
  });
  const removeSession = useMutation({
    mutationFn: (sessionId: string) => trainingsApi.deleteSession(training.id, sessionId),
    onSuccess: () => refresh(),
  });
  const errors = errorsByPath(add.error);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t('trainings.messages.sessionHours', { hours: training.sessionHours, total: training.hours })}</Title>
        {training.sessions.length === 0 ? (
          <Text c="dimmed">{t('trainings.messages.noSessions')}</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {training.sessions.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatDate(s.heldOn)}</Table.Td>
                  <Table.Td>{s.hours}</Table.Td>
                  <Table.Td>{s.topic}</Table.Td>
                  {manage && (
                    <Table.Td w={40}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`${t('trainings.actions.removeSession')} ${formatDate(s.heldOn)}`}
                        onClick={() => removeSession.mutate(s.id)}
                        loading={removeSession.isPending}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {manage && (
          <Group align="flex-end" wrap="wrap">
            <TextInput type="date" label={t('trainings.fields.heldOn')} {...bindFields(v, setV, errors).text('heldOn')} />
            <HoursInput
              label={t('trainings.fields.sessionHours')}
              w={110}
              value={v.hours}
              onChange={(hours) => setV({ ...v, hours })}
              error={errors.hours}
            />
            <TextInput label={t('trainings.fields.topic')} value={v.topic} onChange={(e) => setV({ ...v, topic: e.currentTarget.value })} />
            <Button variant="light" onClick={() => add.mutate()} loading={add.isPending}>
              {t('trainings.actions.addSession')}
            </Button>
          </Group>
        )}
        {add.error && !errors.heldOn && !errors.hours && <FormError error={add.error} />}
        {removeSession.error && <FormError error={removeSession.error} />}
      </Stack>
    </Paper>
  );
}

function Register({ training }: { training: TrainingView }) {
  const { t } = useTranslation();
  const refresh = useRefresh(training.id);
  const staff = useStaff();
  const [key, setKey] = useState(newIdempotencyKey);
  const [kind, setKind] = useState<'specialist' | 'staff'>('specialist');
  const [search, setSearch] = useState('');
  const [person, setPerson] = useState<string | null>(null);
  const [registeredOn, setRegisteredOn] = useState(today());
  const specialists = useQuery({
    queryKey: trainingKeys.specialists(search),
    queryFn: () => trainingsApi.specialists(search),
    enabled: kind === 'specialist',
  });
  const register = useMutation({
    mutationFn: () =>
      trainingsApi.register(training.id, { person: kind === 'staff' ? { userId: person! } : { specialistId: person! }, registeredOn }, key),
    onSuccess: (data) => {
      setKey(newIdempotencyKey());
      setPerson(null);
      refresh(data);
    },
  });
  const errors = errorsByPath(register.error);
  const options =
    kind === 'staff'
      ? (staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))
      : (specialists.data?.items ?? []).map((s) => ({ value: s.id, label: [s.name, s.profession, s.city].filter(Boolean).join(' · ') }));
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          value={kind}
          onChange={(value) => {
            setKind(value as typeof kind);
            setPerson(null);
          }}
          data={[
            { value: 'specialist', label: t('trainings.fields.specialist') },
            { value: 'staff', label: t('trainings.fields.staff') },
          ]}
        />
        <Select
          label={t('trainings.fields.person')}
          placeholder={t('trainings.fields.search')}
          searchable
          w={320}
          data={options}
          value={person}
          onChange={setPerson}
          onSearchChange={(value) => kind === 'specialist' && setSearch(value.split(' · ')[0] ?? '')}
          error={errors['person.specialistId'] ?? errors['person.userId']}
        />
        <TextInput
          type="date"
          label={t('trainings.fields.registeredOn')}
          value={registeredOn}
          onChange={(e) => setRegisteredOn(e.currentTarget.value)}
          error={errors.registeredOn}
        />
        <Button onClick={() => register.mutate()} disabled={!person} loading={register.isPending}>
          {t('trainings.actions.register')}
        </Button>
      </Group>
      {register.error && !Object.keys(errors).length && <FormError error={register.error} />}
    </Stack>
  );
}

function ScoreCell({ training, participant }: { training: TrainingView; participant: ParticipantView }) {
  const { t } = useTranslation();
  const refresh = useRefresh(training.id);
  const [pre, setPre] = useState<number | string>(participant.preScore ?? '');
  const [post, setPost] = useState<number | string>(participant.postScore ?? '');
  const save = useMutation({
    mutationFn: () =>
      trainingsApi.scores(training.id, participant.id, {
        preScore: pre === '' ? null : Number(pre),
        postScore: post === '' ? null : Number(post),
        version: participant.version,
      }),
    onSuccess: (data) => refresh(data),
  });
  const errors = errorsByPath(save.error);
  const changed =
    (pre === '' ? null : Number(pre)) !== participant.preScore || (post === '' ? null : Number(post)) !== participant.postScore;
  return (
    <Group gap={4} wrap="nowrap">
      <NumberInput
        aria-label={t('trainings.fields.preScore')}
        w={70}
        min={0}
        max={100}
        value={pre}
        onChange={setPre}
        error={errors.preScore}
      />
      <NumberInput
        aria-label={t('trainings.fields.postScore')}
        w={70}
        min={0}
        max={100}
        value={post}
        onChange={setPost}
        error={errors.postScore}
      />
      {changed && (
        <Button size="xs" variant="light" onClick={() => save.mutate()} loading={save.isPending}>
          {t('trainings.actions.saveScores')}
        </Button>
      )}
    </Group>
  );
}

function Participants({ training, manage }: { training: TrainingView; manage: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefresh(training.id);
  const initial = () =>
    Object.fromEntries(
      training.sessions.map((s) => [s.id, training.participants.filter((p) => p.attended.includes(s.id)).map((p) => p.id)]),
    );
  const [marks, setMarks] = useState<Record<string, string[]>>(initial);
  const [on, setOn] = useState(today());
  const [selected, setSelected] = useState<string[]>([]);
  const saveAttendance = useMutation({
    mutationFn: async () => {
      let latest: TrainingView | undefined;
      for (const s of training.sessions) {
        const before = training.participants.filter((p) => p.attended.includes(s.id)).map((p) => p.id);
        const now = marks[s.id] ?? [];
        if (before.length === now.length && before.every((id) => now.includes(id))) continue;
        latest = await trainingsApi.attendance(training.id, s.id, { participantIds: now, version: s.version });
      }
      return latest;
    },
    onSuccess: (data) => {
      notifications.show({ color: 'green', message: t('trainings.messages.saved') });
      refresh(data);
    },
  });
  const undo = useMutation({
    mutationFn: (p: ParticipantView) => trainingsApi.undoCompletion(training.id, p.id, p.version),
    onSuccess: (data) => refresh(data),
  });
  const completeAll = useMutation({ mutationFn: () => trainingsApi.completeAll(training.id, on), onSuccess: (data) => refresh(data) });
  // Registered by mistake: removed after a confirmation (one who completed is undone first).
  const [removing, setRemoving] = useState<ParticipantView | null>(null);
  const unregister = useMutation({
    mutationFn: (p: ParticipantView) => trainingsApi.unregister(training.id, p.id),
    onSuccess: () => {
      setRemoving(null);
      refresh();
    },
  });
  const issue = useMutation({
    mutationFn: () => trainingsApi.certificates(training.id, { issuedOn: on, participantIds: selected }),
    onSuccess: (data) => {
      setSelected([]);
      notifications.show({ color: 'green', message: t('trainings.messages.issued', { count: selected.length }) });
      refresh(data);
    },
  });
  const toggle = (sessionId: string, participantId: string, present: boolean) =>
    setMarks({
      ...marks,
      [sessionId]: present ? [...(marks[sessionId] ?? []), participantId] : (marks[sessionId] ?? []).filter((id) => id !== participantId),
    });
  const error = saveAttendance.error ?? completeAll.error ?? issue.error ?? undo.error;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t('trainings.fields.participants')}</Title>
        <Text size="sm" c="dimmed">
          {t('trainings.messages.rule', { hours: training.minHours })}
          {training.minPostScore !== null && ` ${t('trainings.messages.rulePost', { score: training.minPostScore })}`}
        </Text>
        {manage && <Register training={training} />}
        {training.participants.length === 0 ? (
          <EmptyState>{t('trainings.messages.noParticipants')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  {manage && <Table.Th />}
                  <Table.Th>{t('trainings.fields.person')}</Table.Th>
                  {training.sessions.map((s) => (
                    <Table.Th key={s.id}>{formatDate(s.heldOn)}</Table.Th>
                  ))}
                  <Table.Th>{t('trainings.fields.attendedHours')}</Table.Th>
                  <Table.Th>
                    {t('trainings.fields.preScore')} / {t('trainings.fields.postScore')}
                  </Table.Th>
                  <Table.Th>{t('trainings.fields.completedOn')}</Table.Th>
                  <Table.Th>{t('trainings.fields.certificate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {training.participants.map((p) => (
                  <Table.Tr key={p.id}>
                    {manage && (
                      <Table.Td>
                        <Checkbox
                          aria-label={p.person.name}
                          disabled={!p.completedOn || p.certificateNumber !== null}
                          checked={selected.includes(p.id)}
                          onChange={(e) =>
                            setSelected(e.currentTarget.checked ? [...selected, p.id] : selected.filter((id) => id !== p.id))
                          }
                        />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {p.person.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[p.person.profession, p.person.organization, p.person.city].filter(Boolean).join(' · ')}
                      </Text>
                      {manage && !p.completedOn && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          px={0}
                          aria-label={`${t('trainings.actions.removeParticipant')}: ${p.person.name}`}
                          onClick={() => {
                            unregister.reset();
                            setRemoving(p);
                          }}
                        >
                          {t('trainings.actions.removeParticipant')}
                        </Button>
                      )}
                    </Table.Td>
                    {training.sessions.map((s) => (
                      <Table.Td key={s.id}>
                        <Checkbox
                          aria-label={`${p.person.name} ${formatDate(s.heldOn)}`}
                          disabled={!manage}
                          checked={(marks[s.id] ?? []).includes(p.id)}
                          onChange={(e) => toggle(s.id, p.id, e.currentTarget.checked)}
                        />
                      </Table.Td>
                    ))}
                    <Table.Td>
                      {p.attendedHours}{' '}
                      {p.meetsRule && !p.completedOn && (
                        <Badge size="xs" color="green" variant="light">
                          {t('trainings.messages.meetsRule')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {manage ? (
                        <ScoreCell key={`${p.id}:${p.version}`} training={training} participant={p} />
                      ) : (
                        `${p.preScore ?? '—'} / ${p.postScore ?? '—'}`
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.completedOn ? formatDate(p.completedOn) : '—'}
                      {manage && p.completedOn && !p.certificateNumber && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="gray"
                          ml={4}
                          onClick={() => undo.mutate(p)}
                          loading={undo.isPending}
                        >
                          {t('trainings.actions.undoCompletion')}
                        </Button>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.certificateNumber ? (
                        <Group gap={4} wrap="nowrap">
                          <Anchor href={certificateUrl(training.id, p.id)} target="_blank" rel="noopener">
                            № {p.certificateNumber}
                          </Anchor>
                          <AttachmentsButton ownerKind="training_certificate" ownerId={p.id} />
                        </Group>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {manage && training.participants.length > 0 && (
          <Group align="flex-end" wrap="wrap">
            <Button variant="light" onClick={() => saveAttendance.mutate()} loading={saveAttendance.isPending}>
              {t('trainings.actions.saveAttendance')}
            </Button>
            <TextInput type="date" label={t('trainings.fields.completedOn')} value={on} onChange={(e) => setOn(e.currentTarget.value)} />
            <Button variant="light" onClick={() => completeAll.mutate()} loading={completeAll.isPending}>
              {t('trainings.actions.completeAll')}
            </Button>
            <Button onClick={() => issue.mutate()} disabled={selected.length === 0} loading={issue.isPending}>
              {t('trainings.actions.issueCertificates')}
            </Button>
          </Group>
        )}
        {error && <FormError error={error} />}
      </Stack>
      <ConfirmModal
        opened={removing !== null}
        title={t('trainings.actions.removeParticipant')}
        message={t('trainings.messages.removeParticipantConfirm', { name: removing?.person.name ?? '' })}
        confirmLabel={t('trainings.actions.removeParticipant')}
        danger
        loading={unregister.isPending}
        error={unregister.error}
        onConfirm={() => removing && unregister.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Paper>
  );
}

export function TrainingEventPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { trainingId } = useParams({ from: '/trainings/$trainingId' });
  const query = useQuery({ queryKey: trainingKeys.one(trainingId), queryFn: () => trainingsApi.get(trainingId) });
  const [editing, setEditing] = useState(false);
  const refresh = useRefresh(trainingId);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const training = query.data;
  const manage = can('trainings.manage');
  return (
    <Page
      title={training.title}
      actions={
        manage && (
          <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
            {t('trainings.actions.editTraining')}
          </Button>
        )
      }
    >
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('trainings.actions.editTraining')} size="lg">
        {editing && (
          <TrainingForm
            training={training}
            onDone={(saved) => {
              setEditing(false);
              refresh(saved);
            }}
          />
        )}
      </Modal>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <Text>
            <b>{t('trainings.fields.kind')}:</b> {t(`trainings.kinds.${training.kind}`)}
          </Text>
          <Text>
            <b>{t('trainings.fields.dates')}:</b> {formatDate(training.startsOn)} — {formatDate(training.endsOn)}
          </Text>
          <Text>
            <b>{t('trainings.fields.place')}:</b>{' '}
            {[training.place, training.online ? t('trainings.messages.online') : ''].filter(Boolean).join(', ') || '—'}
          </Text>
          <Text>
            <b>{t('trainings.fields.trainers')}:</b> {training.trainers.map((x) => x.name).join(', ') || '—'}
          </Text>
          <Text>
            <b>{t('trainings.fields.hours')}:</b> {training.hours}
          </Text>
          {training.teachesCaseManagement && (
            <div>
              <Badge variant="light">{t('trainings.messages.caseManagement')}</Badge>
            </div>
          )}
        </SimpleGrid>
        {training.curriculum && <Text style={{ whiteSpace: 'pre-wrap' }}>{training.curriculum}</Text>}
        <Sessions training={training} manage={manage} />
        <Participants
          key={`${training.sessions.map((s) => s.version).join('.')}:${training.participants.length}`}
          training={training}
          manage={manage}
        />
      </Stack>
    </Page>
  );
}
