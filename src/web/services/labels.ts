// Small helpers of the services area: type names in the UI language, hours, months, and the order
// of service types in pickers (the ones this person uses most come first).
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ServiceTypeView } from '../../domain/services/contracts.js';
import { SHIPPED_SERVICE_TYPES } from '../../domain/services/shipped.js';
import { currentLanguage, intlLocale } from '../app/i18n.js';
import { useMe } from '../app/session.js';
import { serviceKeys, servicesApi } from './api.js';

export const DURATION_PRESETS = [30, 45, 60, 90] as const;
export const DEFAULT_DURATION = 60;

export function typeName(type: Pick<ServiceTypeView, 'name'>): string {
  return type.name[currentLanguage()];
}

/** Minutes as hours in the reader's notation: «1,5» in Russian, "1.5" in English. */
export function formatHours(minutes: number): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(Math.round((minutes / 60) * 10) / 10);
}

/** "YYYY-MM" of today. */
export function currentMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return new Intl.DateTimeFormat(intlLocale(), { month: 'long', year: 'numeric' }).format(new Date(year, m - 1, 1));
}

export function useServiceTypes() {
  return useQuery({ queryKey: serviceKeys.types, queryFn: servicesApi.types, select: (data) => data.items, staleTime: 5 * 60_000 });
}

// How often this browser's user picked each type: the quick form offers the most used first.
const USE_KEY = 'hearth.serviceTypeUse';

function readUse(): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(USE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function rememberTypeUse(typeIds: readonly string[]): void {
  const use = readUse();
  for (const id of typeIds) use[id] = (use[id] ?? 0) + 1;
  try {
    window.localStorage.setItem(USE_KEY, JSON.stringify(use));
  } catch {
    // No storage (private mode): the order simply stays the catalogue's.
  }
}

// Before anything is recorded, a person's role says which help she most likely gives.
const ROLE_CATEGORY: Partial<Record<string, ServiceTypeView['category']>> = {
  psychologist: 'psychological',
  lawyer: 'legal',
  case_worker: 'social',
  coordinator: 'social',
  supervisor: 'post_support',
};
const SHIPPED_ORDER = new Map(SHIPPED_SERVICE_TYPES.map((type, index) => [type.code, index]));

/** Active types, most used first: this user's picks and month, then her role's category, then the shipped order. */
export function typesByUse(
  types: readonly ServiceTypeView[] | undefined,
  { used = new Map<string, number>(), roles = [] as readonly string[] } = {},
) {
  const picks = readUse();
  const categories = new Set(roles.map((role) => ROLE_CATEGORY[role]).filter(Boolean));
  const score = (type: ServiceTypeView) => (picks[type.id] ?? 0) + (used.get(type.id) ?? 0) + (categories.has(type.category) ? 0.5 : 0);
  const order = (type: ServiceTypeView) => SHIPPED_ORDER.get(type.code) ?? SHIPPED_ORDER.size;
  return (types ?? [])
    .map((type, index) => ({ type, index }))
    .filter(({ type }) => !type.retired)
    .sort((a, b) => score(b.type) - score(a.type) || order(a.type) - order(b.type) || a.index - b.index)
    .map(({ type }) => type);
}

export function typeOptions(types: readonly ServiceTypeView[]) {
  return types.map((type) => ({ value: type.id, label: typeName(type) }));
}

/** The active types in the order this user most likely wants them. */
export function useTypesByUse() {
  const me = useMe();
  const types = useServiceTypes();
  const month = currentMonth();
  const workload = useQuery({
    queryKey: serviceKeys.workloadOf(month, me.id),
    queryFn: () => servicesApi.workload(month, me.id),
    staleTime: 60_000,
    retry: false,
  });
  return useMemo(() => {
    const used = new Map<string, number>();
    for (const row of workload.data?.rows ?? []) if (row.userId === me.id) used.set(row.typeId, (used.get(row.typeId) ?? 0) + row.count);
    return typesByUse(types.data, { used, roles: me.roles });
  }, [types.data, workload.data, me.id, me.roles]);
}
