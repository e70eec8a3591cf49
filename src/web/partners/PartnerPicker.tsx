// Choosing a partner of the directory (and one of its contact people) in the referral and
// signposting forms. Shown only to holders of partners.read — the contact people are personal data.
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../app/session.js';
import { partnerKeys, partnersApi } from './api.js';

export function usePartnerOptions() {
  const can = useCan();
  const enabled = can('partners.read');
  const options = useQuery({ queryKey: partnerKeys.options, queryFn: partnersApi.options, enabled });
  return { enabled, items: options.data?.items ?? [] };
}

export function PartnerSelect({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { enabled, items } = usePartnerOptions();
  if (!enabled) return null;
  return (
    <Select
      label={label}
      placeholder={t('partners.referral.choosePartner')}
      clearable
      searchable
      data={items.map((p) => ({ value: p.id, label: p.city ? `${p.name} (${p.city})` : p.name }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

export function PartnerContactSelect({
  partnerId,
  value,
  onChange,
  error,
}: {
  partnerId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { enabled, items } = usePartnerOptions();
  const partner = items.find((p) => p.id === partnerId);
  if (!enabled || !partner || partner.contacts.length === 0) return null;
  return (
    <Select
      label={t('partners.referral.chooseContact')}
      clearable
      data={partner.contacts.map((c) => ({ value: c.id, label: c.position ? `${c.name}, ${c.position}` : c.name }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
