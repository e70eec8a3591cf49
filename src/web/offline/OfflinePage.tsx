// Field work (issue 19, points 2–5): plan the visits of the coming days, keep what they need on the
// device (encrypted under the worker's PIN), record visits and aid handed over without a connection,
// and see what is not yet sent — a badge, the queue, refusals with a way to resolve them — and when
// the device last synced. Opens without a connection too (the service worker keeps the page), then
// outside the shell: the session cannot be checked, so only what the PIN opens is shown.
import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PackVisit } from '../../domain/fieldwork/contracts.js';
import { errorMessage } from '../app/states.js';
import { useSession } from '../app/session.js';
import { fieldApi, newItem, refreshPack, syncAll } from './sync.js';
import { checkOwner, loadMeta, pinIsValid, setUp, snapshot, subscribe, unlock, update, type QueueItem } from './vault.js';

const today = () => new Date().toISOString().slice(0, 10);

export function useOffline() {
  return useSyncExternalStore(subscribe, snapshot);
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

function formatMoment(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function OfflinePage() {
  const { t, i18n } = useTranslation();
  const offline = useOffline();
  const online = useOnline();
  const session = useSession();
  const me = session.data?.me;
  const signedIn = Boolean(me) && online;

  useEffect(() => {
    void (async () => {
      if (me) await checkOwner(me.id);
      await loadMeta();
    })();
  }, [me]);

  // Back online and signed in: send what waits, take a fresh pack.
  useEffect(() => {
    if (signedIn && offline.status === 'open') void syncAll().catch(() => undefined);
  }, [signedIn, offline.status]);

  const pending = offline.meta?.pending ?? 0;
  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="center">
        <Title order={1} size="h2" data-testid="page-title">
          {t('fieldwork.title')}
        </Title>
        <Group gap="xs">
          <Badge color={online ? 'green.9' : 'gray.8'} data-testid="network-badge">
            {online ? t('fieldwork.online') : t('fieldwork.offline')}
          </Badge>
          <Badge color={pending > 0 ? 'orange.9' : 'gray.7'} data-testid="queue-badge">
            {t('fieldwork.queueCount', { count: pending })}
          </Badge>
        </Group>
      </Group>
      {offline.lockedOut && <Alert color="red">{t('fieldwork.errors.device_locked')}</Alert>}
      {offline.meta && (
        <Text size="sm" c="dimmed" data-testid="last-sync">
          {offline.meta.lastSyncAt
            ? t('fieldwork.lastSync', { at: formatMoment(offline.meta.lastSyncAt, i18n.language) })
            : t('fieldwork.neverSynced')}
        </Text>
      )}
      {offline.status === 'none' && me && online && <SetUp userId={me.id} />}
      {offline.status === 'locked' && <Unlock />}
      {offline.status === 'open' && (
        <>
          {signedIn && (
            <Group>
              <SyncButton />
            </Group>
          )}
          <Queue />
          <Visits />
        </>
      )}
      {signedIn && <Plan />}
    </Stack>
  );
}

function SyncButton() {
  const { t } = useTranslation();
  const sync = useMutation({ mutationFn: syncAll });
  return (
    <Button variant="light" loading={sync.isPending} onClick={() => sync.mutate()} data-testid="sync-now">
      {t('fieldwork.syncNow')}
    </Button>
  );
}

function SetUp({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const settings = useQuery({ queryKey: ['fieldwork', 'settings'], queryFn: fieldApi.settings });
  const start = useMutation({
    mutationFn: async () => {
      const grant = await fieldApi.register(navigator.userAgent.slice(0, 100));
      await setUp(pin, userId, grant);
      await refreshPack();
    },
    onError: (e) => setError(errorMessage(e, t('errors.internal', { requestId: '—' }))),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pinIsValid(pin)) return setError(t('fieldwork.setup.pinFormat'));
    if (pin !== repeat) return setError(t('fieldwork.setup.pinMismatch'));
    setError(null);
    start.mutate();
  };
  return (
    <Card withBorder component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('fieldwork.setup.title')}
        </Title>
        <Text size="sm">{t('fieldwork.setup.hint', { days: settings.data?.offlineWipeDays ?? '…' })}</Text>
        <PasswordInput
          label={t('fieldwork.setup.pin')}
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value)}
          data-testid="pin"
        />
        <PasswordInput
          label={t('fieldwork.setup.pinRepeat')}
          inputMode="numeric"
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          data-testid="pin-repeat"
        />
        {error && <Alert color="red">{error}</Alert>}
        <Group>
          <Button type="submit" loading={start.isPending} data-testid="setup-submit">
            {t('fieldwork.setup.start')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Unlock() {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const open = useMutation({ mutationFn: () => unlock(pin), onSuccess: (ok) => setWrong(!ok) });
  return (
    <Card
      withBorder
      component="form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        open.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('fieldwork.unlock.title')}
        </Title>
        <PasswordInput
          label={t('fieldwork.unlock.pin')}
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value)}
          error={wrong ? t('fieldwork.unlock.wrong') : undefined}
          data-testid="unlock-pin"
        />
        <Group>
          <Button type="submit" loading={open.isPending} data-testid="unlock-submit">
            {t('fieldwork.unlock.open')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Plan() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const plan = useQuery({ queryKey: ['fieldwork', 'plan'], queryFn: fieldApi.plan });
  const [date, setDate] = useState(() => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
  const add = useMutation({
    mutationFn: fieldApi.planVisit,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['fieldwork', 'plan'] });
      if (snapshot().status === 'open') await refreshPack();
    },
  });
  const cancel = useMutation({
    mutationFn: fieldApi.cancelVisit,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['fieldwork', 'plan'] });
      if (snapshot().status === 'open') await refreshPack();
    },
  });
  if (!plan.data) return null;
  const planned = plan.data.planned.filter((v) => v.status === 'planned');
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('fieldwork.plan.title')}
        </Title>
        <TextInput type="date" label={t('fieldwork.plan.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} w={200} />
        {add.error && <Alert color="red">{errorMessage(add.error, '')}</Alert>}
        <Text fw={600}>{t('fieldwork.plan.planned')}</Text>
        {planned.length === 0 && <Text c="dimmed">{t('fieldwork.plan.none')}</Text>}
        {planned.map((v) => (
          <Group key={v.id} justify="space-between" data-testid="planned-visit">
            <Text>
              {v.plannedOn} · {v.familyName} · {t(`fieldwork.kinds.${v.kind}`)}
            </Text>
            <Button size="xs" variant="subtle" onClick={() => cancel.mutate(v.id)}>
              {t('fieldwork.plan.cancel')}
            </Button>
          </Group>
        ))}
        {plan.data.postSupportDue.length > 0 && <Text fw={600}>{t('fieldwork.plan.postSupportDue')}</Text>}
        {plan.data.postSupportDue.map((p) => (
          <Group key={p.caseId} justify="space-between">
            <Text>
              {p.familyName} · {t('fieldwork.plan.due', { date: p.dueOn })}
            </Text>
            <Button size="xs" variant="light" onClick={() => add.mutate({ caseId: p.caseId, plannedOn: date, kind: 'post_support' })}>
              {t('fieldwork.plan.add')}
            </Button>
          </Group>
        ))}
        {plan.data.deliveries.length > 0 && <Text fw={600}>{t('fieldwork.plan.deliveries')}</Text>}
        {plan.data.deliveries.map((d) => (
          <Group key={d.requestId} justify="space-between">
            <Text>{d.familyName}</Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => add.mutate({ caseId: d.caseId, plannedOn: date, kind: 'aid_delivery', aidRequestId: d.requestId })}
            >
              {t('fieldwork.plan.add')}
            </Button>
          </Group>
        ))}
        <Text fw={600}>{t('fieldwork.plan.cases')}</Text>
        {plan.data.cases.map((c) => (
          <Group key={c.caseId} justify="space-between" data-testid="plan-case">
            <Text>{c.familyName}</Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => add.mutate({ caseId: c.caseId, plannedOn: date, kind: 'home_visit' })}
              data-testid="plan-home-visit"
            >
              {t('fieldwork.plan.add')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function Visits() {
  const { t } = useTranslation();
  const { vault } = useOffline();
  const visits = vault?.pack?.visits ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('fieldwork.visits.title')}
      </Title>
      {visits.length === 0 && <Text c="dimmed">{t('fieldwork.visits.none')}</Text>}
      {visits.map((v) => (
        <VisitCard key={v.visitId} visit={v} />
      ))}
    </Stack>
  );
}

function VisitCard({ visit }: { visit: PackVisit }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const [deliveredOn, setDeliveredOn] = useState(today);
  const names = visit.family.members.map((m) => m.firstName).join(', ');
  const children = visit.family.members.filter((m) => m.relation === 'child' && m.age !== null);
  const handOver = async (requestId: string) => {
    await update((v) => {
      v.queue.push(newItem('aid_delivery', { caseId: visit.caseId, requestId, deliveredOn, visitId: visit.visitId }));
    });
  };
  return (
    <Card withBorder data-testid="pack-visit">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={700}>{names}</Text>
          <Badge variant="light">
            {visit.plannedOn} · {t(`fieldwork.kinds.${visit.kind}`)}
          </Badge>
        </Group>
        {children.length > 0 && (
          <Text size="sm">
            {t('fieldwork.visits.children')}:{' '}
            {children.map((c) => `${c.firstName} (${t('fieldwork.visits.age', { age: c.age })})`).join(', ')}
          </Text>
        )}
        <Text size="sm">
          {t('fieldwork.visits.address')}: {visit.family.address || '—'}
        </Text>
        <Text size="sm">
          {t('fieldwork.visits.phone')}: {visit.family.phone || '—'}
        </Text>
        {visit.openTasks.length > 0 && (
          <Text size="sm">
            {t('fieldwork.visits.tasks')}: {visit.openTasks.map((task) => task.title).join('; ')}
          </Text>
        )}
        {visit.lastVisit && (
          <Text size="sm">
            {t('fieldwork.visits.lastVisit', { on: visit.lastVisit.on })}: {visit.lastVisit.note || '—'}
          </Text>
        )}
        {visit.aid.map((aid) => (
          <Group key={aid.requestId} justify="space-between" align="end">
            <Text size="sm">
              {t('fieldwork.visits.aid')}: {aid.items.map((i) => `${i.name} × ${i.quantity}`).join(', ')}
            </Text>
            <Group gap="xs" align="end">
              <TextInput
                type="date"
                size="xs"
                label={t('fieldwork.record.deliveredOn')}
                value={deliveredOn}
                onChange={(e) => setDeliveredOn(e.currentTarget.value)}
              />
              <Button size="xs" variant="light" onClick={() => void handOver(aid.requestId)} data-testid="aid-delivered">
                {t('fieldwork.visits.delivered')}
              </Button>
            </Group>
          </Group>
        ))}
        {recording ? (
          <RecordVisit visit={visit} onDone={() => setRecording(false)} />
        ) : (
          <Group>
            <Button size="sm" onClick={() => setRecording(true)} data-testid="record-visit">
              {t('fieldwork.visits.record')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function RecordVisit({ visit, onDone }: { visit: PackVisit; onDone: () => void }) {
  const { t } = useTranslation();
  const { vault } = useOffline();
  const types = vault?.pack?.serviceTypes ?? [];
  const [typeId, setTypeId] = useState<string | null>(types.find((x) => x.category === 'visit')?.id ?? types[0]?.id ?? null);
  const [date, setDate] = useState(today);
  const [duration, setDuration] = useState<number | string>(60);
  const [seen, setSeen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string[]>([]);
  const [followUpOn, setFollowUpOn] = useState('');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!typeId) return;
    await update((v) => {
      v.queue.push(
        newItem('visit', {
          caseId: visit.caseId,
          visitId: visit.visitId,
          typeId,
          date,
          durationMinutes: Number(duration),
          memberIds: seen,
          note,
          taskIds: done,
          followUpOn: followUpOn || null,
        }),
      );
    });
    onDone();
  };
  return (
    <Stack component="form" onSubmit={(e: FormEvent) => void save(e)} gap="xs">
      <Title order={3} size="h5">
        {t('fieldwork.record.title')}
      </Title>
      <Select
        label={t('fieldwork.record.type')}
        data={types.map((x) => ({ value: x.id, label: x.name }))}
        value={typeId}
        onChange={setTypeId}
        allowDeselect={false}
      />
      <Group grow>
        <TextInput type="date" label={t('fieldwork.record.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        <NumberInput label={t('fieldwork.record.duration')} min={1} max={1440} value={duration} onChange={setDuration} />
      </Group>
      <Checkbox.Group label={t('fieldwork.record.seen')} value={seen} onChange={setSeen}>
        <Group gap="sm">
          {visit.family.members.map((m) => (
            <Checkbox key={m.id} value={m.id} label={m.firstName} />
          ))}
        </Group>
      </Checkbox.Group>
      <Textarea
        label={t('fieldwork.record.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        data-testid="visit-note"
      />
      {visit.openTasks.length > 0 && (
        <Checkbox.Group label={t('fieldwork.record.tasksDone')} value={done} onChange={setDone}>
          <Stack gap={4}>
            {visit.openTasks.map((task) => (
              <Checkbox key={task.id} value={task.id} label={task.title} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      <TextInput
        type="date"
        label={t('fieldwork.record.followUp')}
        value={followUpOn}
        onChange={(e) => setFollowUpOn(e.currentTarget.value)}
        w={200}
      />
      <Group>
        <Button type="submit" data-testid="save-visit">
          {t('fieldwork.record.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function Queue() {
  const { t } = useTranslation();
  const { vault } = useOffline();
  const queue = vault?.queue ?? [];
  const cases = (vault?.pack?.visits ?? []).map((v) => ({ value: v.caseId, label: v.family.members.map((m) => m.firstName).join(', ') }));
  const uniqueCases = [...new Map(cases.map((c) => [c.value, c])).values()];
  return (
    <Card withBorder data-testid="queue">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('fieldwork.queue.title')}
        </Title>
        {queue.length === 0 && <Text c="dimmed">{t('fieldwork.queue.empty')}</Text>}
        {queue.map((item) => (
          <QueueRow key={item.key} item={item} cases={uniqueCases.filter((c) => c.value !== item.payload.caseId)} />
        ))}
        {(vault?.sent ?? 0) > 0 && (
          <Text size="sm" c="dimmed" data-testid="sent-count">
            {t('fieldwork.queue.sent', { count: vault?.sent ?? 0 })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function QueueRow({ item, cases }: { item: QueueItem; cases: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | null>(null);
  const { vault } = useOffline();
  const family =
    vault?.pack?.visits
      .find((v) => v.caseId === item.payload.caseId)
      ?.family.members.map((m) => m.firstName)
      .join(', ') ?? '';
  const discard = () => update((v) => void (v.queue = v.queue.filter((i) => i.key !== item.key)));
  // Re-attached to another family's case: a new item (a new key), without this family's people and tasks.
  const reattach = () =>
    target &&
    update((v) => {
      const index = v.queue.findIndex((i) => i.key === item.key);
      const payload = { ...item.payload, caseId: target, visitId: null, ...(item.kind === 'visit' && { memberIds: [], taskIds: [] }) };
      v.queue.splice(index, 1, newItem(item.kind, payload));
    });
  const stateLabel =
    item.state === 'pending'
      ? t('fieldwork.queue.pending')
      : item.state === 'refused'
        ? t('fieldwork.queue.refused')
        : t('fieldwork.queue.invalid');
  const reason =
    item.state === 'refused' && item.reason
      ? t(`fieldwork.reasons.${item.reason as 'case_closed'}`)
      : item.state === 'invalid'
        ? item.reason
        : null;
  return (
    <Stack gap={4} data-testid="queue-item" data-state={item.state}>
      <Group justify="space-between">
        <Text size="sm">
          {t(`fieldwork.queue.${item.kind}`)} · {family} · {String(item.payload.date ?? item.payload.deliveredOn ?? '')}
        </Text>
        <Badge color={item.state === 'pending' ? 'orange.9' : 'red.9'}>{stateLabel}</Badge>
      </Group>
      {reason && (
        <Text size="sm" c="red.9" data-testid="queue-reason">
          {reason}
        </Text>
      )}
      {item.state !== 'pending' && (
        <Group gap="xs" align="end">
          <Button size="xs" variant="default" onClick={() => void discard()} data-testid="queue-discard">
            {t('fieldwork.queue.discard')}
          </Button>
          {cases.length > 0 && (
            <>
              <Select size="xs" label={t('fieldwork.queue.reattachTo')} data={cases} value={target} onChange={setTarget} w={220} />
              <Button size="xs" variant="light" disabled={!target} onClick={() => void reattach()}>
                {t('fieldwork.queue.reattach')}
              </Button>
            </>
          )}
        </Group>
      )}
    </Stack>
  );
}
