// One away shift: its details and status ("held with diagnostics, analysis and summary" and what is
// still missing), participants (families' members and mentors), the programme of each day and the
// attendance grid, the diagnostics at the start and the end, the change per scale, the analysis,
// the summary and the consultations given during the shift (recorded as services).
import { useEffect, useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCircleCheck, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { today } from '../../domain/families/people.js';
import type { ShiftStage, ShiftView } from '../../domain/shifts/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan, useMe } from '../app/session.js';
import { ErrorState, FormError, LoadingState, EmptyState } from '../app/states.js';
import { AssessmentForm } from '../assessments/AssessmentForm.js';
import { useTemplates } from '../assessments/CaseAssessments.js';
import { DIRECTION_COLOR } from '../assessments/labels.js';
import { caseKeys, casesApi } from '../cases/api.js';
import { CasePicker, type PickedCase } from '../services/CasePicker.js';
import { servicesApi } from '../services/api.js';
import { typeOptions, useTypesByUse } from '../services/labels.js';
import { shiftKeys, shiftsApi } from './api.js';
import { ShiftModal } from './ShiftForm.js';
import { shiftDates, STATUS_COLOR } from './ShiftsPage.js';

type Participant = ShiftView['participants'][number];

/** A family at the shift, named by the first names of its members who came. */
function familyLabels(shift: ShiftView): Map<string, string> {
  const names = new Map<string, string[]>();
  for (const p of shift.participants) if (p.kind === 'member' && p.caseId) names.set(p.caseId, [...(names.get(p.caseId) ?? []), p.name]);
  return new Map([...names].map(([caseId, list]) => [caseId, list.join(', ')]));
}

function useShiftMutation<T>(shiftId: string, fn: (input: T) => Promise<ShiftView>, onDone?: () => void) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (shift) => {
      client.setQueryData(shiftKeys.one(shiftId), shift);
      void client.invalidateQueries({ queryKey: shiftKeys.all, refetchType: 'none' });
      notifications.show({ color: 'green', message: t('shifts.saved') });
      onDone?.();
    },
  });
}

function ParticipantsTab({ shift }: { shift: ShiftView }) {
  const { t } = useTranslation();
  const can = useCan();
  const mentors = useQuery({
    queryKey: shiftKeys.mentors,
    queryFn: shiftsApi.mentors,
    select: (data) => data.items.filter((m) => m.status !== 'withdrawn'),
    enabled: can('mentoring.read'),
  });
  const [picked, setPicked] = useState<PickedCase | null>(null);
  const [members, setMembers] = useState<string[]>([]);
  const [mentor, setMentor] = useState<string | null>(null);
  const detail = useQuery({ queryKey: caseKeys.one(picked?.id ?? ''), queryFn: () => casesApi.get(picked!.id), enabled: !!picked });
  const add = useShiftMutation(
    shift.id,
    () =>
      shiftsApi.addParticipants(shift.id, {
        members: picked ? members.map((memberId) => ({ caseId: picked.id, memberId })) : [],
        mentors: mentor ? [{ mentorId: mentor }] : [],
      }),
    () => {
      setPicked(null);
      setMembers([]);
      setMentor(null);
    },
  );
  const remove = useShiftMutation(shift.id, (participantId: string) => shiftsApi.removeParticipant(shift.id, participantId));
  const hidden = shift.people - shift.participants.length;
  return (
    <Stack gap="sm">
      {shift.participants.length === 0 ? (
        <EmptyState>{t('shifts.participants.none')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table data-testid="shift-participants">
            <Table.Tbody>
              {shift.participants.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={p.kind === 'mentor' ? 'grape' : 'blue'}>
                      {p.kind === 'mentor'
                        ? t('shifts.participants.kinds.mentor')
                        : t(`families.relation.${(p.relation ?? 'other_relative') as 'mother'}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{p.age !== null ? t('shifts.participants.age', { count: p.age }) : ''}</Table.Td>
                  <Table.Td>
                    {shift.canManage && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('shifts.participants.remove')}
                        onClick={() => remove.mutate(p.id)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {hidden > 0 && (
        <Text size="sm" c="dimmed">
          {t('shifts.participants.hidden', { count: hidden })}
        </Text>
      )}
      {shift.canManage && (
        <Card withBorder padding="sm">
          <Stack gap="sm">
            <Title order={5}>{t('shifts.participants.add')}</Title>
            <CasePicker label={t('shifts.participants.family')} value={picked} onChange={(c) => (setPicked(c), setMembers([]))} />
            {detail.data && (
              <Checkbox.Group label={t('shifts.participants.members')} value={members} onChange={setMembers}>
                <Group gap="md" mt={6}>
                  {detail.data.family.members
                    .filter((m) => m.relation !== 'unborn_child')
                    .map((m) => (
                      <Checkbox key={m.id} value={m.id} label={m.firstName} />
                    ))}
                </Group>
              </Checkbox.Group>
            )}
            {can('mentoring.read') && (
              <Select
                label={t('shifts.participants.mentor')}
                searchable
                clearable
                data={(mentors.data ?? []).map((m) => ({ value: m.id, label: m.displayName }))}
                value={mentor}
                onChange={setMentor}
              />
            )}
            <FormError error={add.error} />
            <Group justify="flex-end">
              <Button onClick={() => add.mutate(undefined)} loading={add.isPending} disabled={members.length === 0 && !mentor}>
                {t('shifts.participants.add')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function DayProgramme({ shift, day }: { shift: ShiftView; day: ShiftView['days'][number] }) {
  const { t } = useTranslation();
  const [text, setText] = useState(day.programme);
  useEffect(() => setText(day.programme), [day.programme]);
  const save = useShiftMutation(shift.id, () => shiftsApi.setProgramme(shift.id, day.day, { programme: text, version: day.version }));
  return (
    <Card withBorder padding="sm" aria-label={`${t('shifts.days.day')} ${formatDate(day.day)}`}>
      <Stack gap={6}>
        <Text fw={600}>{formatDate(day.day)}</Text>
        {shift.canManage ? (
          <>
            <Textarea
              label={t('shifts.days.programme')}
              autosize
              minRows={2}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <FormError error={save.error} />
            <Group justify="flex-end">
              <Button
                size="xs"
                variant="default"
                loading={save.isPending}
                onClick={() => save.mutate(undefined)}
                disabled={text === day.programme}
              >
                {t('shifts.days.saveProgramme')}
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {day.programme || '—'}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function DaysTab({ shift }: { shift: ShiftView }) {
  const { t } = useTranslation();
  const now = today();
  const initial = useMemo(() => new Map(shift.days.map((d) => [d.day, new Set(d.present)])), [shift]);
  const [grid, setGrid] = useState(initial);
  useEffect(() => setGrid(initial), [initial]);
  const changedDays = shift.days.filter((d) => {
    const a = grid.get(d.day) ?? new Set();
    const b = initial.get(d.day) ?? new Set();
    return a.size !== b.size || [...a].some((id) => !b.has(id));
  });
  const save = useShiftMutation(shift.id, async () => {
    let last = shift;
    for (const d of changedDays) last = await shiftsApi.setAttendance(shift.id, d.day, [...(grid.get(d.day) ?? [])]);
    return last;
  });
  const toggle = (day: string, participant: Participant) =>
    setGrid((prev) => {
      const next = new Map(prev);
      const set = new Set(next.get(day) ?? []);
      if (set.has(participant.id)) set.delete(participant.id);
      else set.add(participant.id);
      next.set(day, set);
      return next;
    });
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={120 + shift.days.length * 90}>
        <Table withColumnBorders data-testid="attendance-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {shift.days.map((d) => (
                <Table.Th key={d.day} ta="center">
                  {formatDate(d.day)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shift.participants.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                {shift.days.map((d) => (
                  <Table.Td key={d.day} ta="center">
                    <Checkbox
                      style={{ display: 'inline-block' }}
                      aria-label={`${p.name} ${formatDate(d.day)}`}
                      checked={grid.get(d.day)?.has(p.id) ?? false}
                      disabled={!shift.canManage || d.day > now}
                      onChange={() => toggle(d.day, p)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td fw={600}>{t('shifts.days.present')}</Table.Td>
              {shift.days.map((d) => (
                <Table.Td key={d.day} ta="center" fw={600} data-testid={`present-${d.day}`}>
                  {grid.get(d.day)?.size ?? 0}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shift.canManage && (
        <Group justify="flex-end">
          <FormError error={save.error} />
          <Button loading={save.isPending} disabled={changedDays.length === 0} onClick={() => save.mutate(undefined)}>
            {t('shifts.days.saveAttendance')}
          </Button>
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        {shift.days.map((d) => (
          <DayProgramme key={d.day} shift={shift} day={d} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function DiagnosticForm({ shift, onDone }: { shift: ShiftView; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const templates = useTemplates();
  const families = familyLabels(shift);
  const [stage, setStage] = useState<ShiftStage>('start');
  const [code, setCode] = useState<string | null>(null);
  const [caseId, setCaseId] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const usable = (templates.data ?? []).filter(
    (tpl) =>
      tpl.active && tpl.definition.domains.every((d) => !d.sensitiveSection) && tpl.definition.roles.some((r) => me.roles.includes(r)),
  );
  const template = usable.find((tpl) => tpl.code === code);
  const memberParticipants = shift.participants.filter((p) => p.kind === 'member' && p.memberId);
  const save = useShiftMutation(
    shift.id,
    (values: { answers: Record<string, unknown>; conductedOn: string; memberId: string | null; notes: string }) => {
      const member = memberParticipants.find((p) => p.memberId === values.memberId);
      return shiftsApi.addDiagnostic(
        shift.id,
        {
          stage,
          caseId: (template?.definition.subject === 'family' ? caseId : member?.caseId) ?? '',
          memberId: template?.definition.subject === 'family' ? null : values.memberId,
          templateCode: code ?? '',
          conductedOn: values.conductedOn,
          answers: values.answers as never,
          notes: values.notes,
        },
        idempotencyKey,
      );
    },
    () => {
      setIdempotencyKey(newIdempotencyKey());
      onDone();
    },
  );
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('shifts.diagnostics.stage')}
            allowDeselect={false}
            data={(['start', 'end'] as const).map((s) => ({ value: s, label: t(`shifts.diagnostics.stages.${s}`) }))}
            value={stage}
            onChange={(v) => setStage((v as ShiftStage | null) ?? 'start')}
          />
          <Select
            label={t('shifts.diagnostics.template')}
            data={usable.map((tpl) => ({ value: tpl.code, label: tpl.definition.name[i18n.language === 'en' ? 'en' : 'ru'] }))}
            value={code}
            onChange={setCode}
          />
          {template?.definition.subject === 'family' && (
            <Select
              label={t('shifts.participants.family')}
              data={[...families].map(([value, label]) => ({ value, label }))}
              value={caseId}
              onChange={setCaseId}
            />
          )}
        </SimpleGrid>
        {template && (
          <AssessmentForm
            key={`${template.code}-${stage}`}
            template={template.definition}
            visibleSections={[]}
            mode="new"
            members={memberParticipants
              .filter((p) => template.definition.subject !== 'child' || p.relation === 'child')
              .map((p) => ({ value: p.memberId!, label: p.name }))}
            saving={save.isPending}
            error={save.error}
            onSubmit={(values) => save.mutate(values)}
            onCancel={onDone}
          />
        )}
      </Stack>
    </Card>
  );
}

function DiagnosticsTab({ shift }: { shift: ShiftView }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const names = new Map(shift.participants.map((p) => [p.memberId ?? p.id, p.name]));
  const families = familyLabels(shift);
  const remove = useShiftMutation(shift.id, (id: string) => shiftsApi.removeDiagnostic(shift.id, id));
  return (
    <Stack gap="sm">
      {shift.diagnostics.length === 0 ? (
        <EmptyState>{t('shifts.diagnostics.none')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table data-testid="shift-diagnostics">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('shifts.diagnostics.stage')}</Table.Th>
                <Table.Th>{t('shifts.diagnostics.participant')}</Table.Th>
                <Table.Th>{t('shifts.diagnostics.template')}</Table.Th>
                <Table.Th>{t('shifts.diagnostics.conductedOn')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shift.diagnostics.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Badge variant="light" color={d.stage === 'start' ? 'blue' : 'teal'}>
                      {t(`shifts.diagnostics.stages.${d.stage}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {d.memberId ? names.get(d.memberId) : `${t('shifts.diagnostics.wholeFamily')}: ${families.get(d.caseId) ?? ''}`}
                  </Table.Td>
                  <Table.Td>{d.templateName}</Table.Td>
                  <Table.Td>{formatDate(d.conductedOn)}</Table.Td>
                  <Table.Td>
                    {shift.canManage && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('shifts.diagnostics.remove')}
                        onClick={() => remove.mutate(d.id)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {shift.canManage &&
        (adding ? (
          <DiagnosticForm shift={shift} onDone={() => setAdding(false)} />
        ) : (
          <Group>
            <Button onClick={() => setAdding(true)}>{t('shifts.diagnostics.add')}</Button>
          </Group>
        ))}
    </Stack>
  );
}

function TextResult({ shift, part }: { shift: ShiftView; part: 'analysis' | 'summary' }) {
  const { t } = useTranslation();
  const current = part === 'analysis' ? shift.analysis : shift.summary;
  const currentOn =
    shift.analysis && part === 'analysis' ? shift.analysis.analysedOn : shift.summary && part === 'summary' ? shift.summary.writtenOn : '';
  const [text, setText] = useState(current?.text ?? '');
  const [on, setOn] = useState(currentOn || (shift.endsOn <= today() ? today() : shift.endsOn));
  const save = useShiftMutation(shift.id, () =>
    part === 'analysis'
      ? shiftsApi.analysis(shift.id, { text, analysedOn: on, version: shift.version })
      : shiftsApi.summary(shift.id, { text, writtenOn: on, version: shift.version }),
  );
  const label = part === 'analysis' ? t('shifts.analysis.text') : t('shifts.summary.text');
  const dateLabel = part === 'analysis' ? t('shifts.analysis.analysedOn') : t('shifts.summary.writtenOn');
  if (!shift.canManage)
    return current ? (
      <Stack gap={4}>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{current.text}</Text>
        <Text size="xs" c="dimmed">
          {formatDate(part === 'analysis' ? shift.analysis!.analysedOn : shift.summary!.writtenOn)} · {current.by}
        </Text>
      </Stack>
    ) : (
      <Text c="dimmed">—</Text>
    );
  return (
    <Stack gap="xs">
      <Textarea label={label} autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <Group align="flex-end" gap="sm">
        <TextInput type="date" label={dateLabel} value={on} max={today()} onChange={(e) => setOn(e.currentTarget.value)} />
        <Button loading={save.isPending} onClick={() => save.mutate(undefined)}>
          {part === 'analysis' ? t('shifts.analysis.save') : t('shifts.summary.save')}
        </Button>
      </Group>
      {current && (
        <Text size="xs" c="dimmed">
          {t('shifts.summary.by', { name: current.by })}
        </Text>
      )}
      <FormError error={save.error} />
    </Stack>
  );
}

function ConsultationForm({ shift }: { shift: ShiftView }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const types = useTypesByUse();
  const families = familyLabels(shift);
  const [caseId, setCaseId] = useState<string | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [date, setDate] = useState(shift.startsOn);
  const [minutes, setMinutes] = useState<number | string>(60);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const save = useMutation({
    mutationFn: () =>
      servicesApi.record(
        {
          caseId: caseId ?? '',
          typeId: typeId ?? '',
          date,
          durationMinutes: Number(minutes),
          specialistIds: [me.id],
          format: 'in_person',
          initiatedBy: 'team',
          shiftId: shift.id,
        },
        idempotencyKey,
      ),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('shifts.saved') });
      setIdempotencyKey(newIdempotencyKey());
      await client.invalidateQueries({ queryKey: shiftKeys.one(shift.id) });
    },
  });
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        <Select
          label={t('shifts.participants.family')}
          data={[...families].map(([value, label]) => ({ value, label }))}
          value={caseId}
          onChange={setCaseId}
        />
        <Select label={t('services.type')} searchable data={typeOptions(types)} value={typeId} onChange={setTypeId} />
        <TextInput
          type="date"
          label={t('services.date')}
          value={date}
          min={shift.startsOn}
          max={shift.endsOn}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
        <NumberInput label={t('services.duration')} min={1} max={1440} value={minutes} onChange={setMinutes} />
      </SimpleGrid>
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button variant="default" loading={save.isPending} disabled={!caseId || !typeId} onClick={() => save.mutate()}>
          {t('shifts.consultations.add')}
        </Button>
      </Group>
    </Stack>
  );
}

function ResultsTab({ shift }: { shift: ShiftView }) {
  const { t } = useTranslation();
  const names = new Map(shift.participants.map((p) => [p.memberId ?? p.id, p.name]));
  const families = familyLabels(shift);
  return (
    <Stack gap="md">
      <Card withBorder padding="sm">
        <Title order={4} mb="xs">
          {t('shifts.analysis.changes')}
        </Title>
        {shift.changes.length === 0 ? (
          <Text c="dimmed">{t('shifts.analysis.noChanges')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table data-testid="shift-changes">
              <Table.Tbody>
                {shift.changes.flatMap((c) =>
                  c.scales.map((s, i) => (
                    <Table.Tr key={`${c.caseId}-${c.memberId}-${c.templateCode}-${s.domain}`}>
                      <Table.Td>{i === 0 ? (c.memberId ? names.get(c.memberId) : families.get(c.caseId)) : ''}</Table.Td>
                      <Table.Td>{s.title}</Table.Td>
                      <Table.Td>
                        {s.from ?? '—'} → {s.to ?? '—'}
                      </Table.Td>
                      <Table.Td>
                        {s.direction && (
                          <Badge variant="light" color={DIRECTION_COLOR[s.direction]}>
                            {s.delta !== null && s.delta > 0 ? '+' : ''}
                            {s.delta} · {t(`shifts.analysis.directions.${s.direction}`)}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Card withBorder padding="sm" aria-label={t('shifts.analysis.title')}>
        <Title order={4} mb="xs">
          {t('shifts.analysis.title')}
        </Title>
        <TextResult key={`analysis-${shift.version}`} shift={shift} part="analysis" />
      </Card>
      <Card withBorder padding="sm" aria-label={t('shifts.summary.title')}>
        <Title order={4} mb="xs">
          {t('shifts.summary.title')}
        </Title>
        <TextResult key={`summary-${shift.version}`} shift={shift} part="summary" />
      </Card>
      <Card withBorder padding="sm" aria-label={t('shifts.consultations.title')}>
        <Title order={4} mb={4}>
          {t('shifts.consultations.title')}
        </Title>
        <Text data-testid="shift-consultations">
          {t('shifts.consultations.figure', { count: shift.consultations.count, hours: shift.consultations.hours })}
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          {t('shifts.consultations.hint')}
        </Text>
        {shift.canManage && <ConsultationForm shift={shift} />}
      </Card>
    </Stack>
  );
}

export function ShiftPage() {
  const { t } = useTranslation();
  const { shiftId } = useParams({ from: '/shifts/$shiftId' });
  const [editing, setEditing] = useState(false);
  const shift = useQuery({ queryKey: shiftKeys.one(shiftId), queryFn: () => shiftsApi.get(shiftId) });
  if (shift.isPending) return <LoadingState />;
  if (shift.isError) return <ErrorState error={shift.error} onRetry={() => void shift.refetch()} />;
  const s = shift.data;
  return (
    <Page
      title={s.title}
      actions={
        <>
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} renderRoot={(props) => <Link {...props} to="/shifts" />}>
            {t('shifts.title')}
          </Button>
          {s.canManage && (
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              {t('shifts.edit')}
            </Button>
          )}
        </>
      }
    >
      <Card withBorder padding="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge
              size="lg"
              variant="light"
              color={STATUS_COLOR[s.status]}
              leftSection={s.heldWithSummary ? <IconCircleCheck size={14} /> : undefined}
              data-testid="shift-status"
            >
              {t(`shifts.statuses.${s.status}`)}
            </Badge>
            <Text fw={500}>{shiftDates(s)}</Text>
          </Group>
          <Text size="sm">
            {s.venue} · {s.programmeName} · {s.branchName}
          </Text>
          <Text size="sm" c="dimmed">
            {t('shifts.fields.families')}: {s.families} · {t('shifts.fields.people')}: {s.people} · {t('shifts.fields.specialistIds')}:{' '}
            {s.specialists.map((x) => x.name).join(', ') || '—'}
          </Text>
          {s.description && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {s.description}
            </Text>
          )}
        </Stack>
      </Card>
      {s.missing.length > 0 && (
        <Alert color="yellow" title={t('shifts.missing.title')} data-testid="shift-missing">
          <List size="sm">
            {s.missing.map((m) => (
              <List.Item key={m}>{t(`shifts.missing.${m}`)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Tabs defaultValue="participants" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="participants">{t('shifts.tabs.participants')}</Tabs.Tab>
          <Tabs.Tab value="days">{t('shifts.tabs.days')}</Tabs.Tab>
          <Tabs.Tab value="diagnostics">{t('shifts.tabs.diagnostics')}</Tabs.Tab>
          <Tabs.Tab value="results">{t('shifts.tabs.results')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="participants" pt="sm">
          <ParticipantsTab shift={s} />
        </Tabs.Panel>
        <Tabs.Panel value="days" pt="sm">
          <DaysTab shift={s} />
        </Tabs.Panel>
        <Tabs.Panel value="diagnostics" pt="sm">
          <DiagnosticsTab shift={s} />
        </Tabs.Panel>
        <Tabs.Panel value="results" pt="sm">
          <ResultsTab shift={s} />
        </Tabs.Panel>
      </Tabs>
      <ShiftModal opened={editing} shift={s} onClose={() => setEditing(false)} />
    </Page>
  );
}
