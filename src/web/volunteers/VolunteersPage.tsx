// The coordinator's register of volunteers: the reminders (certificates ending, shifts on hold), the
// list of applications and volunteers with filters, an application entered by staff, and a
// volunteer's card — the application and consent, the screening (interview, certificate of no
// criminal record, induction, agreement), the status path, the account, the shifts and hours, and the
// thank-you letter, the record's files (the certificate's scan, the signed agreement); the settings of
// the public form and the certificate's validity.
import { useState } from 'react';
import {
  Anchor,
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
  Text,
  Textarea,
  TextInput,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSettings } from '@tabler/icons-react';
import { ExportButtons } from '../documents/ExportButtons.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  TASK_KINDS,
  VOLUNTEER_STATUSES,
  type TaskKind,
  type VolunteerStatus,
  type VolunteerView,
} from '../../domain/volunteers/contracts.js';
import { STATUS_MOVES, reasonRequired } from '../../domain/volunteers/rules.js';
import { BranchSelect } from '../access/BranchSelect.js';
import { AttachmentsPanel } from '../files/AttachmentsPanel.js';
import { newIdempotencyKey } from '../app/api.js';
import { bindFields, errorsByPath, isoToday } from '../app/fields.js';
import { formatDate, formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { StatusBadge } from '../app/StatusBadge.js';
import { MentoringModal as Dialog, QueryState, SaveBar } from '../mentoring/scaffold.js';
import { BLANK_APPLICATION, isoDaysFrom, volunteerKeys, volunteersApi } from './api.js';
import { VolunteerReminders } from './RemindersCard.js';

const STATUS_COLOR: Record<VolunteerStatus, string> = {
  applicant: 'blue',
  screened: 'teal',
  active: 'green',
  paused: 'yellow',
  left: 'gray',
};

export function VolunteerStatusBadge({ status }: { status: VolunteerStatus }) {
  return <StatusBadge status={status} colors={STATUS_COLOR} labels="volunteers.statuses" />;
}

function ApplicationForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({ ...BLANK_APPLICATION, appliedOn: isoToday() });
  const save = useMutation({
    mutationFn: () => volunteersApi.create(v, key),
    onSuccess: async (created) => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: volunteerKeys.all });
      onDone(created.id);
    },
  });
  const field = bindFields(v, setV, errorsByPath(save.error));
  const input = (name: keyof typeof v, label: string, type = 'text') => <TextInput type={type} label={label} {...field.text(name)} />;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {input('lastName', t('volunteers.fields.lastName'))}
        {input('firstName', t('volunteers.fields.firstName'))}
        {input('middleName', t('volunteers.fields.middleName'))}
        {input('phone', t('volunteers.fields.phone'))}
        {input('email', t('volunteers.fields.email'))}
        <BranchSelect label={t('volunteers.fields.branch')} withCity {...field.choice('branchId')} />
      </SimpleGrid>
      <Textarea label={t('volunteers.apply.skills')} {...field.text('skills')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {input('availability', t('volunteers.apply.availability'))}
        {input('heardFrom', t('volunteers.apply.heardFrom'))}
        {input('appliedOn', t('volunteers.fields.appliedOn'), 'date')}
      </SimpleGrid>
      <SaveBar save={save} />
    </Stack>
  );
}

function ScreeningForm({ volunteer }: { volunteer: VolunteerView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [v, setV] = useState({
    interviewOn: volunteer.interviewOn ?? '',
    interviewNotes: volunteer.interviewNotes,
    certificateIssuedOn: volunteer.certificateIssuedOn ?? '',
    inductionOn: volunteer.inductionOn ?? '',
    agreementOn: volunteer.agreementOn ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      volunteersApi.screening(volunteer.id, {
        interviewOn: v.interviewOn || null,
        interviewNotes: v.interviewNotes,
        certificateIssuedOn: v.certificateIssuedOn || null,
        inductionOn: v.inductionOn || null,
        agreementOn: v.agreementOn || null,
        version: volunteer.version,
      }),
    onSuccess: async (saved) => {
      notifications.show({ color: 'green', message: t('common.saved') });
      client.setQueryData(volunteerKeys.one(volunteer.id), saved);
      await client.invalidateQueries({ queryKey: volunteerKeys.all });
    },
  });
  const field = bindFields(v, setV, errorsByPath(save.error));
  const date = (name: 'interviewOn' | 'certificateIssuedOn' | 'inductionOn' | 'agreementOn') => (
    <TextInput type="date" label={t(`volunteers.fields.${name}`)} {...field.text(name)} />
  );
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600}>{t('volunteers.actions.screening')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {date('interviewOn')}
          {date('certificateIssuedOn')}
          {date('inductionOn')}
          {date('agreementOn')}
        </SimpleGrid>
        {volunteer.certificateValidUntil && (
          <Text size="sm">
            {t('volunteers.fields.certificateValidUntil')}: {formatDate(volunteer.certificateValidUntil)}
          </Text>
        )}
        <Textarea label={t('volunteers.fields.interviewNotes')} {...field.text('interviewNotes')} />
        <SaveBar save={save} />
      </Stack>
    </Card>
  );
}

function StatusForm({ volunteer }: { volunteer: VolunteerView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const moves = STATUS_MOVES[volunteer.status] as readonly VolunteerStatus[];
  const [v, setV] = useState({ status: moves[0] ?? volunteer.status, changedOn: isoToday(), reason: '' });
  const save = useMutation({
    mutationFn: () => volunteersApi.move(volunteer.id, { ...v, version: volunteer.version }),
    onSuccess: async (saved) => {
      client.setQueryData(volunteerKeys.one(volunteer.id), saved);
      await client.invalidateQueries({ queryKey: volunteerKeys.all });
    },
  });
  if (moves.length === 0) return null;
  const errors = errorsByPath(save.error);
  const field = bindFields(v, setV, errors);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600}>{t('volunteers.actions.move')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('volunteers.fields.status')}
            allowDeselect={false}
            data={moves.map((s) => ({ value: s, label: t(`volunteers.statuses.${s}`) }))}
            value={v.status}
            onChange={(status) => status && setV({ ...v, status: status as VolunteerStatus })}
            error={errors.status}
          />
          <TextInput type="date" label={t('volunteers.fields.changedOn')} {...field.text('changedOn')} />
          {reasonRequired(v.status) && <TextInput label={t('volunteers.fields.reason')} {...field.text('reason')} />}
        </SimpleGrid>
        {['interviewOn', 'inductionOn', 'agreementOn'].map(
          (f) =>
            errors[f] && (
              <Text key={f} size="sm" c="red">
                {t(`volunteers.fields.${f}` as never)}: {errors[f]}
              </Text>
            ),
        )}
        <SaveBar save={save} label={t('volunteers.actions.move')} />
      </Stack>
    </Card>
  );
}

function AccountForm({ volunteer }: { volunteer: VolunteerView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [v, setV] = useState({ email: volunteer.email, password: '' });
  const save = useMutation({
    mutationFn: () => volunteersApi.account(volunteer.id, { ...v, version: volunteer.version }),
    onSuccess: (saved) => {
      notifications.show({ color: 'green', message: t('common.saved') });
      client.setQueryData(volunteerKeys.one(volunteer.id), saved);
    },
  });
  if (volunteer.status !== 'active' || volunteer.hasAccount) return null;
  const field = bindFields(v, setV, errorsByPath(save.error));
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text fw={600}>{t('volunteers.actions.createAccount')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('volunteers.fields.email')} {...field.text('email')} />
          <TextInput type="password" label={t('volunteers.fields.password')} {...field.text('password')} />
        </SimpleGrid>
        <SaveBar save={save} label={t('volunteers.actions.createAccount')} />
      </Stack>
    </Card>
  );
}

function VolunteerCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const card = useQuery({ queryKey: volunteerKeys.one(id), queryFn: () => volunteersApi.one(id) });
  const from = isoDaysFrom(isoToday(), -365);
  return (
    <QueryState query={card}>
      {(v) => (
        <Stack gap="sm">
          <Group gap="xs">
            <VolunteerStatusBadge status={v.status} />
            <Text size="sm">{v.city}</Text>
            <Text size="sm">{v.phone}</Text>
            <Text size="sm">{v.email}</Text>
            <Text size="sm">
              {t('volunteers.fields.hours')}: {v.hours}
            </Text>
          </Group>
          <Text size="sm">{v.skills}</Text>
          {v.availability && <Text size="sm">{v.availability}</Text>}
          <Text size="sm" c="dimmed">
            {t(`volunteers.sources.${v.source}`)} · {formatDate(v.appliedOn)}
            {v.consentOn && ` · ${t('volunteers.consentGiven', { date: formatDate(v.consentOn) })}`}
          </Text>
          {can('volunteers.manage') && <ScreeningForm key={`s${v.version}`} volunteer={v} />}
          {can('volunteers.manage') && <StatusForm key={`m${v.version}`} volunteer={v} />}
          {can('volunteers.manage') && <AccountForm key={`a${v.version}`} volunteer={v} />}
          <VolunteerFiles volunteerId={v.id} />
          <Text fw={600}>{t('volunteers.history')}</Text>
          <Timeline bulletSize={14} lineWidth={2}>
            {v.history.map((h, i) => (
              <Timeline.Item key={i} title={t(`volunteers.statuses.${h.to}`)}>
                <Text size="xs" c="dimmed">
                  {formatDate(h.changedOn)} {h.reason && `· ${h.reason}`}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
          {v.shifts.length > 0 && (
            <Table>
              <Table.Tbody>
                {v.shifts.map((s) => (
                  <Table.Tr key={s.signupId}>
                    <Table.Td>{formatDateTime(s.startsAt)}</Table.Td>
                    <Table.Td>{s.title}</Table.Td>
                    <Table.Td>{t(`volunteers.signupStatuses.${s.status}`)}</Table.Td>
                    <Table.Td>{s.hours ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Anchor href={`/api/volunteers/${v.id}/letter.pdf?from=${from}&to=${isoToday()}`} target="_blank">
            {t('volunteers.actions.letter')}
          </Anchor>
        </Stack>
      )}
    </QueryState>
  );
}

/** The record's papers: the certificate's scan, the signed agreement, anything else (files area, issue 16). */
function VolunteerFiles({ volunteerId }: { volunteerId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="volunteer-files">
      <AttachmentsPanel ownerKind="volunteer_certificate" ownerId={volunteerId} title={t('volunteers.files.certificate')} />
      <AttachmentsPanel ownerKind="volunteer_agreement" ownerId={volunteerId} title={t('volunteers.files.agreement')} />
      <AttachmentsPanel ownerKind="volunteer" ownerId={volunteerId} title={t('volunteers.files.other')} />
    </Stack>
  );
}

function SettingsForm({ onDone }: { onDone: () => void }) {
  const settings = useQuery({ queryKey: volunteerKeys.settings, queryFn: volunteersApi.settings });
  return <QueryState query={settings}>{(s) => <SettingsFields initial={s} onDone={onDone} />}</QueryState>;
}

function SettingsFields({ initial, onDone }: { initial: Awaited<ReturnType<typeof volunteersApi.settings>>; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [v, setV] = useState(initial);
  const save = useMutation({
    mutationFn: () => volunteersApi.saveSettings(v),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: volunteerKeys.settings });
      onDone();
    },
  });
  const field = bindFields(v, setV, errorsByPath(save.error));
  return (
    <Stack gap="sm">
      <TextInput
        label={t('volunteers.fields.formSlug')}
        description={`${window.location.origin}/apply/volunteer/${v.formSlug}`}
        {...field.text('formSlug')}
      />
      <Checkbox
        label={t('volunteers.fields.formOpen')}
        checked={v.formOpen}
        onChange={(e) => setV({ ...v, formOpen: e.currentTarget.checked })}
      />
      <Textarea label={t('volunteers.fields.consentText')} autosize minRows={3} {...field.text('consentText')} />
      <SimpleGrid cols={2}>
        <NumberInput
          label={t('volunteers.fields.certificateValidMonths')}
          min={1}
          max={120}
          value={v.certificateValidMonths}
          onChange={(n) => setV({ ...v, certificateValidMonths: Number(n) || 1 })}
        />
        <NumberInput
          label={t('volunteers.fields.reminderDays')}
          min={1}
          max={365}
          value={v.reminderDays}
          onChange={(n) => setV({ ...v, reminderDays: Number(n) || 1 })}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('volunteers.fields.childRelatedKinds')}
        data={TASK_KINDS.map((k) => ({ value: k, label: t(`volunteers.kinds.${k}`) }))}
        value={v.childRelatedKinds}
        onChange={(kinds) => setV({ ...v, childRelatedKinds: kinds as TaskKind[] })}
      />
      <SaveBar save={save} />
    </Stack>
  );
}

export function VolunteersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const search = useSearch({ from: '/volunteers' });
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [picked, setOpen] = useState<string | null>(null);
  // A link (from My work) names the volunteer in the address; closing the card drops it.
  const open = search.volunteer ?? picked;
  const close = () => {
    setOpen(null);
    if (search.volunteer) void navigate({ to: '/volunteers', search: {} });
  };
  const opened = useQuery({
    queryKey: volunteerKeys.one(open ?? ''),
    queryFn: () => volunteersApi.one(open!),
    enabled: open !== null,
  });
  const [adding, setAdding] = useState(false);
  const [settings, setSettings] = useState(false);
  const list = useQuery({
    queryKey: volunteerKeys.list({ status, q }),
    queryFn: () => volunteersApi.list({ status: status ?? undefined, q }),
  });
  const chosen = list.data?.items.find((v) => v.id === open) ?? opened.data;
  return (
    <Page
      title={t('volunteers.nav.register')}
      actions={
        <>
          <ExportButtons url="/api/volunteers" query={{ status: status ?? undefined, q: q || undefined }} testId="volunteers-export" />
          {can('volunteers.manage') && (
            <>
              <Button variant="default" leftSection={<IconSettings size={16} />} onClick={() => setSettings(true)}>
                {t('volunteers.nav.settings')}
              </Button>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
                {t('volunteers.actions.add')}
              </Button>
            </>
          )}
        </>
      }
    >
      <VolunteerReminders />
      <Group>
        <Select
          placeholder={t('volunteers.fields.status')}
          clearable
          data={VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`volunteers.statuses.${s}`) }))}
          value={status}
          onChange={setStatus}
          aria-label={t('volunteers.fields.status')}
        />
        <TextInput
          placeholder={t('volunteers.fields.name')}
          aria-label={t('volunteers.fields.name')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
      </Group>
      <QueryState query={list} isEmpty={(d) => d.items.length === 0} empty={t('volunteers.empty')}>
        {(d) => (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('volunteers.fields.name')}</Table.Th>
                <Table.Th>{t('volunteers.fields.city')}</Table.Th>
                <Table.Th>{t('volunteers.fields.status')}</Table.Th>
                <Table.Th>{t('volunteers.fields.certificateValidUntil')}</Table.Th>
                <Table.Th>{t('volunteers.fields.hours')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setOpen(v.id)}>
                      {v.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{v.city}</Table.Td>
                  <Table.Td>
                    <VolunteerStatusBadge status={v.status} />
                  </Table.Td>
                  <Table.Td>{v.certificateValidUntil ? formatDate(v.certificateValidUntil) : '—'}</Table.Td>
                  <Table.Td>{v.hours}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Dialog opened={open !== null} onClose={close} title={chosen?.name ?? ''} size="xl">
        {open && <VolunteerCard id={open} />}
      </Dialog>
      <Dialog opened={adding} onClose={() => setAdding(false)} title={t('volunteers.actions.add')} size="xl">
        <ApplicationForm
          onDone={(id) => {
            setAdding(false);
            setOpen(id);
          }}
        />
      </Dialog>
      <Dialog opened={settings} onClose={() => setSettings(false)} title={t('volunteers.nav.settings')} size="lg">
        <SettingsForm onDone={() => setSettings(false)} />
      </Dialog>
    </Page>
  );
}
