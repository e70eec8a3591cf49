// Small helpers of the aid area: item names and units in the UI language, quantities in the
// reader's notation, and the catalogue as a lookup.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { AidItemView } from '../../domain/aid/contracts.js';
import { currentLanguage, i18n, intlLocale } from '../app/i18n.js';
import { aidApi, aidKeys } from './api.js';

export const isoToday = () => new Date().toISOString().slice(0, 10);

export function itemName(item: Pick<AidItemView, 'name'> | undefined): string {
  return item ? item.name[currentLanguage()] : '—';
}

/** «2,5 м³», "3 packs": the quantity with the item's unit. */
export function quantityText(quantity: number, item: Pick<AidItemView, 'unit'> | undefined): string {
  const number = new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 3 }).format(quantity);
  return item ? `${number} ${i18n.t(`aid.units.${item.unit}`)}` : number;
}

export function useAidItems() {
  const query = useQuery({ queryKey: aidKeys.items, queryFn: aidApi.items, select: (data) => data.items, staleTime: 60_000 });
  const byId = useMemo(() => new Map((query.data ?? []).map((item) => [item.id, item])), [query.data]);
  return { ...query, byId };
}

/** Items offered in a picker: the active ones, grouped by kind, with their variant. */
export function itemOptions(items: readonly AidItemView[], filter: (item: AidItemView) => boolean = () => true) {
  return items
    .filter((item) => !item.retired && filter(item))
    .map((item) => ({
      value: item.id,
      label: `${itemName(item)} (${i18n.t(`aid.units.${item.unit}`)})`,
      group: i18n.t(`aid.kinds.${item.kind}`),
    }))
    .reduce<{ group: string; items: { value: string; label: string }[] }[]>((groups, option) => {
      const group = groups.find((g) => g.group === option.group) ?? groups[groups.push({ group: option.group, items: [] }) - 1]!;
      group.items.push({ value: option.value, label: option.label });
      return groups;
    }, []);
}
