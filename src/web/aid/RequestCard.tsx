// One aid request as a card: the family's first name, the items, how it is given and its status, and
// the next step for whoever looks at it — decide (coordinator), hand out or record as done
// (warehouse), print the act and mark it signed. What the server did not send (the reason, the
// address) simply is not shown: the card never asks for more than the caller may see.
import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AidRequestView } from '../../domain/aid/contracts.js';
import { formatDate } from '../app/format.js';
import { useCan } from '../app/session.js';
import { FormError } from '../app/states.js';
import { staffOptions, useStaff } from '../cases/queries.js';
import { actUrl, aidApi, aidKeys } from './api.js';
import { isoToday, itemName, quantityText, useAidItems } from './labels.js';
import { AttachmentsButton } from '../files/AttachmentsPanel.js';

const STATUS_COLOR = { requested: 'blue', approved: 'teal', declined: 'red', handed_out: 'gray', cancelled: 'gray' } as const;

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: aidKeys.all });
}

function DecisionModal({ request, onClose }: { request: AidRequestView; onClose: () => void }) {
  const { t } = useTranslation();
  const items = useAidItems();
  const refresh = useRefresh();
  const [note, setNote] = useState('');
  const [decidedOn, setDecidedOn] = useState(isoToday());
  const [quantities, setQuantities] = useState<Record<string, number | string>>(
    Object.fromEntries(request.lines.map((l) => [l.id, l.requested])),
  );
  const [delivererId, setDelivererId] = useState<string | null>(null);
  const staff = useStaff();
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'decline') =>
      aidApi.decide(request.id, {
        decision,
        note,
        decidedOn,
        version: request.version,
        ...(decision === 'approve' && {
          quantities: request.lines
            .filter((l) => Number(quantities[l.id]) !== l.requested)
            .map((l) => ({ lineId: l.id, quantity: Number(quantities[l.id]) })),
          ...(delivererId && { delivererId }),
        }),
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await refresh();
      onClose();
    },
  });
  const aboveNorm = request.lines.some((l) => l.aboveNorm);
  return (
    <Modal opened onClose={onClose} title={t('aid.actions.approve')} size="lg">
      <Stack gap="sm">
        {request.reason && <Text size="sm">{request.reason}</Text>}
        {request.lines.map((line) => (
          <Group key={line.id} grow>
            <Text size="sm">
              {itemName(items.byId.get(line.itemId))}
              {line.aboveNorm && (
                <Badge component="span" ml="xs" color="orange" size="xs">
                  {t('aid.aboveNorm')}
                </Badge>
              )}
            </Text>
            <NumberInput
              aria-label={t('aid.fields.approved')}
              min={0}
              decimalScale={3}
              value={quantities[line.id]}
              onChange={(value) => setQuantities({ ...quantities, [line.id]: value })}
            />
          </Group>
        ))}
        {aboveNorm && (
          <Text size="sm" c="orange">
            {t('aid.aboveNormHint')}
          </Text>
        )}
        {request.delivery === 'home' && (
          <Select
            label={t('aid.fields.deliverer')}
            clearable
            searchable
            data={staffOptions(staff.data)}
            value={delivererId}
            onChange={setDelivererId}
          />
        )}
        <TextInput type="date" label={t('aid.fields.decidedOn')} value={decidedOn} onChange={(e) => setDecidedOn(e.currentTarget.value)} />
        <Textarea label={t('aid.fields.decisionNote')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <FormError error={decide.error} />
        <Group justify="flex-end">
          <Button variant="default" color="red" onClick={() => decide.mutate('decline')} loading={decide.isPending}>
            {t('aid.actions.decline')}
          </Button>
          <Button onClick={() => decide.mutate('approve')} loading={decide.isPending}>
            {t('aid.actions.approve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function HandoutModal({ request, onClose }: { request: AidRequestView; onClose: () => void }) {
  const { t } = useTranslation();
  const items = useAidItems();
  const refresh = useRefresh();
  const hasGoods = request.lines.some((l) => items.byId.get(l.itemId)?.kind === 'goods' && (l.approved ?? 0) > 0);
  const warehouses = useQuery({ queryKey: aidKeys.warehouses, queryFn: aidApi.warehouses, enabled: hasGoods });
  const ours = (warehouses.data?.items ?? []).filter((w) => w.branchId === request.branchId && w.active);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [handedOn, setHandedOn] = useState(isoToday());
  const [contractor, setContractor] = useState('');
  const [cost, setCost] = useState<number | string>('');
  const chosen = warehouseId ?? (ours.length === 1 ? ours[0]!.id : null);
  const save = useMutation({
    mutationFn: () =>
      aidApi.handOut(request.id, {
        handedOn,
        version: request.version,
        ...(hasGoods && chosen && { warehouseId: chosen }),
        contractor,
        ...(cost !== '' && { cost: Number(cost) }),
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await refresh();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={hasGoods ? t('aid.actions.handOut') : t('aid.actions.recordWork')}>
      <Stack gap="sm">
        {request.lines
          .filter((l) => (l.approved ?? 0) > 0)
          .map((line) => (
            <Text key={line.id} size="sm">
              {itemName(items.byId.get(line.itemId))} — {quantityText(line.approved ?? 0, items.byId.get(line.itemId))}
            </Text>
          ))}
        {hasGoods && (
          <Select
            label={t('aid.fields.warehouse')}
            withAsterisk
            data={ours.map((w) => ({ value: w.id, label: w.name }))}
            value={chosen}
            onChange={setWarehouseId}
          />
        )}
        <TextInput type="date" label={t('aid.fields.handedOn')} value={handedOn} onChange={(e) => setHandedOn(e.currentTarget.value)} />
        {!hasGoods && (
          <>
            <TextInput label={t('aid.fields.contractor')} value={contractor} onChange={(e) => setContractor(e.currentTarget.value)} />
            <NumberInput label={t('aid.fields.cost')} min={0} decimalScale={2} value={cost} onChange={setCost} />
          </>
        )}
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {hasGoods ? t('aid.actions.handOut') : t('aid.actions.recordWork')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function RequestCard({ request, caseLink }: { request: AidRequestView; caseLink?: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  const items = useAidItems();
  const refresh = useRefresh();
  const [open, setOpen] = useState<'decide' | 'handout' | null>(null);
  const signed = useMutation({
    mutationFn: () => aidApi.actSigned(request.id, { signedOn: isoToday(), version: request.version }),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  const seesCase = request.reason !== undefined;
  return (
    <Card withBorder padding="sm" data-testid="aid-request">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text fw={600} data-testid="aid-request-family">
              {caseLink ?? request.familyFirstName}
            </Text>
            <Badge color={STATUS_COLOR[request.status]} data-testid="aid-request-status">
              {t(`aid.statuses.${request.status}`)}
            </Badge>
            <Badge variant="light" color="gray">
              {t(`aid.delivery.${request.delivery}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" data-testid="aid-request-date">
            {formatDate(request.requestedOn)} · {request.requestedBy}
          </Text>
        </Group>
        {request.lines.map((line) => (
          <Text key={line.id} size="sm" data-testid="aid-request-line">
            {itemName(items.byId.get(line.itemId))} — {quantityText(line.approved ?? line.requested, items.byId.get(line.itemId))}
            {line.approved !== null && line.approved !== line.requested && (
              <Text span c="dimmed" size="xs">
                {' '}
                ({t('aid.fields.requested')}: {quantityText(line.requested, items.byId.get(line.itemId))})
              </Text>
            )}
            {/* A span: the line is a paragraph, where a block (Badge's default div) may not stand. */}
            {line.aboveNorm && (
              <Badge component="span" ml="xs" color="orange" size="xs">
                {t('aid.aboveNorm')}
              </Badge>
            )}
          </Text>
        ))}
        {request.reason && (
          <Text size="sm" c="dimmed">
            {t('aid.fields.reason')}: {request.reason}
          </Text>
        )}
        {request.decisionNote && (
          <Text size="sm" c={request.status === 'declined' ? 'red' : 'dimmed'}>
            {t('aid.fields.decisionNote')}: {request.decisionNote}
          </Text>
        )}
        {request.address && request.delivery === 'home' && (
          <Text size="sm">
            {t('aid.fields.address')}: {request.address}
          </Text>
        )}
        {request.handedOn && (
          <Text size="sm" c="dimmed">
            {t('aid.fields.handedOn')}: {formatDate(request.handedOn)}
            {request.actSignedOn && ` · ${t('aid.fields.actSigned')}: ${formatDate(request.actSignedOn)}`}
          </Text>
        )}
        <Group gap="xs">
          {request.status === 'requested' && seesCase && can('aid.approve') && (
            <Button size="xs" onClick={() => setOpen('decide')}>
              {t('aid.actions.approve')} / {t('aid.actions.decline')}
            </Button>
          )}
          {request.status === 'approved' && (can('aid.warehouse') || (seesCase && can('aid.approve'))) && (
            <Button size="xs" onClick={() => setOpen('handout')}>
              {t('aid.actions.handOut')}
            </Button>
          )}
          {request.handoutId && (
            <>
              <Anchor size="sm" href={actUrl(request.id, 'pdf')} target="_blank">
                {t('aid.actions.printAct')} (PDF)
              </Anchor>
              <Anchor size="sm" href={actUrl(request.id, 'docx')}>
                DOCX
              </Anchor>
              <AttachmentsButton ownerKind="aid_handover" ownerId={request.id} />
              {!request.actSignedOn && (
                <Button size="xs" variant="light" onClick={() => signed.mutate()} loading={signed.isPending}>
                  {t('aid.actions.markSigned')}
                </Button>
              )}
            </>
          )}
        </Group>
      </Stack>
      {open === 'decide' && <DecisionModal request={request} onClose={() => setOpen(null)} />}
      {open === 'handout' && <HandoutModal request={request} onClose={() => setOpen(null)} />}
    </Card>
  );
}
