// Forms of the partner directory: an organisation, a contact person, a cooperation agreement.
// Each sends what the server's contract takes and shows its field errors beside the fields.
import { useState } from 'react';
import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  PARTNER_KINDS,
  type AgreementView,
  type ContactView,
  type PartnerKind,
  type PartnerView,
} from '../../domain/partners/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { FormError } from '../app/states.js';
import { partnerKeys, partnersApi } from './api.js';

export function errorsByPath(error: unknown): Record<string, string> {
  const fields = (error as { fields?: { path: string; message: string }[] } | null)?.fields ?? [];
  const result: Record<string, string> = {};
  for (const f of fields) result[f.path.split('.')[0]!] ??= f.message;
  return result;
}

const splitList = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export function PartnerForm({ partner, onDone }: { partner?: PartnerView; onDone: (partner: PartnerView) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({
    kind: (partner?.kind ?? 'guardianship_office') as PartnerKind,
    name: partner?.name ?? '',
    region: partner?.region ?? '',
    city: partner?.city ?? '',
    district: partner?.district ?? '',
    address: partner?.address ?? '',
    phones: (partner?.phones ?? []).join(', '),
    email: partner?.email ?? '',
    website: partner?.website ?? '',
    services: partner?.services ?? '',
    audience: partner?.audience ?? '',
    tags: (partner?.tags ?? []).join(', '),
    note: partner?.note ?? '',
    active: partner?.active ?? true,
  });
  const set = (field: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [field]: e.currentTarget.value });
  const save = useMutation({
    mutationFn: () => {
      const { active, ...rest } = v;
      const body = { ...rest, phones: splitList(v.phones), tags: splitList(v.tags) };
      return partner ? partnersApi.update(partner.id, { ...body, active, version: partner.version }) : partnersApi.create(body, key);
    },
    onSuccess: async (saved) => {
      notifications.show({ color: 'green', message: t('partners.directory.saved') });
      await client.invalidateQueries({ queryKey: partnerKeys.all });
      onDone(saved);
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('partners.fields.kind')}
          allowDeselect={false}
          data={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partners.kinds.${k}`) }))}
          value={v.kind}
          onChange={(kind) => kind && setV({ ...v, kind: kind as PartnerKind })}
          error={errors.kind}
        />
        <TextInput label={t('partners.fields.name')} withAsterisk value={v.name} onChange={set('name')} error={errors.name} />
        <TextInput label={t('partners.fields.region')} value={v.region} onChange={set('region')} error={errors.region} />
        <TextInput label={t('partners.fields.city')} value={v.city} onChange={set('city')} error={errors.city} />
        <TextInput label={t('partners.fields.district')} value={v.district} onChange={set('district')} error={errors.district} />
        <TextInput label={t('partners.fields.address')} value={v.address} onChange={set('address')} error={errors.address} />
        <TextInput
          label={t('partners.fields.phones')}
          description={t('partners.fields.phonesHint')}
          value={v.phones}
          onChange={set('phones')}
          error={errors.phones}
        />
        <TextInput label={t('partners.fields.email')} value={v.email} onChange={set('email')} error={errors.email} />
        <TextInput label={t('partners.fields.website')} value={v.website} onChange={set('website')} error={errors.website} />
        <TextInput
          label={t('partners.fields.tags')}
          description={t('partners.fields.tagsHint')}
          value={v.tags}
          onChange={set('tags')}
          error={errors.tags}
        />
      </SimpleGrid>
      <Textarea
        label={t('partners.fields.services')}
        autosize
        minRows={2}
        value={v.services}
        onChange={set('services')}
        error={errors.services}
      />
      <TextInput label={t('partners.fields.audience')} value={v.audience} onChange={set('audience')} error={errors.audience} />
      <Textarea label={t('partners.fields.note')} autosize minRows={1} value={v.note} onChange={set('note')} error={errors.note} />
      {partner && (
        <Checkbox
          label={t('partners.fields.active')}
          checked={v.active}
          onChange={(e) => setV({ ...v, active: e.currentTarget.checked })}
        />
      )}
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {partner ? t('common.save') : t('common.create')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ContactForm({ partnerId, contact, onDone }: { partnerId: string; contact?: ContactView; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({
    name: contact?.name ?? '',
    position: contact?.position ?? '',
    phone: contact?.phone ?? '',
    email: contact?.email ?? '',
    active: contact?.active ?? true,
  });
  const set = (field: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [field]: e.currentTarget.value });
  const save = useMutation({
    mutationFn: async () => {
      const { active, ...body } = v;
      if (contact) await partnersApi.updateContact(contact.id, { ...body, active, version: contact.version });
      else await partnersApi.addContact(partnerId, body, key);
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: partnerKeys.all });
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <TextInput label={t('partners.fields.contactName')} withAsterisk value={v.name} onChange={set('name')} error={errors.name} />
      <TextInput label={t('partners.fields.position')} value={v.position} onChange={set('position')} error={errors.position} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('partners.fields.phone')} value={v.phone} onChange={set('phone')} error={errors.phone} />
        <TextInput label={t('partners.fields.email')} value={v.email} onChange={set('email')} error={errors.email} />
      </SimpleGrid>
      {contact && (
        <Checkbox
          label={t('partners.fields.active')}
          checked={v.active}
          onChange={(e) => setV({ ...v, active: e.currentTarget.checked })}
        />
      )}
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export function AgreementForm({ partnerId, agreement, onDone }: { partnerId: string; agreement?: AgreementView; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({
    number: agreement?.number ?? '',
    signedOn: agreement?.signedOn ?? '',
    validFrom: agreement?.validFrom ?? '',
    validTo: agreement?.validTo ?? '',
    subject: agreement?.subject ?? '',
  });
  const set = (field: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [field]: e.currentTarget.value });
  const save = useMutation({
    mutationFn: async () => {
      const body = { ...v, validTo: v.validTo || null };
      if (agreement) await partnersApi.updateAgreement(agreement.id, { ...body, version: agreement.version });
      else await partnersApi.addAgreement(partnerId, body, key);
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: partnerKeys.all });
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <TextInput label={t('partners.fields.number')} withAsterisk value={v.number} onChange={set('number')} error={errors.number} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          type="date"
          label={t('partners.fields.signedOn')}
          withAsterisk
          value={v.signedOn}
          onChange={set('signedOn')}
          error={errors.signedOn}
        />
        <TextInput
          type="date"
          label={t('partners.fields.validFrom')}
          withAsterisk
          value={v.validFrom}
          onChange={set('validFrom')}
          error={errors.validFrom}
        />
        <TextInput
          type="date"
          label={t('partners.fields.validTo')}
          description={t('partners.fields.validToHint')}
          value={v.validTo}
          onChange={set('validTo')}
          error={errors.validTo}
        />
      </SimpleGrid>
      <Textarea
        label={t('partners.fields.subject')}
        autosize
        minRows={1}
        value={v.subject}
        onChange={set('subject')}
        error={errors.subject}
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
