// The coordinator's board of volunteer work: the week's tasks and shifts with the places taken, a
// new task (one-off or weekly), a task's volunteers (assign, completed with hours, no-show, cancel);
// the teams of the branches with their leader and members; the hours given per volunteer, team and
// branch in a period.
import { useState } from 'react';
import {
  Anchor,
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
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TASK_KINDS, type TaskKind, type TaskView, type TeamView } from '../../domain/volunteers/contracts.js';
import { BranchSelect } from '../access/BranchSelect.js';
import { newIdempotencyKey } from '../app/api.js';
import { bindFields, errorsByPath, isoToday } from '../app/fields.js';
import { formatDate, formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { MentoringModal as Dialog, QueryState, SaveBar } from '../mentoring/scaffold.js';
import { isoDaysFrom, localToIso, volunteerKeys, volunteersApi } from './api.js';

function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return isoDaysFrom(day, -weekday);
}

function TaskForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const teams = useQuery({ queryKey: volunteerKeys.teams, queryFn: volunteersApi.teams });
  const [key] = useState(newIdempotencyKey);
  const tomorrow = isoDaysFrom(isoToday(), 1);
  const [v, setV] = useState({
    branchId: '',
    teamId: null as string | null,
    kind: 'child_care' as TaskKind,
    title: '',
    needs: '',
    address: '',
    startsAt: `${tomorrow}T10:00`,
    endsAt: `${tomorrow}T13:00`,
    places: 2,
    weeks: 1,
  });
  const save = useMutation({
    mutationFn: () => volunteersApi.createTask({ ...v, startsAt: localToIso(v.startsAt), endsAt: localToIso(v.endsAt) }, key),
    onSuccess: async (task) => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: volunteerKeys.all });
      onDone(task.id);
    },
  });
  const errors = errorsByPath(save.error);
  const field = bindFields(v, setV, errors);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('volunteers.fields.kind')}
          allowDeselect={false}
          data={TASK_KINDS.map((k) => ({ value: k, label: t(`volunteers.kinds.${k}`) }))}
          value={v.kind}
          onChange={(kind) => kind && setV({ ...v, kind: kind as TaskKind })}
        />
        <BranchSelect
          label={t('volunteers.fields.branch')}
          withCity
          value={v.branchId || null}
          onChange={(branchId) => setV({ ...v, branchId: branchId ?? '', teamId: null })}
          error={errors.branchId}
        />
        <TextInput label={t('volunteers.fields.title')} {...field.text('title')} />
        <Select
          label={t('volunteers.fields.team')}
          clearable
          data={(teams.data?.items ?? []).filter((x) => x.branchId === v.branchId).map((x) => ({ value: x.id, label: x.name }))}
          value={v.teamId}
          onChange={(teamId) => setV({ ...v, teamId })}
          error={errors.teamId}
        />
        <TextInput type="datetime-local" label={t('volunteers.fields.startsAt')} {...field.text('startsAt')} />
        <TextInput type="datetime-local" label={t('volunteers.fields.endsAt')} {...field.text('endsAt')} />
        <NumberInput label={t('volunteers.fields.places')} min={1} max={100} {...field.number('places', 1)} />
        <NumberInput label={t('volunteers.fields.weeks')} min={1} max={52} {...field.number('weeks', 1)} />
      </SimpleGrid>
      <Textarea label={t('volunteers.fields.needs')} {...field.text('needs')} />
      <TextInput label={t('volunteers.fields.address')} {...field.text('address')} />
      <SaveBar save={save} />
    </Stack>
  );
}

function SignupRow({ task, signup }: { task: TaskView; signup: TaskView['signups'][number] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const can = useCan();
  const length = (Date.parse(task.endsAt) - Date.parse(task.startsAt)) / 3_600_000;
  const [hours, setHours] = useState<number>(length);
  const outcome = useMutation({
    mutationFn: (o: 'completed' | 'no_show') => volunteersApi.outcome(signup.id, { outcome: o, hours: o === 'completed' ? hours : null }),
    onSuccess: async (saved) => {
      client.setQueryData(volunteerKeys.task(task.id), saved);
      await client.invalidateQueries({ queryKey: volunteerKeys.all });
    },
  });
  const errors = errorsByPath(outcome.error);
  const started = Date.parse(task.startsAt) <= Date.now();
  return (
    <Table.Tr>
      <Table.Td>{signup.volunteerName}</Table.Td>
      <Table.Td>
        {t(`volunteers.signupStatuses.${signup.status}`)} · {t(`volunteers.how.${signup.how}`)}
        {signup.onHold && (
          <Badge color="red" ml="xs">
            {t('volunteers.mine.onHold')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{signup.hours ?? ''}</Table.Td>
      <Table.Td>
        {can('volunteers.manage') && started && signup.status !== 'withdrawn' && (
          <Group gap="xs" wrap="nowrap">
            <NumberInput
              aria-label={t('volunteers.fields.hours')}
              w={90}
              min={0.25}
              step={0.25}
              max={24}
              value={hours}
              onChange={(n) => setHours(Number(n) || 0)}
              error={errors.hours}
            />
            <Button size="xs" onClick={() => outcome.mutate('completed')} loading={outcome.isPending}>
              {t('volunteers.actions.complete')}
            </Button>
            <Button size="xs" variant="default" onClick={() => outcome.mutate('no_show')}>
              {t('volunteers.actions.noShow')}
            </Button>
          </Group>
        )}
        {outcome.error && !errors.hours && (
          <Text size="xs" c="red">
            {(outcome.error as Error).message}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function TaskDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const can = useCan();
  const task = useQuery({ queryKey: volunteerKeys.task(id), queryFn: () => volunteersApi.task(id) });
  const volunteers = useQuery({
    queryKey: volunteerKeys.list({ status: 'active' }),
    queryFn: () => volunteersApi.list({ status: 'active' }),
  });
  const [volunteerId, setVolunteerId] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: () => volunteersApi.assign(id, volunteerId ?? ''),
    onSuccess: async (saved) => {
      client.setQueryData(volunteerKeys.task(id), saved);
      setVolunteerId(null);
      await client.invalidateQueries({ queryKey: volunteerKeys.all });
    },
  });
  const errors = errorsByPath(assign.error);
  return (
    <QueryState query={task}>
      {(x) => (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge>{t(`volunteers.kinds.${x.kind}`)}</Badge>
            {x.childRelated && <Badge color="pink">{t('volunteers.fields.childRelated')}</Badge>}
            <Badge variant="light">{t(`volunteers.taskStatuses.${x.status}`)}</Badge>
          </Group>
          <Text size="sm">
            {formatDateTime(x.startsAt)} — {formatDateTime(x.endsAt)} · {t('volunteers.board.taken', { taken: x.taken, places: x.places })}
          </Text>
          {x.needs && <Text size="sm">{x.needs}</Text>}
          {x.address && <Text size="sm">{x.address}</Text>}
          <Table>
            <Table.Tbody>
              {x.signups.map((s) => (
                <SignupRow key={`${s.id}-${s.status}`} task={x} signup={s} />
              ))}
            </Table.Tbody>
          </Table>
          {can('volunteers.manage') && x.status === 'open' && (
            <Group align="flex-end">
              <Select
                label={t('volunteers.actions.assign')}
                searchable
                data={(volunteers.data?.items ?? []).filter((v) => v.branchId === x.branchId).map((v) => ({ value: v.id, label: v.name }))}
                value={volunteerId}
                onChange={setVolunteerId}
                error={errors.volunteerId ?? errors.places}
              />
              <Button onClick={() => assign.mutate()} loading={assign.isPending} disabled={!volunteerId}>
                {t('volunteers.actions.assign')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

function Board() {
  const { t } = useTranslation();
  const can = useCan();
  const [week, setWeek] = useState(mondayOf(isoToday()));
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const to = isoDaysFrom(week, 6);
  const board = useQuery({ queryKey: volunteerKeys.board({ week }), queryFn: () => volunteersApi.board({ from: week, to }) });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="default" onClick={() => setWeek(isoDaysFrom(week, -7))} aria-label="←">
            <IconChevronLeft size={16} />
          </Button>
          <Text>
            {formatDate(week)} — {formatDate(to)}
          </Text>
          <Button variant="default" onClick={() => setWeek(isoDaysFrom(week, 7))} aria-label="→">
            <IconChevronRight size={16} />
          </Button>
        </Group>
        {can('volunteers.manage') && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('volunteers.actions.newTask')}
          </Button>
        )}
      </Group>
      <QueryState query={board} isEmpty={(d) => d.items.length === 0} empty={t('volunteers.board.empty')}>
        {(d) => (
          <Table striped>
            <Table.Tbody>
              {d.items.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{formatDateTime(x.startsAt)}</Table.Td>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setOpen(x.id)}>
                      {x.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`volunteers.kinds.${x.kind}`)}</Table.Td>
                  <Table.Td>{t('volunteers.board.taken', { taken: x.taken, places: x.places })}</Table.Td>
                  <Table.Td>{t(`volunteers.taskStatuses.${x.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Dialog opened={open !== null} onClose={() => setOpen(null)} title={d(board.data, open)} size="xl">
        {open && <TaskDetail id={open} />}
      </Dialog>
      <Dialog opened={adding} onClose={() => setAdding(false)} title={t('volunteers.actions.newTask')} size="xl">
        <TaskForm
          onDone={(id) => {
            setAdding(false);
            setOpen(id);
          }}
        />
      </Dialog>
    </Stack>
  );
}

const d = (data: { items: { id: string; title: string }[] } | undefined, id: string | null) =>
  data?.items.find((x) => x.id === id)?.title ?? '';

function TeamCard({ team }: { team: TeamView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const can = useCan();
  const volunteers = useQuery({
    queryKey: volunteerKeys.list({ status: 'active' }),
    queryFn: () => volunteersApi.list({ status: 'active' }),
  });
  const [members, setMembers] = useState(team.members.map((m) => m.id));
  const save = useMutation({
    mutationFn: () => volunteersApi.setMembers(team.id, { volunteerIds: members, joinedOn: isoToday(), version: team.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: volunteerKeys.teams }),
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>
          {team.name} · {team.city}
        </Text>
        <Text size="sm">
          {t('volunteers.fields.leader')}: {team.leaderName ?? '—'}
        </Text>
        {can('volunteers.manage') ? (
          <>
            <MultiSelect
              label={t('volunteers.fields.members')}
              searchable
              data={[
                ...team.members.map((m) => ({ value: m.id, label: m.name })),
                ...(volunteers.data?.items ?? [])
                  .filter((v) => v.branchId === team.branchId && !team.members.some((m) => m.id === v.id))
                  .map((v) => ({ value: v.id, label: v.name })),
              ]}
              value={members}
              onChange={setMembers}
            />
            <SaveBar save={save} label={t('volunteers.actions.setMembers')} />
          </>
        ) : (
          <Text size="sm">{team.members.map((m) => m.name).join(', ')}</Text>
        )}
      </Stack>
    </Card>
  );
}

function Teams() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const teams = useQuery({ queryKey: volunteerKeys.teams, queryFn: volunteersApi.teams });
  const [key, setKey] = useState(newIdempotencyKey);
  const [v, setV] = useState({ branchId: '', name: '', formedOn: isoToday() });
  const create = useMutation({
    mutationFn: () => volunteersApi.createTeam({ ...v, leaderId: null }, key),
    onSuccess: async () => {
      setV({ ...v, name: '' });
      setKey(newIdempotencyKey());
      await client.invalidateQueries({ queryKey: volunteerKeys.teams });
    },
  });
  const field = bindFields(v, setV, errorsByPath(create.error));
  return (
    <Stack gap="sm">
      {can('volunteers.manage') && (
        <Group align="flex-end">
          <BranchSelect label={t('volunteers.fields.branch')} withCity {...field.choice('branchId')} />
          <TextInput label={t('volunteers.fields.team')} {...field.text('name')} />
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('volunteers.actions.newTeam')}
          </Button>
        </Group>
      )}
      <QueryState query={teams} isEmpty={(data) => data.items.length === 0} empty={t('volunteers.mine.nothing')}>
        {(data) => (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {data.items.map((team) => (
              <TeamCard key={`${team.id}-${team.version}`} team={team} />
            ))}
          </SimpleGrid>
        )}
      </QueryState>
    </Stack>
  );
}

function Hours() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(`${isoToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(isoToday());
  const [by, setBy] = useState<'volunteer' | 'team' | 'branch'>('volunteer');
  const hours = useQuery({ queryKey: volunteerKeys.hours({ from, to, by }), queryFn: () => volunteersApi.hours({ from, to, by }) });
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <TextInput type="date" label={t('volunteers.fields.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('volunteers.fields.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Select
          label={t('volunteers.fields.by')}
          allowDeselect={false}
          data={(['volunteer', 'team', 'branch'] as const).map((b) => ({ value: b, label: t(`volunteers.by.${b}`) }))}
          value={by}
          onChange={(b) => b && setBy(b as typeof by)}
        />
      </Group>
      <QueryState query={hours}>
        {(h) => (
          <Table data-testid="volunteer-hours">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th>{t('volunteers.fields.shifts')}</Table.Th>
                <Table.Th>{t('volunteers.fields.hours')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {h.rows.map((r) => (
                <Table.Tr key={r.id || 'none'}>
                  <Table.Td>{r.name || '—'}</Table.Td>
                  <Table.Td>{r.shifts}</Table.Td>
                  <Table.Td>{r.hours}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fw={600}>Σ</Table.Td>
                <Table.Td />
                <Table.Td fw={600}>{h.total}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}

export function BoardPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('volunteers.nav.board')}>
      <Tabs defaultValue="board" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="board">{t('volunteers.board.title')}</Tabs.Tab>
          <Tabs.Tab value="teams">{t('volunteers.nav.teams')}</Tabs.Tab>
          <Tabs.Tab value="hours">{t('volunteers.nav.hours')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="board" pt="sm">
          <Board />
        </Tabs.Panel>
        <Tabs.Panel value="teams" pt="sm">
          <Teams />
        </Tabs.Panel>
        <Tabs.Panel value="hours" pt="sm">
          <Hours />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
