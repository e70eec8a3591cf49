// Training of mentors: programmes (sessions, hours, the completion rule), cohorts with their members'
// attendance per session, the primary diagnostic and completion; and the group supervision of mentors.
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CohortView } from '../../domain/mentoring/contracts.js';
import { MENTOR_DIAGNOSTIC } from '../../domain/mentoring/shipped.js';
import { SHIPPED_TRAINING_PROGRAMME } from '../../domain/mentoring/shipped.js';
import { BranchSelect } from '../access/BranchSelect.js';
import { newIdempotencyKey } from '../app/api.js';
import { bindFields, errorsByPath, isoToday } from '../app/fields.js';
import { formatDate } from '../app/format.js';
import { currentLanguage } from '../app/i18n.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { MentoringModal, QueryState, SaveBar } from './scaffold.js';
import { mentoringApi, mentoringKeys } from './api.js';
import { MentorStatusBadge } from './MentorsPage.js';

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: mentoringKeys.all });
}

function CohortForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const programmes = useQuery({ queryKey: mentoringKeys.programmes, queryFn: mentoringApi.programmes });
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({ programmeId: '', branchId: '', name: '', startsOn: isoToday(), endsOn: isoToday() });
  const save = useMutation({
    mutationFn: () => mentoringApi.createCohort(v, key),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const field = bindFields(v, setV, errorsByPath(save.error));
  return (
    <Stack gap="sm">
      <Select
        label={t('mentoring.fields.programme')}
        withAsterisk
        data={(programmes.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))}
        {...field.choice('programmeId')}
      />
      <BranchSelect label={t('mentoring.fields.branch')} withAsterisk {...field.choice('branchId')} />
      <TextInput label={t('mentoring.fields.name')} withAsterisk {...field.text('name')} />
      <SimpleGrid cols={2}>
        <TextInput type="date" label={t('mentoring.fields.startsOn')} {...field.text('startsOn')} />
        <TextInput type="date" label={t('mentoring.fields.endsOn')} {...field.text('endsOn')} />
      </SimpleGrid>
      <SaveBar save={save} />
    </Stack>
  );
}

function AttendanceForm({ cohort, onDone }: { cohort: CohortView; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [session, setSession] = useState<string | null>(String(cohort.sessions.find((s) => !s.heldOn)?.number ?? 1));
  const [heldOn, setHeldOn] = useState(isoToday());
  const [present, setPresent] = useState<string[]>(cohort.members.map((m) => m.mentorId));
  const save = useMutation({
    mutationFn: () => mentoringApi.attendance(cohort.id, { session: Number(session), heldOn, present }),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <Select
        label={t('mentoring.training.session')}
        allowDeselect={false}
        data={cohort.sessions.map((s) => ({ value: String(s.number), label: `${s.number}. ${s.title}` }))}
        value={session}
        onChange={setSession}
        error={errors.session}
      />
      <TextInput
        type="date"
        label={t('mentoring.fields.heldOn')}
        value={heldOn}
        onChange={(e) => setHeldOn(e.currentTarget.value)}
        error={errors.heldOn}
      />
      <Checkbox.Group label={t('mentoring.fields.present')} value={present} onChange={setPresent}>
        <Stack gap={4} mt={4}>
          {cohort.members.map((m) => (
            <Checkbox key={m.mentorId} value={m.mentorId} label={m.displayName} />
          ))}
        </Stack>
      </Checkbox.Group>
      <SaveBar save={save} />
    </Stack>
  );
}

/** The shipped diagnostic's questions with 0–3 answers (an edited template is filled on its own page). */
function DiagnosticForm({ cohortId, mentorId, onDone }: { cohortId: string; mentorId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const lang = currentLanguage();
  const [key] = useState(newIdempotencyKey);
  const [conductedOn, setConductedOn] = useState(isoToday());
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const save = useMutation({
    mutationFn: () => mentoringApi.diagnostic(cohortId, mentorId, { conductedOn, answers }, key),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <TextInput
        type="date"
        label={t('mentoring.fields.conductedOn')}
        value={conductedOn}
        onChange={(e) => setConductedOn(e.currentTarget.value)}
        error={errors.conductedOn}
      />
      {MENTOR_DIAGNOSTIC.domains.map((domain) => (
        <Stack key={domain.code} gap={4}>
          <Text fw={500} size="sm">
            {domain.title[lang]}
          </Text>
          {domain.questions.map((q) => (
            <Select
              key={q.code}
              label={q.text[lang]}
              data={q.anchors.map((a) => ({ value: String(a.value), label: `${a.value} — ${a.label[lang]}` }))}
              value={answers[q.code] === undefined ? null : String(answers[q.code])}
              onChange={(value) => setAnswers({ ...answers, [q.code]: Number(value) })}
              error={errors[`answers.${q.code}`]}
            />
          ))}
        </Stack>
      ))}
      <SaveBar save={save} />
    </Stack>
  );
}

function CohortPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const refresh = useRefresh();
  const phone = useMediaQuery('(max-width: 48em)');
  const cohort = useQuery({ queryKey: mentoringKeys.cohort(id), queryFn: () => mentoringApi.cohort(id) });
  const candidates = useQuery({
    queryKey: mentoringKeys.mentors({ status: 'candidate' }),
    queryFn: () => mentoringApi.mentors({ status: 'candidate' }),
  });
  const [enrolling, setEnrolling] = useState<string | null>(null);
  const [marking, setMarking] = useState(false);
  const [diagnosing, setDiagnosing] = useState<string | null>(null);
  const [completedOn, setCompletedOn] = useState(isoToday());
  const enrol = useMutation({
    mutationFn: (mentorId: string) => mentoringApi.enrol(id, { mentorId, enrolledOn: isoToday() }),
    onSuccess: async () => {
      setEnrolling(null);
      await refresh();
    },
  });
  const complete = useMutation({
    mutationFn: (mentorId: string) => mentoringApi.complete(id, mentorId, completedOn),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await refresh();
    },
  });
  if (cohort.isPending) return <LoadingState />;
  if (cohort.isError) return <ErrorState error={cohort.error} />;
  const c = cohort.data;
  const manage = can('mentoring.manage');
  return (
    <Stack gap="sm" data-testid="cohort-panel">
      <Text size="sm">
        {c.programmeName} · {formatDate(c.startsOn)} — {formatDate(c.endsOn)}
        {c.trainers.length > 0 && ` · ${t('mentoring.fields.trainers')}: ${c.trainers.map((tr) => tr.name).join(', ')}`}
      </Text>
      <Group gap={4}>
        {c.sessions.map((s) => (
          <Badge key={s.number} variant={s.heldOn ? 'filled' : 'outline'} title={s.title}>
            {s.number}: {s.heldOn ? formatDate(s.heldOn) : t('mentoring.training.notHeld')}
          </Badge>
        ))}
      </Group>
      {manage && (
        <Group gap="xs" wrap="wrap">
          <Select
            aria-label={t('mentoring.training.enrol')}
            placeholder={t('mentoring.training.enrol')}
            searchable
            data={(candidates.data?.items ?? []).map((m) => ({ value: m.id, label: m.displayName }))}
            value={enrolling}
            onChange={(mentorId) => {
              setEnrolling(mentorId);
              if (mentorId) enrol.mutate(mentorId);
            }}
          />
          <Button variant="light" onClick={() => setMarking(true)} disabled={c.members.length === 0}>
            {t('mentoring.training.markAttendance')}
          </Button>
          <TextInput
            type="date"
            aria-label={t('mentoring.fields.completedOn')}
            value={completedOn}
            onChange={(e) => setCompletedOn(e.currentTarget.value)}
            w={170}
          />
        </Group>
      )}
      <FormError error={enrol.error ?? complete.error} />
      {c.members.length === 0 ? (
        <EmptyState>{t('mentoring.training.members')}: 0</EmptyState>
      ) : (
        <Stack gap="xs">
          {c.members.map((m) => (
            <Card key={m.mentorId} withBorder padding="xs" data-testid="cohort-member" data-name={m.displayName}>
              <Group justify="space-between" wrap={phone ? 'wrap' : 'nowrap'}>
                <Stack gap={0}>
                  <Group gap="xs">
                    <Text fw={500}>{m.displayName}</Text>
                    <MentorStatusBadge status={m.status} />
                  </Group>
                  <Text size="xs">
                    {t('mentoring.register.attendedOf', { attended: m.attended.length, sessions: c.sessions.length, min: c.minSessions })}
                    {' · '}
                    {m.diagnostic
                      ? `${m.diagnostic.passed ? t('mentoring.register.diagnosticPassed') : t('mentoring.register.diagnosticFailed')} (${t('mentoring.training.score', { score: m.diagnostic.score })})`
                      : t('mentoring.register.diagnosticNone')}
                  </Text>
                  {m.completedOn && (
                    <Text size="xs" c="green">
                      {t('mentoring.register.completedOn', { date: formatDate(m.completedOn) })}
                    </Text>
                  )}
                </Stack>
                {manage && !m.completedOn && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setDiagnosing(m.mentorId)}>
                      {t('mentoring.training.recordDiagnostic')}
                    </Button>
                    <Button
                      size="xs"
                      leftSection={<IconCheck size={14} />}
                      title={m.canComplete ? undefined : t('mentoring.training.completeBlocked')}
                      onClick={() => complete.mutate(m.mentorId)}
                      loading={complete.isPending && complete.variables === m.mentorId}
                    >
                      {t('mentoring.training.complete')}
                    </Button>
                  </Group>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <MentoringModal opened={marking} onClose={() => setMarking(false)} title={t('mentoring.training.markAttendance')}>
        {marking && <AttendanceForm cohort={c} onDone={() => setMarking(false)} />}
      </MentoringModal>
      <MentoringModal
        opened={diagnosing !== null}
        onClose={() => setDiagnosing(null)}
        title={t('mentoring.training.recordDiagnostic')}
        size="lg"
      >
        {diagnosing && <DiagnosticForm cohortId={id} mentorId={diagnosing} onDone={() => setDiagnosing(null)} />}
      </MentoringModal>
    </Stack>
  );
}

function SupervisionSection() {
  const { t } = useTranslation();
  const can = useCan();
  const refresh = useRefresh();
  const list = useQuery({ queryKey: mentoringKeys.supervisions, queryFn: mentoringApi.supervisions });
  const mentors = useQuery({ queryKey: mentoringKeys.mentors({}), queryFn: () => mentoringApi.mentors({}) });
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const [v, setV] = useState({ branchId: '', heldOn: isoToday(), durationMinutes: 90, topic: '', mentorIds: [] as string[], summary: '' });
  const save = useMutation({
    mutationFn: () => mentoringApi.createSupervision(v, key),
    onSuccess: async () => {
      setOpen(false);
      setKey(newIdempotencyKey());
      await refresh();
    },
  });
  const field = bindFields(v, setV, errorsByPath(save.error));
  return (
    <Stack gap="sm">
      {can('mentoring.manage') && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
            {t('mentoring.supervision.new')}
          </Button>
        </Group>
      )}
      <QueryState query={list} retry={false} isEmpty={(d) => d.items.length === 0} empty={t('mentoring.supervision.empty')}>
        {(d) =>
          d.items.map((s) => (
            <Card key={s.id} withBorder padding="sm">
              <Text fw={500}>
                {formatDate(s.heldOn)} · {s.topic}
              </Text>
              <Text size="sm">
                {t('mentoring.supervision.facilitator')}: {s.facilitator} · {t('mentoring.match.minutes', { count: s.durationMinutes })}
              </Text>
              <Text size="sm" c="dimmed">
                {s.mentors.map((m) => m.displayName).join(', ')}
              </Text>
              {s.summary && <Text size="sm">{s.summary}</Text>}
            </Card>
          ))
        }
      </QueryState>
      <MentoringModal opened={open} onClose={() => setOpen(false)} title={t('mentoring.supervision.new')}>
        <Stack gap="sm">
          <BranchSelect label={t('mentoring.fields.branch')} withAsterisk {...field.choice('branchId')} />
          <TextInput label={t('mentoring.fields.topic')} withAsterisk {...field.text('topic')} />
          <SimpleGrid cols={2}>
            <TextInput type="date" label={t('mentoring.fields.heldOn')} {...field.text('heldOn')} />
            <NumberInput
              label={t('mentoring.fields.duration')}
              min={15}
              max={600}
              value={v.durationMinutes}
              onChange={(n) => setV({ ...v, durationMinutes: Number(n) || 60 })}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('mentoring.fields.mentors')}
            withAsterisk
            searchable
            data={(mentors.data?.items ?? []).map((m) => ({ value: m.id, label: m.displayName }))}
            {...field.list('mentorIds')}
          />
          <TextInput
            label={t('mentoring.fields.summary')}
            value={v.summary}
            onChange={(e) => setV({ ...v, summary: e.currentTarget.value })}
          />
          <SaveBar save={save} />
        </Stack>
      </MentoringModal>
    </Stack>
  );
}

export function TrainingPage() {
  const { t } = useTranslation();
  const can = useCan();
  const refresh = useRefresh();
  const programmes = useQuery({ queryKey: mentoringKeys.programmes, queryFn: mentoringApi.programmes });
  const cohorts = useQuery({ queryKey: mentoringKeys.cohorts, queryFn: mentoringApi.cohorts });
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  const shipped = useMutation({
    mutationFn: () => mentoringApi.createProgramme(SHIPPED_TRAINING_PROGRAMME, key),
    onSuccess: async () => {
      await refresh();
    },
  });
  return (
    <Page title={t('mentoring.training.title')}>
      <Tabs defaultValue="cohorts" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="cohorts">{t('mentoring.training.cohorts')}</Tabs.Tab>
          <Tabs.Tab value="programmes">{t('mentoring.training.programmes')}</Tabs.Tab>
          <Tabs.Tab value="supervision">{t('mentoring.supervision.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="programmes" pt="sm">
          <Stack gap="sm">
            {can('mentoring.manage') && (programmes.data?.items.length ?? 0) === 0 && (
              <Group>
                <Button onClick={() => shipped.mutate()} loading={shipped.isPending}>
                  {t('mentoring.training.useShipped')}
                </Button>
              </Group>
            )}
            <FormError error={shipped.error} />
            <QueryState query={programmes} retry={false}>
              {(d) =>
                d.items.map((p) => (
                  <Card key={p.id} withBorder padding="sm">
                    <Title order={5}>{p.name}</Title>
                    <Text size="sm">
                      {t('mentoring.training.rule', { min: p.minSessions, count: p.sessions.length, score: p.diagnosticPassScore })}
                    </Text>
                    <Table mt="xs">
                      <Table.Tbody>
                        {p.sessions.map((s, i) => (
                          <Table.Tr key={i}>
                            <Table.Td w={40}>{i + 1}</Table.Td>
                            <Table.Td>{s.title}</Table.Td>
                            <Table.Td w={80}>{s.hours}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Card>
                ))
              }
            </QueryState>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="cohorts" pt="sm">
          <Stack gap="sm">
            {can('mentoring.manage') && (
              <Group>
                <Button
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setCreating(true)}
                  disabled={(programmes.data?.items.length ?? 0) === 0}
                >
                  {t('mentoring.training.newCohort')}
                </Button>
              </Group>
            )}
            <QueryState query={cohorts} retry={false} isEmpty={(d) => d.items.length === 0} empty={t('mentoring.training.noCohorts')}>
              {(d) =>
                d.items.map((c) => (
                  <Card key={c.id} withBorder padding="sm" data-testid="cohort-row">
                    <Group justify="space-between" onClick={() => setOpen(open === c.id ? null : c.id)} style={{ cursor: 'pointer' }}>
                      <Text fw={500}>{c.name}</Text>
                      <Text size="sm" c="dimmed">
                        {t('mentoring.training.membersCount', { members: c.members, completed: c.completed })}
                      </Text>
                    </Group>
                    {open === c.id && <CohortPanel id={c.id} />}
                  </Card>
                ))
              }
            </QueryState>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="supervision" pt="sm">
          <SupervisionSection />
        </Tabs.Panel>
      </Tabs>
      <MentoringModal opened={creating} onClose={() => setCreating(false)} title={t('mentoring.training.newCohort')}>
        {creating && <CohortForm onDone={() => setCreating(false)} />}
      </MentoringModal>
    </Page>
  );
}
