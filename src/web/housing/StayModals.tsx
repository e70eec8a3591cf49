// The house desk's dialogs: check a waiting family in, and for a stay — extend, move rooms, a resident
// joining or leaving the stay under way (a baby born, a child to hospital and back), check out.
// The server checks everything again; a taken place comes back as a message naming the free ones.
import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  LEAVE_REASONS,
  RESIDENT_JOIN_REASONS,
  RESIDENT_LEAVE_REASONS,
  type Board,
  type LeaveReason,
  type ResidentJoinReason,
  type ResidentLeaveReason,
  type StayView,
  type WaitingFamily,
} from '../../domain/housing/contracts.js';
import { leavingOverdue } from '../../domain/housing/leaving.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatAge, formatDate } from '../app/format.js';
import { FormError, LoadingState } from '../app/states.js';
import { housingApi, housingKeys, isoToday } from './api.js';
import { AttachmentsButton } from '../files/AttachmentsPanel.js';

type Waiting = z.infer<typeof WaitingFamily>;
type BoardFacility = Board['facilities'][number];

function useDone(onClose: () => void) {
  const client = useQueryClient();
  const { t } = useTranslation();
  return async () => {
    notifications.show({ color: 'green', message: t('common.saved') });
    await client.invalidateQueries({ queryKey: housingKeys.all });
    onClose();
  };
}

function roomOptions(facilities: BoardFacility[], branchId?: string) {
  return facilities
    .filter((f) => !branchId || f.branchId === branchId)
    .map((f) => ({
      group: f.name,
      items: f.rooms.map((r) => {
        const free = r.places.filter((p) => p.status === 'free');
        const mothers = free.filter((p) => p.kind === 'mother').length;
        const cots = free.length - mothers;
        return { value: r.id, label: `${r.name} · ${mothers}/${cots}`, disabled: r.closed };
      }),
    }))
    .filter((g) => g.items.length > 0);
}

export function CheckInModal({ family, board, onClose }: { family: Waiting | null; board: Board; onClose: () => void }) {
  const { t } = useTranslation();
  const [key] = useState(newIdempotencyKey);
  const [roomId, setRoomId] = useState<string | null>(null);
  const [checkInOn, setCheckInOn] = useState(isoToday());
  const [plannedLeaveOn, setPlannedLeaveOn] = useState('');
  // A stay from the paper records is entered whole, with its check-out, so it takes its places only for its own days.
  const [past, setPast] = useState(false);
  const [checkOutOn, setCheckOutOn] = useState('');
  const [leaveReason, setLeaveReason] = useState<LeaveReason | null>(null);
  const people = family?.members.filter((m) => m.relation !== 'unborn_child') ?? [];
  const [memberIds, setMemberIds] = useState<string[]>(people.map((m) => m.id));
  const done = useDone(onClose);
  const save = useMutation({
    mutationFn: () =>
      housingApi.checkIn(
        {
          caseId: family!.caseId,
          roomId: roomId ?? '',
          checkInOn,
          ...(plannedLeaveOn && { plannedLeaveOn }),
          members: memberIds.map((memberId) => ({ memberId })),
          ...(past && { checkOutOn, leaveReason: leaveReason ?? undefined }),
        },
        key,
      ),
    onSuccess: done,
  });
  return (
    <Modal opened={family !== null} onClose={onClose} title={t('housing.dialogs.checkInTitle')} size="lg">
      {family && (
        <Stack gap="sm">
          <Checkbox.Group label={t('housing.fields.members')} value={memberIds} onChange={setMemberIds}>
            <Stack gap={4} mt={4}>
              {people.map((m) => (
                <Checkbox
                  key={m.id}
                  value={m.id}
                  label={[m.firstName, m.age !== null ? formatAge(t, m.age) : ''].filter(Boolean).join(', ')}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Select
            label={t('housing.fields.room')}
            withAsterisk
            data={roomOptions(board.facilities, family.branchId)}
            value={roomId}
            onChange={setRoomId}
            comboboxProps={{ withinPortal: true }}
          />
          <Group grow>
            <TextInput
              type="date"
              label={t('housing.fields.checkInOn')}
              value={checkInOn}
              onChange={(e) => setCheckInOn(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('housing.fields.plannedLeaveOn')}
              value={plannedLeaveOn}
              onChange={(e) => setPlannedLeaveOn(e.currentTarget.value)}
            />
          </Group>
          <Checkbox label={t('stays.fields.pastStay')} checked={past} onChange={(e) => setPast(e.currentTarget.checked)} />
          {past && (
            <Group grow>
              <TextInput
                type="date"
                label={t('housing.fields.checkOutOn')}
                withAsterisk
                value={checkOutOn}
                onChange={(e) => setCheckOutOn(e.currentTarget.value)}
              />
              <Select
                label={t('housing.fields.reason')}
                withAsterisk
                data={LEAVE_REASONS.map((r) => ({ value: r, label: t(`housing.leaveReasons.${r}`) }))}
                value={leaveReason}
                onChange={(v) => setLeaveReason(v as LeaveReason | null)}
              />
            </Group>
          )}
          <FormError error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!roomId || memberIds.length === 0}>
              {t('housing.actions.checkIn')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

type Action = 'extend' | 'move' | 'join' | 'leave' | 'checkOut';

const TITLES = {
  extend: 'housing.dialogs.extendTitle',
  move: 'housing.dialogs.moveTitle',
  join: 'stays.dialogs.joinTitle',
  leave: 'stays.dialogs.leaveTitle',
  checkOut: 'housing.dialogs.checkOutTitle',
} as const satisfies Record<Action, string>;

/** The stay's people: where each sleeps, since when, and — when the caller may know — why they came or left. */
function ResidentList({ stay }: { stay: StayView }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      {stay.residents.map((r) => {
        const gone = r.toOn !== null && stay.checkOutOn === null;
        return (
          <Group key={r.memberId} justify="space-between" wrap="nowrap" data-testid="stay-resident">
            <div>
              <Text fw={500} c={gone ? 'dimmed' : undefined}>
                {[r.firstName || '—', r.age !== null ? formatAge(t, r.age) : ''].filter(Boolean).join(', ')}
              </Text>
              <Text size="xs" c="dimmed">
                {gone
                  ? t('stays.card.left', {
                      date: formatDate(r.toOn!),
                      reason: r.leftReason ? t(`stays.leaveReasons.${r.leftReason}`) : '',
                    })
                  : [t('stays.card.since', { date: formatDate(r.fromOn) }), r.joinedReason ? t(`stays.joinReasons.${r.joinedReason}`) : '']
                      .filter(Boolean)
                      .join(' · ')}
              </Text>
            </div>
            {!gone && <Badge variant="light">{r.placeLabel}</Badge>}
          </Group>
        );
      })}
    </Stack>
  );
}

/** A stay opened from the board: its residents, and the desk's actions on it. */
export function StayModal({
  stayId,
  board,
  canAct,
  onClose,
}: {
  stayId: string | null;
  board: Board;
  canAct: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const stay = useQuery({ queryKey: housingKeys.stay(stayId ?? ''), queryFn: () => housingApi.stay(stayId!), enabled: stayId !== null });
  const [action, setAction] = useState<Action | null>(null);
  const [date, setDate] = useState(isoToday());
  const [decidedOn, setDecidedOn] = useState(isoToday());
  const [reason, setReason] = useState('');
  const [leaveReason, setLeaveReason] = useState<LeaveReason | null>(null);
  const [joinReason, setJoinReason] = useState<ResidentJoinReason>('born');
  const [residentLeaveReason, setResidentLeaveReason] = useState<ResidentLeaveReason>('hospital');
  const [memberId, setMemberId] = useState<string | null>(null);
  const [roomId, setRoomId] = useState<string | null>(null);
  const done = useDone(() => {
    setAction(null);
    onClose();
  });
  const save = useMutation({
    mutationFn: () => {
      const s = stay.data!;
      const version = s.version;
      switch (action) {
        case 'extend':
          return housingApi.extend(s.id, { plannedLeaveOn: date, on: decidedOn, reason, version });
        case 'move':
          return housingApi.move(s.id, { roomId: roomId ?? '', on: date, version });
        case 'join':
          return housingApi.join(s.id, { memberId: memberId ?? '', on: date, reason: joinReason, version });
        case 'leave':
          return housingApi.leave(s.id, { memberId: memberId ?? '', on: date, reason: residentLeaveReason, version });
        case 'checkOut':
        case null:
          return housingApi.checkOut(s.id, { on: date, reason: leaveReason ?? ('' as LeaveReason), note: reason, version });
      }
    },
    onSuccess: done,
  });
  const start = (next: Action) => {
    save.reset();
    setAction(next);
    setDate(next === 'extend' ? (stay.data?.plannedLeaveOn ?? isoToday()) : isoToday());
    setDecidedOn(isoToday());
    setMemberId(null);
    setReason('');
  };
  const facility = board.facilities.filter((f) => f.id === stay.data?.facilityId);
  const present = stay.data?.residents.filter((r) => r.toOn === null) ?? [];
  const overdue = stay.data !== undefined && leavingOverdue(stay.data, isoToday());
  const dateLabel = {
    extend: 'housing.fields.plannedLeaveOn',
    move: 'housing.fields.on',
    join: 'stays.fields.on',
    leave: 'stays.fields.on',
    checkOut: 'housing.fields.checkOutOn',
  } as const satisfies Record<Action, string>;
  return (
    <Modal opened={stayId !== null} onClose={onClose} title={stay.data?.facilityName ?? ''} size="lg">
      {!stay.data ? (
        <LoadingState />
      ) : (
        <Stack gap="sm">
          <ResidentList stay={stay.data} />
          <Group gap="xs">
            <Text size="sm">
              {t('housing.fields.checkInOn')}: {formatDate(stay.data.checkInOn)} · {t('housing.fields.plannedLeaveOn')}:{' '}
              {formatDate(stay.data.plannedLeaveOn)}
            </Text>
            {overdue && (
              <Badge color="red" variant="light" data-testid="stay-overdue">
                {t('stays.card.overdue')}
              </Badge>
            )}
          </Group>
          {stay.data.extensions.map((e) => (
            <Text key={e.at} size="xs" c="dimmed">
              {formatDate(e.fromOn)} → {formatDate(e.toOn)} ({t('stays.fields.decidedOn')} {formatDate(e.on)})
              {e.reason ? `: ${e.reason}` : ''}
            </Text>
          ))}
          <Group>
            <AttachmentsButton ownerKind="stay" ownerId={stay.data.id} />
          </Group>
          {stay.data.details === 'reception' && (
            <Text size="xs" c="dimmed" data-testid="stay-reception-view">
              {t('housing.receptionView')}
            </Text>
          )}
          {canAct && stay.data.checkOutOn === null && action === null && (
            <Group gap="xs">
              <Button variant="light" onClick={() => start('extend')}>
                {t('housing.actions.extend')}
              </Button>
              <Button variant="light" onClick={() => start('move')}>
                {t('housing.actions.move')}
              </Button>
              {stay.data.joinable.length > 0 && (
                <Button variant="light" onClick={() => start('join')}>
                  {t('stays.actions.join')}
                </Button>
              )}
              {present.length > 1 && (
                <Button variant="light" onClick={() => start('leave')}>
                  {t('stays.actions.leave')}
                </Button>
              )}
              <Button color="orange" onClick={() => start('checkOut')}>
                {t('housing.actions.checkOut')}
              </Button>
            </Group>
          )}
          {action && (
            <Stack gap="sm" aria-label={t(TITLES[action])} role="group">
              <Text fw={600}>{t(TITLES[action])}</Text>
              {action === 'move' && (
                <Select label={t('housing.fields.room')} data={roomOptions(facility)} value={roomId} onChange={setRoomId} />
              )}
              {(action === 'join' || action === 'leave') && (
                <Select
                  label={t('stays.fields.member')}
                  withAsterisk
                  data={(action === 'join'
                    ? stay.data.joinable
                    : present.map((r) => ({ memberId: r.memberId, firstName: r.firstName }))
                  ).map((m) => ({ value: m.memberId, label: m.firstName || '—' }))}
                  value={memberId}
                  onChange={setMemberId}
                />
              )}
              {action === 'join' && (
                <Select
                  label={t('stays.fields.reason')}
                  data={RESIDENT_JOIN_REASONS.map((r) => ({ value: r, label: t(`stays.joinReasons.${r}`) }))}
                  value={joinReason}
                  onChange={(v) => setJoinReason((v as ResidentJoinReason | null) ?? 'born')}
                  allowDeselect={false}
                />
              )}
              {action === 'leave' && (
                <Select
                  label={t('stays.fields.reason')}
                  data={RESIDENT_LEAVE_REASONS.map((r) => ({ value: r, label: t(`stays.leaveReasons.${r}`) }))}
                  value={residentLeaveReason}
                  onChange={(v) => setResidentLeaveReason((v as ResidentLeaveReason | null) ?? 'hospital')}
                  allowDeselect={false}
                />
              )}
              {action === 'checkOut' && (
                <Select
                  label={t('housing.fields.reason')}
                  withAsterisk
                  data={LEAVE_REASONS.map((r) => ({ value: r, label: t(`housing.leaveReasons.${r}`) }))}
                  value={leaveReason}
                  onChange={(v) => setLeaveReason(v as LeaveReason | null)}
                />
              )}
              <TextInput type="date" label={t(dateLabel[action])} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
              {action === 'extend' && (
                <TextInput
                  type="date"
                  label={t('stays.fields.decidedOn')}
                  max={isoToday()}
                  value={decidedOn}
                  onChange={(e) => setDecidedOn(e.currentTarget.value)}
                />
              )}
              {(action === 'extend' || action === 'checkOut') && (
                <Textarea
                  label={t(action === 'extend' ? 'housing.fields.reason' : 'stays.fields.leaveNote')}
                  withAsterisk={action === 'extend'}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                />
              )}
              <FormError error={save.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setAction(null)}>
                  {t('common.cancel')}
                </Button>
                <Button onClick={() => save.mutate()} loading={save.isPending}>
                  {t('housing.actions.save')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      )}
    </Modal>
  );
}
