// The aid catalogue (permission aid.catalogue): goods, works in kind and purchases for a family, as
// data in Russian and English; an item in use is retired, not deleted. Below it, each programme's
// monthly hand-out norms.
import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AID_GROUPS, AID_KINDS, AID_UNITS, NORM_BASES, type AidItemView } from '../../domain/aid/contracts.js';
import { api, newIdempotencyKey } from '../app/api.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { aidApi, aidKeys } from './api.js';
import { itemName, itemOptions, quantityText, useAidItems } from './labels.js';
import { errorsByPath } from './LinesEditor.js';

function NewItem({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({
    code: '',
    nameRu: '',
    nameEn: '',
    kind: 'goods' as (typeof AID_KINDS)[number],
    unit: 'piece' as (typeof AID_UNITS)[number],
    group: 'other' as (typeof AID_GROUPS)[number],
    variant: '',
    tracksLots: false,
  });
  const save = useMutation({
    mutationFn: () =>
      aidApi.createItem(
        {
          code: v.code,
          name: { ru: v.nameRu, en: v.nameEn },
          kind: v.kind,
          unit: v.kind === 'work' ? 'job' : v.unit,
          group: v.group,
          variant: v.variant,
          tracksLots: v.tracksLots,
        },
        key,
      ),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: aidKeys.items });
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  const text = (field: 'code' | 'nameRu' | 'nameEn' | 'variant') => ({
    value: v[field],
    onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [field]: e.currentTarget.value }),
  });
  return (
    <Stack gap="sm">
      <TextInput label={t('aid.fields.code')} withAsterisk {...text('code')} error={errors.code} />
      <TextInput label={t('aid.fields.nameRu')} withAsterisk {...text('nameRu')} error={errors['name.ru']} />
      <TextInput label={t('aid.fields.nameEn')} withAsterisk {...text('nameEn')} error={errors['name.en']} />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Select
          label={t('aid.fields.kind')}
          allowDeselect={false}
          data={AID_KINDS.map((k) => ({ value: k, label: t(`aid.kinds.${k}`) }))}
          value={v.kind}
          onChange={(kind) => kind && setV({ ...v, kind: kind as typeof v.kind })}
        />
        <Select
          label={t('aid.fields.unit')}
          allowDeselect={false}
          disabled={v.kind === 'work'}
          data={AID_UNITS.filter((u) => (v.kind === 'work' ? u === 'job' : u !== 'job')).map((u) => ({
            value: u,
            label: t(`aid.units.${u}`),
          }))}
          value={v.kind === 'work' ? 'job' : v.unit}
          onChange={(unit) => unit && setV({ ...v, unit: unit as typeof v.unit })}
          error={errors.unit}
        />
        <Select
          label={t('aid.fields.group')}
          allowDeselect={false}
          data={AID_GROUPS.map((g) => ({ value: g, label: t(`aid.groups.${g}`) }))}
          value={v.group}
          onChange={(group) => group && setV({ ...v, group: group as typeof v.group })}
        />
      </SimpleGrid>
      <TextInput label={t('aid.fields.variant')} {...text('variant')} error={errors.variant} />
      {v.kind === 'goods' && (
        <Checkbox
          label={t('aid.fields.tracksLots')}
          checked={v.tracksLots}
          onChange={(e) => setV({ ...v, tracksLots: e.currentTarget.checked })}
        />
      )}
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.create')}
        </Button>
      </Group>
    </Stack>
  );
}

function RetireButton({ item }: { item: AidItemView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: () =>
      aidApi.updateItem(item.id, {
        name: item.name,
        group: item.group,
        variant: item.variant,
        tracksLots: item.tracksLots,
        retired: !item.retired,
        version: item.version,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: aidKeys.items }),
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color={item.retired ? 'teal' : 'red'}
      loading={toggle.isPending}
      onClick={() => toggle.mutate()}
    >
      {item.retired ? t('aid.actions.restore') : t('aid.actions.retire')}
    </Button>
  );
}

function Norms() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const items = useAidItems();
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: api.programmes.list });
  const norms = useQuery({ queryKey: aidKeys.norms, queryFn: aidApi.norms });
  const [v, setV] = useState<{
    programmeId: string | null;
    itemId: string | null;
    quantity: number | string;
    per: (typeof NORM_BASES)[number];
  }>({ programmeId: null, itemId: null, quantity: '', per: 'family' });
  const programmeName = new Map((programmes.data?.items ?? []).map((p) => [p.id, p.name]));
  const refresh = () => client.invalidateQueries({ queryKey: aidKeys.norms });
  const save = useMutation({
    mutationFn: () =>
      aidApi.setNorm({
        programmeId: v.programmeId ?? '',
        itemId: v.itemId ?? '',
        quantity: v.quantity === '' ? Number.NaN : Number(v.quantity),
        per: v.per,
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: aidApi.deleteNorm, onSuccess: refresh });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <Title order={4}>{t('aid.normsTitle')}</Title>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t('aid.fields.programme')}
          data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={v.programmeId}
          onChange={(programmeId) => setV({ ...v, programmeId })}
          error={errors.programmeId}
        />
        <Select
          label={t('aid.fields.item')}
          searchable
          data={itemOptions(items.data ?? [])}
          value={v.itemId}
          onChange={(itemId) => setV({ ...v, itemId })}
          error={errors.itemId}
        />
        <NumberInput
          label={t('aid.fields.quantity')}
          min={0}
          decimalScale={3}
          value={v.quantity}
          onChange={(quantity) => setV({ ...v, quantity })}
          error={errors.quantity}
        />
        <Select
          label={t('aid.fields.per')}
          allowDeselect={false}
          data={NORM_BASES.map((b) => ({ value: b, label: t(`aid.normPer.${b}`) }))}
          value={v.per}
          onChange={(per) => per && setV({ ...v, per: per as typeof v.per })}
        />
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
      <FormError error={save.error} />
      {(norms.data?.items ?? []).length > 0 && (
        <Table>
          <Table.Tbody>
            {norms.data!.items.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>{programmeName.get(n.programmeId) ?? '—'}</Table.Td>
                <Table.Td>{itemName(items.byId.get(n.itemId))}</Table.Td>
                <Table.Td>
                  {quantityText(n.quantity, items.byId.get(n.itemId))} {t(`aid.normPer.${n.per}`)} {t('aid.perMonth')}
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(n.id)}>
                    {t('aid.actions.delete')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function AidCataloguePage() {
  const { t } = useTranslation();
  const items = useAidItems();
  const [adding, setAdding] = useState(false);
  return (
    <Page
      title={t('aid.nav.catalogue')}
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          {t('aid.actions.newItem')}
        </Button>
      }
    >
      {items.isPending ? (
        <LoadingState />
      ) : items.isError ? (
        <ErrorState error={items.error} />
      ) : items.data.length === 0 ? (
        <EmptyState />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aid.fields.item')}</Table.Th>
                <Table.Th>{t('aid.fields.kind')}</Table.Th>
                <Table.Th>{t('aid.fields.unit')}</Table.Th>
                <Table.Th>{t('aid.fields.group')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.data.map((item) => (
                <Table.Tr key={item.id} opacity={item.retired ? 0.6 : 1}>
                  <Table.Td>
                    {itemName(item)}
                    {item.tracksLots && (
                      <Badge ml="xs" size="xs" variant="light">
                        {t('aid.fields.tracksLots')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`aid.kinds.${item.kind}`)}</Table.Td>
                  <Table.Td>{t(`aid.units.${item.unit}`)}</Table.Td>
                  <Table.Td>{t(`aid.groups.${item.group}`)}</Table.Td>
                  <Table.Td>
                    <RetireButton item={item} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Norms />
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('aid.actions.newItem')}>
        {adding && <NewItem onDone={() => setAdding(false)} />}
      </Modal>
    </Page>
  );
}
