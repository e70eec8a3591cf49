// Facilities of the user's branches: shelters and crisis apartments, their rooms and places, and
// closures for a period. Managed by the organisation admin and the coordinator.
import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS } from '../../domain/housing/contracts.js';
import { api, newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { housingApi, housingKeys } from './api.js';
import { useFacilities } from './FacilityPicker.js';

type Dialog = { kind: 'facility' } | { kind: 'room'; facilityId: string } | { kind: 'closure'; facilityId: string } | null;

function FacilityForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const branches = useQuery({ queryKey: ['branches'], queryFn: api.branches.list });
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: api.programmes.list });
  const [v, setV] = useState({
    name: '',
    kind: 'shelter',
    branchId: '',
    programmeId: '',
    address: '',
    defaultStayMonths: 6,
    rulesVersion: '',
  });
  const save = useMutation({
    mutationFn: () =>
      housingApi.createFacility(
        {
          ...v,
          kind: v.kind as (typeof FACILITY_KINDS)[number],
          programmeId: v.programmeId || null,
          defaultStayMonths: Number(v.defaultStayMonths),
        },
        key,
      ),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: housingKeys.all });
      onDone();
    },
  });
  return (
    <Stack gap="sm">
      <TextInput
        label={t('housing.fields.name')}
        withAsterisk
        value={v.name}
        onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
      />
      <Select
        label={t('housing.fields.kind')}
        data={FACILITY_KINDS.map((k) => ({ value: k, label: t(`housing.kinds.${k}`) }))}
        value={v.kind}
        onChange={(kind) => kind && setV({ ...v, kind })}
        allowDeselect={false}
      />
      <Select
        label={t('housing.fields.branch')}
        withAsterisk
        data={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
        value={v.branchId || null}
        onChange={(branchId) => setV({ ...v, branchId: branchId ?? '' })}
      />
      <Select
        label={t('housing.fields.programme')}
        clearable
        data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={v.programmeId || null}
        onChange={(programmeId) => setV({ ...v, programmeId: programmeId ?? '' })}
      />
      <TextInput label={t('housing.fields.address')} value={v.address} onChange={(e) => setV({ ...v, address: e.currentTarget.value })} />
      <Group grow>
        <NumberInput
          label={t('housing.fields.defaultStayMonths')}
          min={1}
          max={60}
          value={v.defaultStayMonths}
          onChange={(n) => setV({ ...v, defaultStayMonths: Number(n) || 6 })}
        />
        <TextInput
          label={t('housing.fields.rulesVersion')}
          value={v.rulesVersion}
          onChange={(e) => setV({ ...v, rulesVersion: e.currentTarget.value })}
        />
      </Group>
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.create')}
        </Button>
      </Group>
    </Stack>
  );
}

function RoomForm({ facilityId, onDone }: { facilityId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({ name: '', motherPlaces: 1, childPlaces: 1 });
  const save = useMutation({
    mutationFn: () => housingApi.addRoom(facilityId, v, key),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: housingKeys.all });
      onDone();
    },
  });
  return (
    <Stack gap="sm">
      <TextInput
        label={t('housing.fields.room')}
        withAsterisk
        value={v.name}
        onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
      />
      <Group grow>
        <NumberInput
          label={t('housing.fields.motherPlaces')}
          min={0}
          max={20}
          value={v.motherPlaces}
          onChange={(n) => setV({ ...v, motherPlaces: Number(n) || 0 })}
        />
        <NumberInput
          label={t('housing.fields.childPlaces')}
          min={0}
          max={20}
          value={v.childPlaces}
          onChange={(n) => setV({ ...v, childPlaces: Number(n) || 0 })}
        />
      </Group>
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.create')}
        </Button>
      </Group>
    </Stack>
  );
}

function ClosureForm({ facilityId, onDone }: { facilityId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const facility = useQuery({ queryKey: housingKeys.facility(facilityId), queryFn: () => housingApi.facility(facilityId) });
  const [v, setV] = useState({ roomId: '', startsOn: '', endsOn: '', reason: '' });
  const save = useMutation({
    mutationFn: () => housingApi.addClosure(facilityId, { ...v, roomId: v.roomId || null }, key),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: housingKeys.all });
      onDone();
    },
  });
  return (
    <Stack gap="sm">
      <Select
        label={t('housing.fields.room')}
        placeholder={t('housing.dialogs.wholeFacility')}
        clearable
        data={(facility.data?.rooms ?? []).map((r) => ({ value: r.id, label: r.name }))}
        value={v.roomId || null}
        onChange={(roomId) => setV({ ...v, roomId: roomId ?? '' })}
      />
      <Group grow>
        <TextInput
          type="date"
          label={t('housing.fields.startsOn')}
          value={v.startsOn}
          onChange={(e) => setV({ ...v, startsOn: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('housing.fields.endsOn')}
          value={v.endsOn}
          onChange={(e) => setV({ ...v, endsOn: e.currentTarget.value })}
        />
      </Group>
      <TextInput
        label={t('housing.fields.reason')}
        withAsterisk
        value={v.reason}
        onChange={(e) => setV({ ...v, reason: e.currentTarget.value })}
      />
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function FacilityCard({ id, onDialog, canManage }: { id: string; onDialog: (d: Dialog) => void; canManage: boolean }) {
  const { t } = useTranslation();
  const facility = useQuery({ queryKey: housingKeys.facility(id), queryFn: () => housingApi.facility(id) });
  const f = facility.data;
  if (!f) return <LoadingState />;
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={4}>{f.name}</Title>
          <Text size="xs" c="dimmed">
            {t(`housing.kinds.${f.kind}`)} · {f.branchName} · {f.address ?? t('housing.fields.addressHidden')}
          </Text>
        </div>
        <Group gap="xs">
          <Badge variant="light">{`${t('housing.fields.motherPlaces')}: ${f.motherPlaces}`}</Badge>
          <Badge variant="light">{`${t('housing.fields.childPlaces')}: ${f.childPlaces}`}</Badge>
        </Group>
      </Group>
      <Stack gap={4} mt="xs">
        {f.rooms.map((r) => (
          <Text key={r.id} size="sm">
            {r.name}: {r.places.filter((p) => p.kind === 'mother').length} / {r.places.filter((p) => p.kind === 'child').length}
            {!r.active && ` (${t('common.inactive')})`}
          </Text>
        ))}
        {f.closures.map((c) => (
          <Text key={c.id} size="xs" c="orange">
            {formatDate(c.startsOn)}–{formatDate(c.endsOn)}: {c.reason}
          </Text>
        ))}
      </Stack>
      {canManage && (
        <Group mt="xs" gap="xs">
          <Button size="xs" variant="light" onClick={() => onDialog({ kind: 'room', facilityId: f.id })}>
            {t('housing.actions.addRoom')}
          </Button>
          <Button size="xs" variant="light" color="orange" onClick={() => onDialog({ kind: 'closure', facilityId: f.id })}>
            {t('housing.actions.addClosure')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

export function FacilitiesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const facilities = useFacilities();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const canManage = can('housing.manage');
  return (
    <Page
      title={t('housing.facilities')}
      actions={canManage && <Button onClick={() => setDialog({ kind: 'facility' })}>{t('housing.actions.newFacility')}</Button>}
    >
      {facilities.isPending && <LoadingState />}
      {facilities.isError && <ErrorState error={facilities.error} />}
      {facilities.data?.length === 0 && <EmptyState>{t('housing.board_.noFacilities')}</EmptyState>}
      <Stack gap="sm">
        {facilities.data?.map((f) => (
          <FacilityCard key={f.id} id={f.id} onDialog={setDialog} canManage={canManage} />
        ))}
      </Stack>
      <Modal
        opened={dialog !== null}
        onClose={close}
        title={t(
          dialog?.kind === 'room'
            ? 'housing.dialogs.roomTitle'
            : dialog?.kind === 'closure'
              ? 'housing.dialogs.closureTitle'
              : 'housing.dialogs.facilityTitle',
        )}
      >
        {dialog?.kind === 'facility' && <FacilityForm onDone={close} />}
        {dialog?.kind === 'room' && <RoomForm facilityId={dialog.facilityId} onDone={close} />}
        {dialog?.kind === 'closure' && <ClosureForm facilityId={dialog.facilityId} onDone={close} />}
      </Modal>
    </Page>
  );
}
