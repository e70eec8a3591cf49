// The house desk's dialogs: check a waiting family in, and for a stay — extend, move rooms, check out.
// The server checks everything again; a taken place comes back as a message naming the free ones.
import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { LEAVE_REASONS, type Board, type LeaveReason, type WaitingFamily } from '../../domain/housing/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { FormError, LoadingState } from '../app/states.js';
import { housingApi, housingKeys, isoToday } from './api.js';

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
                <Checkbox key={m.id} value={m.id} label={`${m.firstName}${m.ageYears !== null ? `, ${m.ageYears}` : ''}`} />
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

type Action = 'extend' | 'move' | 'checkOut';

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
  const [reason, setReason] = useState('');
  const [leaveReason, setLeaveReason] = useState<LeaveReason | null>(null);
  const [roomId, setRoomId] = useState<string | null>(null);
  const done = useDone(() => {
    setAction(null);
    onClose();
  });
  const save = useMutation({
    mutationFn: () => {
      const s = stay.data!;
      if (action === 'extend') return housingApi.extend(s.id, { plannedLeaveOn: date, reason, version: s.version });
      if (action === 'move') return housingApi.move(s.id, { roomId: roomId ?? '', on: date, version: s.version });
      return housingApi.checkOut(s.id, { on: date, reason: leaveReason ?? ('' as LeaveReason), note: reason, version: s.version });
    },
    onSuccess: done,
  });
  const start = (next: Action) => {
    save.reset();
    setAction(next);
    setDate(next === 'extend' ? (stay.data?.plannedLeaveOn ?? isoToday()) : isoToday());
    setReason('');
  };
  const facility = board.facilities.filter((f) => f.id === stay.data?.facilityId);
  return (
    <Modal opened={stayId !== null} onClose={onClose} title={stay.data?.facilityName ?? ''} size="lg">
      {!stay.data ? (
        <LoadingState />
      ) : (
        <Stack gap="sm">
          {stay.data.residents.map((r) => (
            <Group key={r.memberId} justify="space-between">
              <Text fw={500}>{r.firstName || '—'}</Text>
              <Badge variant="light">{r.placeLabel}</Badge>
            </Group>
          ))}
          <Text size="sm">
            {t('housing.fields.checkInOn')}: {formatDate(stay.data.checkInOn)} · {t('housing.fields.plannedLeaveOn')}:{' '}
            {formatDate(stay.data.plannedLeaveOn)}
          </Text>
          {stay.data.extensions.map((e) => (
            <Text key={e.at} size="xs" c="dimmed">
              {formatDate(e.fromOn)} → {formatDate(e.toOn)}
              {e.reason !== null && `: ${e.reason}`}
            </Text>
          ))}
          {stay.data.details === 'reception' && (
            <Text size="xs" c="dimmed" data-testid="stay-reception-view">
              {t('housing.receptionView')}
            </Text>
          )}
          {canAct && stay.data.checkOutOn === null && action === null && (
            <Group>
              <Button variant="light" onClick={() => start('extend')}>
                {t('housing.actions.extend')}
              </Button>
              <Button variant="light" onClick={() => start('move')}>
                {t('housing.actions.move')}
              </Button>
              <Button color="orange" onClick={() => start('checkOut')}>
                {t('housing.actions.checkOut')}
              </Button>
            </Group>
          )}
          {action && (
            <Stack
              gap="sm"
              aria-label={t(`housing.dialogs.${action === 'checkOut' ? 'checkOutTitle' : action === 'move' ? 'moveTitle' : 'extendTitle'}`)}
              role="group"
            >
              <Text fw={600}>
                {t(`housing.dialogs.${action === 'checkOut' ? 'checkOutTitle' : action === 'move' ? 'moveTitle' : 'extendTitle'}`)}
              </Text>
              {action === 'move' && (
                <Select label={t('housing.fields.room')} data={roomOptions(facility)} value={roomId} onChange={setRoomId} />
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
              <TextInput
                type="date"
                label={t(
                  action === 'extend'
                    ? 'housing.fields.plannedLeaveOn'
                    : action === 'move'
                      ? 'housing.fields.on'
                      : 'housing.fields.checkOutOn',
                )}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
              />
              {action !== 'move' && (
                <Textarea
                  label={t(action === 'extend' ? 'housing.fields.reason' : 'housing.fields.note')}
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
