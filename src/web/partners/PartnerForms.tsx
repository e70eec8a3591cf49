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

/**
 * One form of the directory: its values, a text field's binding by name (value, change, the server's
 * error on it), and the save that says so, refreshes the directory and hands back the answer.
 */
function useDirectoryForm<T extends Record<string, string | boolean>, R>(
  initial: T,
  send: (values: T, idempotencyKey: string) => Promise<R>,
  onDone: (saved: R) => void,
  message: string,
) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState(initial);
  const save = useMutation({
    mutationFn: () => send(v, key),
    onSuccess: async (saved) => {
      notifications.show({ color: 'green', message });
      await client.invalidateQueries({ queryKey: partnerKeys.all });
      onDone(saved);
    },
  });
  const errors = errorsByPath(save.error);
  const field = (name: keyof T & string) => ({
    value: v[name] as string,
    onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [name]: e.currentTarget.value }),
    error: errors[name],
  });
  return { v, setV, save, errors, field };
}

/** The «active» box of a record being changed (a new one is active). */
function ActiveBox({ shown, checked, onChange }: { shown: boolean; checked: boolean; onChange: (active: boolean) => void }) {
  const { t } = useTranslation();
  if (!shown) return null;
  return <Checkbox label={t('partners.fields.active')} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />;
}

/** The form's error that names no field, and its save button. */
function SaveRow({ save, label }: { save: { error: unknown; isPending: boolean; mutate: () => void }; label: string }) {
  return (
    <>
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {label}
        </Button>
      </Group>
    </>
  );
}

export function PartnerForm({ partner, onDone }: { partner?: PartnerView; onDone: (partner: PartnerView) => void }) {
  const { t } = useTranslation();
  const { v, setV, save, errors, field } = useDirectoryForm(
    {
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
    },
    (values, key) => {
      const { active, ...rest } = values;
      const body = { ...rest, phones: splitList(values.phones), tags: splitList(values.tags) };
      return partner ? partnersApi.update(partner.id, { ...body, active, version: partner.version }) : partnersApi.create(body, key);
    },
    onDone,
    t('partners.directory.saved'),
  );
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
        <TextInput label={t('partners.fields.name')} withAsterisk {...field('name')} />
        <TextInput label={t('partners.fields.region')} {...field('region')} />
        <TextInput label={t('partners.fields.city')} {...field('city')} />
        <TextInput label={t('partners.fields.district')} {...field('district')} />
        <TextInput label={t('partners.fields.address')} {...field('address')} />
        <TextInput label={t('partners.fields.phones')} description={t('partners.fields.phonesHint')} {...field('phones')} />
        <TextInput label={t('partners.fields.email')} {...field('email')} />
        <TextInput label={t('partners.fields.website')} {...field('website')} />
        <TextInput label={t('partners.fields.tags')} description={t('partners.fields.tagsHint')} {...field('tags')} />
      </SimpleGrid>
      <Textarea label={t('partners.fields.services')} autosize minRows={2} {...field('services')} />
      <TextInput label={t('partners.fields.audience')} {...field('audience')} />
      <Textarea label={t('partners.fields.note')} autosize minRows={1} {...field('note')} />
      <ActiveBox shown={Boolean(partner)} checked={v.active} onChange={(active) => setV({ ...v, active })} />
      <SaveRow save={save} label={partner ? t('common.save') : t('common.create')} />
    </Stack>
  );
}

export function ContactForm({ partnerId, contact, onDone }: { partnerId: string; contact?: ContactView; onDone: () => void }) {
  const { t } = useTranslation();
  const { v, setV, save, field } = useDirectoryForm(
    {
      name: contact?.name ?? '',
      position: contact?.position ?? '',
      phone: contact?.phone ?? '',
      email: contact?.email ?? '',
      active: contact?.active ?? true,
    },
    async ({ active, ...body }, key) => {
      if (contact) await partnersApi.updateContact(contact.id, { ...body, active, version: contact.version });
      else await partnersApi.addContact(partnerId, body, key);
    },
    onDone,
    t('common.saved'),
  );
  return (
    <Stack gap="sm">
      <TextInput label={t('partners.fields.contactName')} withAsterisk {...field('name')} />
      <TextInput label={t('partners.fields.position')} {...field('position')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('partners.fields.phone')} {...field('phone')} />
        <TextInput label={t('partners.fields.email')} {...field('email')} />
      </SimpleGrid>
      <ActiveBox shown={Boolean(contact)} checked={v.active} onChange={(active) => setV({ ...v, active })} />
      <SaveRow save={save} label={t('common.save')} />
    </Stack>
  );
}

export function AgreementForm({ partnerId, agreement, onDone }: { partnerId: string; agreement?: AgreementView; onDone: () => void }) {
  const { t } = useTranslation();
  const { save, field } = useDirectoryForm(
    {
      number: agreement?.number ?? '',
      signedOn: agreement?.signedOn ?? '',
      validFrom: agreement?.validFrom ?? '',
      validTo: agreement?.validTo ?? '',
      subject: agreement?.subject ?? '',
    },
    async (values, key) => {
      const body = { ...values, validTo: values.validTo || null };
      if (agreement) await partnersApi.updateAgreement(agreement.id, { ...body, version: agreement.version });
      else await partnersApi.addAgreement(partnerId, body, key);
    },
    onDone,
    t('common.saved'),
  );
  return (
    <Stack gap="sm">
      <TextInput label={t('partners.fields.number')} withAsterisk {...field('number')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput type="date" label={t('partners.fields.signedOn')} withAsterisk {...field('signedOn')} />
        <TextInput type="date" label={t('partners.fields.validFrom')} withAsterisk {...field('validFrom')} />
        <TextInput type="date" label={t('partners.fields.validTo')} description={t('partners.fields.validToHint')} {...field('validTo')} />
      </SimpleGrid>
      <Textarea label={t('partners.fields.subject')} autosize minRows={1} {...field('subject')} />
      <SaveRow save={save} label={t('common.save')} />
    </Stack>
  );
}
