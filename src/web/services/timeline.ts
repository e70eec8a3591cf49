// Lines of the case timeline for the events of services and group work (service_recorded,
// service_withdrawn, group_attended). Type names come from the loaded catalogue, else from the
// shipped one, else the code.
import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../domain/cases/contracts.js';
import { GROUP_KINDS, type ServiceTypeView } from '../../domain/services/contracts.js';
import { SHIPPED_SERVICE_TYPES } from '../../domain/services/shipped.js';
import { formatDate } from '../app/format.js';
import { currentLanguage } from '../app/i18n.js';
import { queryClient } from '../app/queryClient.js';
import { serviceKeys } from './api.js';

export const SERVICE_EVENT_KINDS = ['service_recorded', 'service_withdrawn', 'group_attended'] as const;

function typeNameByCode(code: unknown): string {
  if (typeof code !== 'string') return '';
  const language = currentLanguage();
  const loaded = queryClient.getQueryData<{ items: ServiceTypeView[] }>(serviceKeys.types)?.items.find((type) => type.code === code);
  const shipped = SHIPPED_SERVICE_TYPES.find((type) => type.code === code);
  return (loaded ?? shipped)?.name[language] ?? code;
}

export function serviceEventLines(t: TFunction, event: TimelineEvent): string[] {
  const data = event.data;
  const date = typeof data.date === 'string' ? formatDate(data.date) : '';
  switch (event.kind) {
    case 'service_recorded': {
      const minutes = typeof data.durationMinutes === 'number' ? t('services.minutes', { count: data.durationMinutes }) : '';
      const initiated = data.initiatedBy === 'client' ? t('services.clientInitiated') : '';
      return [typeNameByCode(data.typeCode), [date, minutes, initiated].filter(Boolean).join(' · ')].filter(Boolean);
    }
    case 'service_withdrawn':
      return typeof data.reason === 'string' && data.reason ? [data.reason] : [];
    case 'group_attended': {
      const kind = (GROUP_KINDS as readonly unknown[]).includes(data.kind)
        ? t(`groups.kinds.${data.kind as (typeof GROUP_KINDS)[number]}`)
        : '';
      return [[kind, typeof data.topic === 'string' ? `«${data.topic}»` : ''].filter(Boolean).join(': '), date].filter(Boolean);
    }
    default:
      return [];
  }
}
