// The register of mentors: the list with filters (status, kind, experience, name or place), a new
// mentor's form, and a mentor's card with the status path, the training and the families mentored.
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  EXPERIENCE_TAGS,
  MENTOR_KINDS,
  MENTOR_STATUSES,
  type ExperienceTag,
  type MentorKind,
  type MentorStatus,
  type MentorSummary,
} from '../../domain/mentoring/contracts.js';
import { MENTOR_TRANSITIONS, reasonRequired } from '../../domain/mentoring/rules.js';
import { BranchSelect } from '../access/BranchSelect.js';
import { newIdempotencyKey } from '../app/api.js';
import { bindFields, errorsByPath, isoToday } from '../app/fields.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { useCan } from '../app/session.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { StatusBadge } from '../app/StatusBadge.js';
import { casesApi, caseKeys } from '../cases/api.js';
import { CaseLink } from '../cases/links.js';
import { MentoringModal, QueryState, SaveBar } from './scaffold.js';
import { mentoringApi, mentoringKeys } from './api.js';

export const STATUS_COLOR: Record<MentorStatus, string> = {
  candidate: 'gray',
  in_training: 'blue',
  trained: 'teal',
  active: 'green',
  paused: 'yellow',
  withdrawn: 'red',
};

export function MentorStatusBadge({ status }: { status: MentorStatus }) {
  return <StatusBadge status={status} colors={STATUS_COLOR} labels="mentoring.statuses" />;
}

function MentorForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const staff = useQuery({ queryKey: caseKeys.staff, queryFn: casesApi.staff });
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({
    kind: 'resource_family' as MentorKind,
    displayName: '',
    branchId: '',
    userId: null as string | null,
    phone: '',
    email: '',
    locality: '',
    experience: [] as ExperienceTag[],
    capacity: 1,
    registeredOn: isoToday(),
    note: '',
  });
  const save = useMutation({
    mutationFn: () => {
      const { userId, ...rest } = v;
      return mentoringApi.createMentor({ ...rest, ...(userId && { userId }) }, key);
    },
    onSuccess: async (mentor) => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: mentoringKeys.all });
      onDone(mentor.id);
    },
  });
  const errors = errorsByPath(save.error);
  const field = bindFields(v, setV, errors);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('mentoring.fields.kind')}
          allowDeselect={false}
          data={MENTOR_KINDS.map((k) => ({ value: k, label: t(`mentoring.kinds.${k}`) }))}
          value={v.kind}
          onChange={(kind) => kind && setV({ ...v, kind: kind as MentorKind })}
        />
        <TextInput label={t('mentoring.fields.displayName')} withAsterisk {...field.text('displayName')} />
        <BranchSelect label={t('mentoring.fields.branch')} withAsterisk {...field.choice('branchId')} />
        <TextInput label={t('mentoring.fields.locality')} {...field.text('locality')} />
        <TextInput label={t('mentoring.fields.phone')} {...field.text('phone')} />
        <TextInput label={t('mentoring.fields.email')} {...field.text('email')} />
        <NumberInput label={t('mentoring.fields.capacity')} min={1} max={10} {...field.number('capacity', 1)} />
        <TextInput type="date" label={t('mentoring.fields.registeredOn')} {...field.text('registeredOn')} />
      </SimpleGrid>
      <MultiSelect
        label={t('mentoring.fields.experience')}
        data={EXPERIENCE_TAGS.map((tag) => ({ value: tag, label: t(`mentoring.experience.${tag}`) }))}
        {...field.list('experience')}
      />
      <Select
        label={t('mentoring.fields.account')}
        clearable
        searchable
        data={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={v.userId}
        onChange={(userId) => setV({ ...v, userId })}
        error={errors.userId}
      />
      <Textarea label={t('mentoring.fields.note')} autosize minRows={1} {...field.text('note')} />
      <SaveBar save={save} />
    </Stack>
  );
}

function StatusForm({
  mentorId,
  status,
  version,
  onDone,
}: {
  mentorId: string;
  status: MentorStatus;
  version: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const targets = MENTOR_TRANSITIONS[status] as readonly MentorStatus[];
  const [to, setTo] = useState<MentorStatus | null>(targets[0] ?? null);
  const [changedOn, setChangedOn] = useState(isoToday());
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () => mentoringApi.moveMentor(mentorId, { status: to!, changedOn, reason, version }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: mentoringKeys.all });
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <Select
        label={t('mentoring.fields.status')}
        data={targets.map((s) => ({ value: s, label: t(`mentoring.statuses.${s}`) }))}
        value={to}
        onChange={(s) => setTo(s as MentorStatus)}
        error={errors.status}
      />
      <TextInput
        type="date"
        label={t('mentoring.fields.changedOn')}
        value={changedOn}
        onChange={(e) => setChangedOn(e.currentTarget.value)}
        error={errors.changedOn}
      />
      <Textarea
        label={t('mentoring.fields.reason')}
        withAsterisk={to !== null && reasonRequired(to)}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
      />
      <SaveBar save={save} disabled={!to} />
    </Stack>
  );
}

export function MentorCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [moving, setMoving] = useState(false);
  const mentor = useQuery({ queryKey: mentoringKeys.mentor(id), queryFn: () => mentoringApi.mentor(id) });
  if (mentor.isPending) return <LoadingState />;
  if (mentor.isError) return <ErrorState error={mentor.error} />;
  const m = mentor.data;
  return (
    <Stack gap="sm" data-testid="mentor-card">
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={600}>{m.displayName}</Text>
          <MentorStatusBadge status={m.status} />
        </Group>
        {can('mentoring.manage') && (MENTOR_TRANSITIONS[m.status] as readonly string[]).length > 0 && (
          <Button size="xs" variant="light" onClick={() => setMoving(true)}>
            {t('mentoring.register.changeStatus')}
          </Button>
        )}
      </Group>
      <Text size="sm">
        {t(`mentoring.kinds.${m.kind}`)} · {[m.locality, m.phone, m.email].filter(Boolean).join(' · ')}
      </Text>
      <Text size="sm">
        {t('mentoring.fields.load')}: {t('mentoring.register.capacityOf', { load: m.load, capacity: m.capacity })}
      </Text>
      {m.experience.length > 0 && (
        <Group gap={4}>
          {m.experience.map((tag) => (
            <Badge key={tag} variant="outline" size="sm">
              {t(`mentoring.experience.${tag}`)}
            </Badge>
          ))}
        </Group>
      )}
      {m.formerCaseId && (
        <Text size="sm">
          {t('mentoring.register.formerCase')}: <CaseLink caseId={m.formerCaseId}>{formatDate(m.registeredOn)}</CaseLink>
        </Text>
      )}
      <Title order={5}>{t('mentoring.register.statusPath')}</Title>
      <Timeline bulletSize={14} lineWidth={2}>
        {m.history.map((h, i) => (
          <Timeline.Item key={i} title={`${t(`mentoring.statuses.${h.to}`)} · ${formatDate(h.changedOn)}`}>
            {h.reason && (
              <Text size="xs" c="dimmed">
                {h.reason}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
      <Title order={5}>{t('mentoring.register.training')}</Title>
      {m.training.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('mentoring.register.noTraining')}
        </Text>
      ) : (
        m.training.map((tr) => (
          <Card key={tr.cohortId} withBorder padding="xs">
            <Text size="sm" fw={500}>
              {tr.programmeName} · {tr.cohortName}
            </Text>
            <Text size="xs">
              {t('mentoring.register.attendedOf', { attended: tr.attended, sessions: tr.sessions, min: tr.minSessions })}
            </Text>
            <Text size="xs">
              {tr.diagnosticPassed === null
                ? t('mentoring.register.diagnosticNone')
                : tr.diagnosticPassed
                  ? t('mentoring.register.diagnosticPassed')
                  : t('mentoring.register.diagnosticFailed')}
              {tr.completedOn && ` · ${t('mentoring.register.completedOn', { date: formatDate(tr.completedOn) })}`}
            </Text>
          </Card>
        ))
      )}
      <Title order={5}>{t('mentoring.register.matches')}</Title>
      {m.matches.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('mentoring.register.noMatches')}
        </Text>
      ) : (
        m.matches.map((match) => (
          <Text key={match.id} size="sm">
            <CaseLink caseId={match.caseId}>{t(`mentoring.matchStatuses.${match.status}`)}</CaseLink> ·{' '}
            {formatDate(match.startedOn ?? match.proposedOn)}
          </Text>
        ))
      )}
      <MentoringModal opened={moving} onClose={() => setMoving(false)} title={t('mentoring.register.changeStatus')}>
        {moving && <StatusForm mentorId={m.id} status={m.status} version={m.version} onDone={() => setMoving(false)} />}
      </MentoringModal>
    </Stack>
  );
}

export function MentorsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const phone = useMediaQuery('(max-width: 48em)');
  const [status, setStatus] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [experience, setExperience] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const query = {
    ...(status && { status: status as MentorStatus }),
    ...(kind && { kind: kind as MentorKind }),
    ...(experience && { experience: experience as ExperienceTag }),
    ...(debounced && { q: debounced }),
  };
  const list = useQuery({ queryKey: mentoringKeys.mentors(query), queryFn: () => mentoringApi.mentors(query) });
  const row = (m: MentorSummary) => ({
    load: t('mentoring.register.capacityOf', { load: m.load, capacity: m.capacity }),
    experience: m.experience.map((tag) => t(`mentoring.experience.${tag}`)).join(', '),
  });
  return (
    <Page
      title={t('mentoring.register.title')}
      actions={
        <>
          <ExportButtons url="/api/mentoring/mentors" query={query} testId="mentors-export" />
          {can('mentoring.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('mentoring.register.new')}
            </Button>
          )}
        </>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput
          aria-label={t('mentoring.register.search')}
          placeholder={t('mentoring.register.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Select
          aria-label={t('mentoring.fields.status')}
          placeholder={t('mentoring.register.anyStatus')}
          clearable
          data={MENTOR_STATUSES.map((s) => ({ value: s, label: t(`mentoring.statuses.${s}`) }))}
          value={status}
          onChange={setStatus}
        />
        <Select
          aria-label={t('mentoring.fields.kind')}
          placeholder={t('mentoring.register.anyKind')}
          clearable
          data={MENTOR_KINDS.map((k) => ({ value: k, label: t(`mentoring.kinds.${k}`) }))}
          value={kind}
          onChange={setKind}
        />
        <Select
          aria-label={t('mentoring.fields.experience')}
          placeholder={t('mentoring.register.anyExperience')}
          clearable
          data={EXPERIENCE_TAGS.map((tag) => ({ value: tag, label: t(`mentoring.experience.${tag}`) }))}
          value={experience}
          onChange={setExperience}
        />
      </SimpleGrid>
      <QueryState
        query={list}
        isEmpty={(d) => d.items.length === 0}
        empty={Object.keys(query).length > 0 ? t('web.nothingFound') : t('mentoring.register.empty')}
      >
        {(d) =>
          phone ? (
            <Stack gap="xs">
              {d.items.map((m) => (
                <Card
                  key={m.id}
                  withBorder
                  padding="sm"
                  data-testid="mentor-row"
                  onClick={() => setOpen(m.id)}
                  style={{ cursor: 'pointer' }}
                >
                  <Group justify="space-between">
                    <Text fw={500}>{m.displayName}</Text>
                    <MentorStatusBadge status={m.status} />
                  </Group>
                  <Text size="sm">
                    {t(`mentoring.kinds.${m.kind}`)} · {m.locality} · {row(m).load}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row(m).experience}
                  </Text>
                </Card>
              ))}
            </Stack>
          ) : (
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mentoring.fields.displayName')}</Table.Th>
                  <Table.Th>{t('mentoring.fields.kind')}</Table.Th>
                  <Table.Th>{t('mentoring.fields.status')}</Table.Th>
                  <Table.Th>{t('mentoring.fields.locality')}</Table.Th>
                  <Table.Th>{t('mentoring.fields.experience')}</Table.Th>
                  <Table.Th>{t('mentoring.fields.load')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.items.map((m) => (
                  <Table.Tr key={m.id} data-testid="mentor-row" onClick={() => setOpen(m.id)} style={{ cursor: 'pointer' }}>
                    <Table.Td>{m.displayName}</Table.Td>
                    <Table.Td>{t(`mentoring.kinds.${m.kind}`)}</Table.Td>
                    <Table.Td>
                      <MentorStatusBadge status={m.status} />
                    </Table.Td>
                    <Table.Td>{m.locality}</Table.Td>
                    <Table.Td>{row(m).experience}</Table.Td>
                    <Table.Td>{row(m).load}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <MentoringModal opened={creating} onClose={() => setCreating(false)} title={t('mentoring.register.new')} size="lg">
        {creating && (
          <MentorForm
            onDone={(id) => {
              setCreating(false);
              setOpen(id);
            }}
          />
        )}
      </MentoringModal>
      <MentoringModal opened={open !== null} onClose={() => setOpen(null)} title={t('mentoring.register.card')} size="lg">
        {open && <MentorCard id={open} />}
      </MentoringModal>
    </Page>
  );
}
