// Choosing a facility of the user's branches (journal, figures).
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { housingApi, housingKeys } from './api.js';

export function useFacilities() {
  return useQuery({ queryKey: housingKeys.facilities, queryFn: housingApi.facilities, select: (data) => data.items });
}

export function FacilityPicker({
  value,
  onChange,
  allowAll = false,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  allowAll?: boolean;
}) {
  const { t } = useTranslation();
  const facilities = useFacilities();
  return (
    <Select
      label={t('housing.fields.facility')}
      placeholder={allowAll ? t('housing.fields.allFacilities') : undefined}
      clearable={allowAll}
      data={(facilities.data ?? []).map((f) => ({ value: f.id, label: `${f.name} (${f.branchName})` }))}
      value={value}
      onChange={onChange}
      maw={420}
    />
  );
}
