// Picks one of the caller's cases by family name (GET /api/cases?q=), asked as the user types.
import { useState } from 'react';
import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { caseKeys, casesApi } from '../cases/api.js';

export interface PickedCase {
  id: string;
  familyName: string;
}

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: PickedCase | null;
  onChange: (picked: PickedCase | null) => void;
  /** Only cases that are still open (not closed). */
  openOnly?: boolean;
};

export function CasePicker({ value, onChange, openOnly = true, ...props }: Props) {
  const [search, setSearch] = useState(value?.familyName ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const typing = debounced !== (value?.familyName ?? '');
  const query = { q: typing ? debounced : '', pageSize: 20, sort: 'name' as const };
  const cases = useQuery({
    queryKey: caseKeys.list({ picker: true, ...query }),
    queryFn: () => casesApi.list(query),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    select: (data) => data.items.filter((item) => !openOnly || item.status !== 'closed'),
  });
  const options = new Map((cases.data ?? []).map((item) => [item.id, { value: item.id, label: item.familyName }]));
  if (value) options.set(value.id, { value: value.id, label: value.familyName });
  return (
    <Select
      searchable
      clearable
      {...props}
      data={[...options.values()]}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={cases.isFetching ? undefined : '—'}
      rightSection={cases.isFetching ? <Loader size={14} /> : undefined}
      onChange={(id) => {
        const label = id ? options.get(id)?.label : undefined;
        onChange(id && label ? { id, familyName: label } : null);
      }}
    />
  );
}
