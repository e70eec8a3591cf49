// The storekeeper's page: the warehouses of one's branches, the stock of the chosen one (by item and
// lot, below-minimum and soon-expiring marked), its ledger, and the documents that move stock —
// receipts of donations and purchases, transfers, write-offs and stocktakes. A mistake is undone by a
// reversal with a reason; history is never edited.
import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { WRITE_OFF_REASONS, type StockView, type WarehouseView } from '../../domain/aid/contracts.js';
import { api, newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useMe } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { aidApi, aidKeys } from './api.js';
import { isoToday, itemName, quantityText, useAidItems } from './labels.js';
import { emptyLine, errorsByPath, LinesEditor, linesBody, type Line } from './LinesEditor.js';
import { ExportButtons } from '../documents/ExportButtons.js';

type Doc = 'receipt' | 'transfer' | 'write_off' | 'stocktake';

function NewWarehouse({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const branches = useQuery({ queryKey: ['branches'], queryFn: api.branches.list });
  const [branchId, setBranchId] = useState<string | null>(me.branchIds[0] ?? null);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const save = useMutation({
    mutationFn: () => aidApi.createWarehouse({ branchId: branchId ?? '', name, address }, key),
    onSuccess: async (warehouse) => {
      await client.invalidateQueries({ queryKey: aidKeys.warehouses });
      onDone(warehouse.id);
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <Select
        label={t('aid.fields.branch')}
        data={(branches.data?.items ?? []).filter((b) => me.branchIds.includes(b.id)).map((b) => ({ value: b.id, label: b.name }))}
        value={branchId}
        onChange={setBranchId}
        error={errors.branchId}
      />
      <TextInput
        label={t('aid.fields.name')}
        withAsterisk
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
      />
      <TextInput
        label={t('aid.fields.address')}
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
        error={errors.address}
      />
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.create')}
        </Button>
      </Group>
    </Stack>
  );
}

function DocumentForm({
  doc,
  warehouse,
  warehouses,
  stock,
  onDone,
}: {
  doc: Doc;
  warehouse: WarehouseView;
  warehouses: WarehouseView[];
  stock: StockView;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  const [occurredOn, setOccurredOn] = useState(isoToday());
  const [kind, setKind] = useState<'donation' | 'purchase'>('donation');
  const [donorKind, setDonorKind] = useState<'person' | 'company'>('person');
  const [counterparty, setCounterparty] = useState('');
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [toWarehouseId, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState<(typeof WRITE_OFF_REASONS)[number]>('expired');
  const [note, setNote] = useState('');
  const [counts, setCounts] = useState<Record<string, number | string>>({});
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: api.programmes.list, enabled: doc === 'receipt' });
  const items = useAidItems();
  const lots = stock.items.flatMap((item) =>
    item.lots.length > 0 ? item.lots : [{ itemId: item.itemId, lot: '', expiresOn: null, quantity: 0 }],
  );
  const save = useMutation({
    mutationFn: async () => {
      if (doc === 'receipt')
        return aidApi.receive(
          warehouse.id,
          {
            kind,
            ...(kind === 'donation' && { donorKind }),
            counterparty,
            receivedOn: occurredOn,
            ...(programmeId && { programmeId }),
            note,
            lines: linesBody(lines, true),
          },
          key,
        );
      if (doc === 'transfer')
        return aidApi.transfer(warehouse.id, { toWarehouseId: toWarehouseId ?? '', occurredOn, lines: linesBody(lines) }, key);
      if (doc === 'write_off') return aidApi.writeOff(warehouse.id, { occurredOn, reason, note, lines: linesBody(lines) }, key);
      return aidApi.stocktake(
        warehouse.id,
        {
          occurredOn,
          counts: lots
            .filter((l) => counts[`${l.itemId}|${l.lot}`] !== undefined && counts[`${l.itemId}|${l.lot}`] !== '')
            .map((l) => ({ itemId: l.itemId, lot: l.lot, counted: Number(counts[`${l.itemId}|${l.lot}`]) })),
        },
        key,
      );
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: aidKeys.all });
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      {doc === 'receipt' && (
        <>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as typeof kind)}
            data={[
              { value: 'donation', label: t('aid.movements.donation') },
              { value: 'purchase', label: t('aid.movements.purchase') },
            ]}
          />
          <Group grow>
            {kind === 'donation' && (
              <Select
                label={t('aid.fields.donorKind')}
                allowDeselect={false}
                data={(['person', 'company'] as const).map((k) => ({ value: k, label: t(`aid.donorKinds.${k}`) }))}
                value={donorKind}
                onChange={(v) => v && setDonorKind(v as typeof donorKind)}
              />
            )}
            <TextInput
              label={t('aid.fields.counterparty')}
              withAsterisk
              value={counterparty}
              onChange={(e) => setCounterparty(e.currentTarget.value)}
              error={errors.counterparty}
            />
          </Group>
          <Select
            label={t('aid.fields.programme')}
            clearable
            data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={programmeId}
            onChange={setProgrammeId}
            error={errors.programmeId}
          />
        </>
      )}
      {doc === 'transfer' && (
        <Select
          label={t('aid.fields.toWarehouse')}
          withAsterisk
          data={warehouses.filter((w) => w.id !== warehouse.id && w.active).map((w) => ({ value: w.id, label: w.name }))}
          value={toWarehouseId}
          onChange={setTo}
          error={errors.toWarehouseId}
        />
      )}
      {doc === 'write_off' && (
        <Group grow>
          <Select
            label={t('aid.fields.writeOffReason')}
            allowDeselect={false}
            data={WRITE_OFF_REASONS.map((r) => ({ value: r, label: t(`aid.writeOffReasons.${r}`) }))}
            value={reason}
            onChange={(v) => v && setReason(v as typeof reason)}
          />
          <TextInput label={t('aid.fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        </Group>
      )}
      <TextInput
        type="date"
        label={t('aid.fields.occurredOn')}
        value={occurredOn}
        onChange={(e) => setOccurredOn(e.currentTarget.value)}
        error={errors.receivedOn ?? errors.occurredOn}
      />
      {doc === 'stocktake' ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('aid.fields.item')}</Table.Th>
              <Table.Th>{t('aid.fields.lot')}</Table.Th>
              <Table.Th>{t('aid.stock.left')}</Table.Th>
              <Table.Th>{t('aid.fields.counted')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lots.map((l, i) => (
              <Table.Tr key={`${l.itemId}|${l.lot}`}>
                <Table.Td>{itemName(items.byId.get(l.itemId))}</Table.Td>
                <Table.Td>{l.lot || '—'}</Table.Td>
                <Table.Td>{quantityText(l.quantity, items.byId.get(l.itemId))}</Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('aid.fields.counted')}
                    min={0}
                    decimalScale={3}
                    value={counts[`${l.itemId}|${l.lot}`] ?? ''}
                    onChange={(v) => setCounts({ ...counts, [`${l.itemId}|${l.lot}`]: v })}
                    error={errors[`counts.${i}.counted`]}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <LinesEditor
          lines={lines}
          onChange={setLines}
          errors={errors}
          receipt={doc === 'receipt'}
          filter={(item) => item.kind === 'goods'}
        />
      )}
      {doc === 'receipt' && <Textarea label={t('aid.fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />}
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function Ledger({ warehouseId }: { warehouseId: string }) {
  const { t } = useTranslation();
  const items = useAidItems();
  const client = useQueryClient();
  const list = useQuery({ queryKey: aidKeys.movements(warehouseId), queryFn: () => aidApi.movements(warehouseId) });
  const [reversing, setReversing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const correct = useMutation({
    mutationFn: () => aidApi.correct(warehouseId, { movementId: reversing ?? '', reason }),
    onSuccess: async () => {
      setReversing(null);
      setReason('');
      await client.invalidateQueries({ queryKey: aidKeys.all });
    },
  });
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} />;
  const corrected = new Set(list.data.items.map((m) => m.correctsId).filter(Boolean));
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('aid.fields.occurredOn')}</Table.Th>
            <Table.Th>{t('aid.fields.kind')}</Table.Th>
            <Table.Th>{t('aid.fields.item')}</Table.Th>
            <Table.Th>{t('aid.fields.lot')}</Table.Th>
            <Table.Th ta="right">{t('aid.fields.quantity')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{formatDate(m.occurredOn)}</Table.Td>
              <Table.Td>{t(`aid.movements.${m.kind}`)}</Table.Td>
              <Table.Td>{itemName(items.byId.get(m.itemId))}</Table.Td>
              <Table.Td>{m.lot || '—'}</Table.Td>
              <Table.Td ta="right">{quantityText(m.quantity, items.byId.get(m.itemId))}</Table.Td>
              <Table.Td>
                {m.kind !== 'correction' && m.kind !== 'issue' && !corrected.has(m.id) && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setReversing(m.id)}>
                    {t('aid.actions.correct')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={reversing !== null} onClose={() => setReversing(null)} title={t('aid.actions.correct')}>
        <Stack gap="sm">
          <Textarea
            label={t('aid.fields.reason')}
            withAsterisk
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errorsByPath(correct.error).reason}
          />
          <FormError error={correct.error} />
          <Group justify="flex-end">
            <Button onClick={() => correct.mutate()} loading={correct.isPending}>
              {t('aid.actions.correct')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Table.ScrollContainer>
  );
}

export function WarehousesPage() {
  const { t } = useTranslation();
  const items = useAidItems();
  const warehouses = useQuery({ queryKey: aidKeys.warehouses, queryFn: aidApi.warehouses });
  const [chosen, setChosen] = useState<string | null>(null);
  const [doc, setDoc] = useState<Doc | 'new' | null>(null);
  const list = warehouses.data?.items ?? [];
  const warehouseId = chosen ?? list[0]?.id ?? null;
  const warehouse = list.find((w) => w.id === warehouseId);
  const stock = useQuery({
    queryKey: aidKeys.stock(warehouseId ?? ''),
    queryFn: () => aidApi.stock(warehouseId!),
    enabled: Boolean(warehouseId),
  });
  return (
    <Page
      title={t('aid.nav.warehouses')}
      actions={
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setDoc('new')}>
          {t('aid.actions.newWarehouse')}
        </Button>
      }
    >
      {warehouses.isPending ? (
        <LoadingState />
      ) : warehouses.isError ? (
        <ErrorState error={warehouses.error} />
      ) : list.length === 0 ? (
        <EmptyState />
      ) : (
        <Stack gap="md">
          <Group gap="sm" wrap="wrap">
            <Select
              aria-label={t('aid.fields.warehouse')}
              data={list.map((w) => ({ value: w.id, label: w.name }))}
              value={warehouseId}
              onChange={setChosen}
              allowDeselect={false}
            />
            {(['receipt', 'transfer', 'write_off', 'stocktake'] as const).map((d) => (
              <Button key={d} variant="light" onClick={() => setDoc(d)}>
                {t(`aid.actions.${d === 'receipt' ? 'receive' : d === 'write_off' ? 'writeOff' : d}`)}
              </Button>
            ))}
          </Group>
          <Group justify="space-between">
            <Title order={4}>{t('aid.stock.title')}</Title>
            {warehouseId && <ExportButtons url={`/api/warehouses/${warehouseId}/stock`} testId="stock-export" />}
          </Group>
          {stock.isPending ? (
            <LoadingState />
          ) : stock.isError ? (
            <ErrorState error={stock.error} />
          ) : stock.data.items.length === 0 ? (
            <EmptyState>{t('aid.stock.empty')}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped data-testid="stock">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('aid.fields.item')}</Table.Th>
                    <Table.Th ta="right">{t('aid.stock.left')}</Table.Th>
                    <Table.Th>{t('aid.fields.lot')}</Table.Th>
                    <Table.Th ta="right">{t('aid.fields.minimum')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {stock.data.items.map((row) => {
                    const item = items.byId.get(row.itemId);
                    return (
                      <Table.Tr key={row.itemId}>
                        <Table.Td>
                          {itemName(item)}
                          {row.belowMinimum && (
                            <Badge ml="xs" color="red" size="xs">
                              {t('aid.stock.belowMinimum')}
                            </Badge>
                          )}
                          {row.expiringSoon && (
                            <Badge ml="xs" color="orange" size="xs">
                              {t('aid.stock.expiringSoon')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{quantityText(row.quantity, item)}</Table.Td>
                        <Table.Td>
                          {row.lots
                            .filter((l) => l.lot)
                            .map((l) => (
                              <Text key={l.lot} size="xs">
                                {l.lot}
                                {l.expiresOn && ` · ${formatDate(l.expiresOn)}`} · {quantityText(l.quantity, item)}
                              </Text>
                            ))}
                        </Table.Td>
                        <Table.Td ta="right">{row.minimum > 0 ? quantityText(row.minimum, item) : '—'}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {warehouseId && (
            <>
              <Title order={4}>{t('aid.stock.movements')}</Title>
              <Ledger warehouseId={warehouseId} />
            </>
          )}
        </Stack>
      )}
      <Modal
        opened={doc !== null}
        onClose={() => setDoc(null)}
        size="xl"
        title={
          doc === 'new'
            ? t('aid.actions.newWarehouse')
            : doc
              ? t(`aid.actions.${doc === 'receipt' ? 'receive' : doc === 'write_off' ? 'writeOff' : doc}`)
              : ''
        }
      >
        {doc === 'new' && (
          <NewWarehouse
            onDone={(id) => {
              setChosen(id);
              setDoc(null);
            }}
          />
        )}
        {doc && doc !== 'new' && warehouse && stock.data && (
          <DocumentForm doc={doc} warehouse={warehouse} warehouses={list} stock={stock.data} onDone={() => setDoc(null)} />
        )}
      </Modal>
    </Page>
  );
}
