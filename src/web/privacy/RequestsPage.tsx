// Requests of data subjects: the open ones first by deadline (overdue and due soon marked), registering
// a new one (the person found among the families, or as the requester gave it), and a request's card
// with its status, what was done, the extension, and for an access request the person's data to give
// (PDF and JSON, each download recorded by its hash).
import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { REQUEST_CHANNELS, REQUEST_STATUSES, type RequestStatus, type SubjectRequestView } from '../../domain/privacy/contracts.js';
import { SUBJECT_REQUEST_KINDS, type SubjectRequestKind } from '../../domain/privacy/deadlines.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatDate, formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useMe } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { errorsByPath, isoToday, privacyApi, privacyKeys, subjectDataUrl } from './api.js';

const URGENCY_COLOR = { overdue: 'red', due_soon: 'orange', later: 'blue', done: 'gray' } as const;

export function UrgencyBadge({ request }: { request: SubjectRequestView }) {
  const { t } = useTranslation();
  return (
    <Badge color={URGENCY_COLOR[request.urgency]} variant="light">
      {t(`privacy.requests.urgency.${request.urgency}`)}
    </Badge>
  );
}

function useResponsibles() {
  return useQuery({ queryKey: privacyKeys.responsibles, queryFn: privacyApi.responsibles });
}

function NewRequestForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useMe();
  const responsibles = useResponsibles();
  const [key] = useState(newIdempotencyKey);
  const [kind, setKind] = useState<SubjectRequestKind>('access');
  const [receivedOn, setReceivedOn] = useState(isoToday());
  const [channel, setChannel] = useState<(typeof REQUEST_CHANNELS)[number]>('in_person');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const [person, setPerson] = useState<string>('');
  const [subjectName, setSubjectName] = useState('');
  const [subjectContact, setSubjectContact] = useState('');
  const [responsibleId, setResponsibleId] = useState<string>(me.id);
  const people = useQuery({
    queryKey: privacyKeys.people(debounced),
    queryFn: () => privacyApi.people(debounced),
    enabled: debounced.length >= 2,
  });
  const save = useMutation({
    mutationFn: () => {
      const match = people.data?.items.find((p) => p.memberId === person);
      return privacyApi.createRequest(
        {
          kind,
          receivedOn,
          channel,
          responsibleId,
          subjectContact,
          ...(match ? { familyId: match.familyId, memberId: match.memberId } : { subjectName }),
        },
        key,
      );
    },
    onSuccess: async (request) => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: privacyKeys.all });
      onDone(request.id);
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <Select
        label={t('privacy.requests.kind')}
        data={SUBJECT_REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy.requests.kinds.${k}`) }))}
        value={kind}
        onChange={(value) => value && setKind(value as SubjectRequestKind)}
        allowDeselect={false}
        error={errors.kind}
      />
      <TextInput
        type="date"
        label={t('privacy.requests.receivedOn')}
        value={receivedOn}
        onChange={(e) => setReceivedOn(e.currentTarget.value)}
        error={errors.receivedOn}
        data-testid="request-received-on"
      />
      <Select
        label={t('privacy.requests.channel')}
        data={REQUEST_CHANNELS.map((c) => ({ value: c, label: t(`privacy.requests.channels.${c}`) }))}
        value={channel}
        onChange={(value) => value && setChannel(value as (typeof REQUEST_CHANNELS)[number])}
        allowDeselect={false}
      />
      <TextInput
        label={t('privacy.requests.findPerson')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-testid="request-person-search"
      />
      <Radio.Group value={person} onChange={setPerson} label={t('privacy.requests.person')} error={errors.familyId ?? errors.memberId}>
        <Stack gap={4} mt={4}>
          {(people.data?.items ?? []).map((p) => (
            <Radio
              key={p.memberId}
              value={p.memberId}
              label={`${p.name}${p.birthDate ? `, ${formatDate(p.birthDate)}` : ''} — ${p.branchName}`}
              data-testid="request-person-option"
            />
          ))}
          <Radio value="" label={t('privacy.requests.notFound')} />
        </Stack>
      </Radio.Group>
      {person === '' && (
        <TextInput
          label={t('privacy.requests.subjectName')}
          value={subjectName}
          onChange={(e) => setSubjectName(e.currentTarget.value)}
          error={errors.subjectName}
        />
      )}
      <TextInput
        label={t('privacy.requests.subjectContact')}
        value={subjectContact}
        onChange={(e) => setSubjectContact(e.currentTarget.value)}
        error={errors.subjectContact}
      />
      <Select
        label={t('privacy.requests.responsible')}
        data={(responsibles.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={responsibleId}
        onChange={(value) => value && setResponsibleId(value)}
        allowDeselect={false}
        error={errors.responsibleId}
      />
      <Text size="xs" c="dimmed">
        {t('privacy.requests.terms')}
      </Text>
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="request-register">
          {t('privacy.requests.register')}
        </Button>
      </Group>
    </Stack>
  );
}

function RequestCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const responsibles = useResponsibles();
  const query = useQuery({ queryKey: privacyKeys.request(id), queryFn: () => privacyApi.request(id) });
  const [edit, setEdit] = useState<{
    status: RequestStatus;
    outcome: string;
    answeredOn: string;
    extensionReason: string;
    responsibleId: string;
  } | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const r = query.data!;
      const v = edit!;
      return privacyApi.updateRequest(id, {
        status: v.status,
        outcome: v.outcome,
        answeredOn: v.answeredOn || null,
        extensionReason: v.extensionReason,
        responsibleId: v.responsibleId,
        version: r.version,
      });
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      setEdit(null);
      await client.invalidateQueries({ queryKey: privacyKeys.all });
    },
  });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  const v = edit ?? {
    status: r.status,
    outcome: r.outcome,
    answeredOn: r.answeredOn ?? '',
    extensionReason: r.extensionReason,
    responsibleId: r.responsibleId,
  };
  const set = (patch: Partial<typeof v>) => setEdit({ ...v, ...patch });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge variant="light">{t(`privacy.requests.kinds.${r.kind}`)}</Badge>
        <UrgencyBadge request={r} />
      </Group>
      <Text size="sm">
        {t('privacy.requests.person')}: <b>{r.subjectName || '—'}</b>
        {r.subjectContact && ` · ${r.subjectContact}`}
      </Text>
      <Text size="sm">
        {t('privacy.requests.receivedOn')}: {formatDate(r.receivedOn)} · {t('privacy.requests.dueOn')}: <b>{formatDate(r.dueOn)}</b>
        {r.extendedDueOn && ` · ${t('privacy.requests.extendedDueOn')}: ${formatDate(r.extendedDueOn)}`}
      </Text>
      <Select
        label={t('privacy.requests.status')}
        data={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`privacy.requests.statuses.${s}`) }))}
        value={v.status}
        onChange={(value) => value && set({ status: value as RequestStatus })}
        allowDeselect={false}
        error={errors.status}
        data-testid="request-status"
      />
      <Select
        label={t('privacy.requests.responsible')}
        data={(responsibles.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={v.responsibleId}
        onChange={(value) => value && set({ responsibleId: value })}
        allowDeselect={false}
        error={errors.responsibleId}
      />
      <Textarea
        label={t('privacy.requests.outcome')}
        value={v.outcome}
        onChange={(e) => set({ outcome: e.currentTarget.value })}
        error={errors.outcome}
        autosize
        minRows={2}
      />
      <TextInput
        type="date"
        label={t('privacy.requests.answeredOn')}
        value={v.answeredOn}
        onChange={(e) => set({ answeredOn: e.currentTarget.value })}
        error={errors.answeredOn}
      />
      {(r.canExtend || r.extensionReason) && (
        <Textarea
          label={t('privacy.requests.extensionReason')}
          description={r.canExtend ? t('privacy.requests.extend') : undefined}
          value={v.extensionReason}
          onChange={(e) => set({ extensionReason: e.currentTarget.value })}
          error={errors.extensionReason}
          disabled={!r.canExtend}
          autosize
        />
      )}
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={edit === null}>
          {t('privacy.requests.save')}
        </Button>
      </Group>
      {r.kind === 'access' && r.memberId && (
        <Stack gap={4}>
          <Text fw={600}>{t('privacy.requests.documents')}</Text>
          <Group gap="xs">
            {(['pdf', 'json'] as const).map((format) => (
              <Button
                key={format}
                component="a"
                href={subjectDataUrl(r.id, format)}
                download
                size="xs"
                variant="light"
                leftSection={<IconDownload size={14} />}
                data-testid={`subject-data-${format}`}
                onClick={() => setTimeout(() => void client.invalidateQueries({ queryKey: privacyKeys.request(id) }), 1500)}
              >
                {t(format === 'pdf' ? 'privacy.requests.downloadPdf' : 'privacy.requests.downloadJson')}
              </Button>
            ))}
          </Group>
          {r.disclosures.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('privacy.requests.noneGiven')}
            </Text>
          ) : (
            r.disclosures.map((d) => (
              <Text key={d.id} size="xs" c="dimmed" data-testid="disclosure">
                {t('privacy.requests.given')}:{' '}
                {t('privacy.requests.givenLine', {
                  format: d.format.toUpperCase(),
                  at: formatDateTime(d.givenAt),
                  by: d.givenBy,
                  hash: d.sha256.slice(0, 16),
                })}
              </Text>
            ))
          )}
        </Stack>
      )}
    </Stack>
  );
}

export function RequestsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [mine, setMine] = useState<'true' | 'false'>('false');
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({ queryKey: privacyKeys.requests({ status, mine }), queryFn: () => privacyApi.requests({ status, mine }) });
  return (
    <Page
      title={t('privacy.requests.title')}
      actions={
        <Group gap="xs">
          <ExportButtons url="/api/privacy/requests" query={{ status, mine }} testId="requests-export" />
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="request-new">
            {t('privacy.requests.new')}
          </Button>
        </Group>
      }
    >
      <Group gap="sm">
        <SegmentedControl
          value={status}
          onChange={(value) => setStatus(value as 'open' | 'all')}
          data={[
            { value: 'open', label: t('privacy.requests.open') },
            { value: 'all', label: t('privacy.requests.all') },
          ]}
        />
        <SegmentedControl
          value={mine}
          onChange={(value) => setMine(value as 'true' | 'false')}
          data={[
            { value: 'false', label: t('privacy.requests.all') },
            { value: 'true', label: t('privacy.requests.mine') },
          ]}
        />
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('privacy.requests.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.requests.kind')}</Table.Th>
                <Table.Th>{t('privacy.requests.person')}</Table.Th>
                <Table.Th>{t('privacy.requests.receivedOn')}</Table.Th>
                <Table.Th>{t('privacy.requests.dueOn')}</Table.Th>
                <Table.Th>{t('privacy.requests.status')}</Table.Th>
                <Table.Th>{t('privacy.requests.responsible')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr key={r.id} data-testid="request-row">
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setOpenId(r.id)}>
                      {t(`privacy.requests.kinds.${r.kind}`)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.subjectName || '—'}</Table.Td>
                  <Table.Td>{formatDate(r.receivedOn)}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {formatDate(r.effectiveDueOn)}
                      <UrgencyBadge request={r} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`privacy.requests.statuses.${r.status}`)}</Table.Td>
                  <Table.Td>{r.responsibleName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('privacy.requests.new')} size="lg">
        <NewRequestForm
          onDone={(id) => {
            setCreating(false);
            setOpenId(id);
          }}
        />
      </Modal>
      <Modal opened={openId !== null} onClose={() => setOpenId(null)} title={t('privacy.requests.title')} size="lg">
        {openId && <RequestCard id={openId} />}
      </Modal>
    </Page>
  );
}
