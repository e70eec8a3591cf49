// The case page's services: a «record a service» card near the top (the quick form opens in place)
// and the family's service history with filters and totals (count and hours).
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconLock, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import { SERVICE_CATEGORIES, type ServiceView } from '../../domain/services/contracts.js';
import { formatDate } from '../app/format.js';
import { useCan, useMe } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { serviceKeys, servicesApi } from './api.js';
import { formatHours, typeName, useServiceTypes } from './labels.js';
import { RecordServiceForm } from './RecordServiceForm.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { useInlineForm } from '../app/focus.js';
import { AttachmentsButton } from '../files/AttachmentsPanel.js';

/** The quick «record a service» card; shown while the case is open (intake, support, post-support). */
export function CaseServicesCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { open, show, hide, trigger, container } = useInlineForm();
  useServiceTypes(); // the timeline names service types from the loaded catalogue
  if (detail.case.status === 'closed') return null;
  return (
    <Card withBorder padding="sm" component="section" aria-label={t('services.recordTitle')}>
      {open ? (
        <Stack gap="xs" ref={container} tabIndex={-1} style={{ outline: 'none' }}>
          <Title order={4}>{t('services.recordTitle')}</Title>
          <RecordServiceForm caseId={detail.case.id} members={detail.family.members} onDone={hide} />
        </Stack>
      ) : (
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {t('services.title')}
          </Text>
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={show} ref={trigger}>
            {t('services.record')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

function WithdrawModal({ service, caseId, onClose }: { service: ServiceView | null; caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () => servicesApi.withdraw(service!.id, reason),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: serviceKeys.history(caseId) }),
        client.invalidateQueries({ queryKey: caseKeys.one(caseId) }),
        client.invalidateQueries({ queryKey: serviceKeys.workload }),
      ]);
      setReason('');
      onClose();
    },
  });
  return (
    <Modal opened={service !== null} onClose={onClose} title={t('services.withdrawTitle')}>
      <Stack gap="sm">
        <Textarea
          label={t('services.withdrawReason')}
          withAsterisk
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <FormError error={withdraw.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" disabled={reason.trim() === ''} loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
            {t('services.withdraw')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ServiceRow({ service, onWithdraw }: { service: ServiceView; onWithdraw?: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs" data-testid="service-row" opacity={service.withdrawn ? 0.6 : 1}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} td={service.withdrawn ? 'line-through' : undefined}>
            {service.typeName}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDate(service.date)} · {t('services.minutes', { count: service.durationMinutes })} ·{' '}
            {t(`services.formats.${service.format}`)} · {service.specialists.map((person) => person.name).join(', ')}
          </Text>
          {service.note === null ? (
            <Group gap={4}>
              <IconLock size={12} color="var(--mantine-color-dimmed)" />
              <Text size="xs" c="dimmed">
                {t('services.noteHidden')}
              </Text>
            </Group>
          ) : (
            service.note && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {service.note}
              </Text>
            )
          )}
          {service.withdrawn && service.withdrawnReason && (
            <Text size="xs" c="red">
              {t('services.withdrawn')}: {service.withdrawnReason}
            </Text>
          )}
        </Stack>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          {service.initiatedBy === 'client' && (
            <Badge size="xs" variant="light" color="teal">
              {t('services.clientInitiated')}
            </Badge>
          )}
          <AttachmentsButton ownerKind="service" ownerId={service.id} />
          {service.withdrawn ? (
            <Badge size="xs" color="gray">
              {t('services.withdrawn')}
            </Badge>
          ) : (
            onWithdraw && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={onWithdraw}>
                {t('services.withdraw')}
              </Button>
            )
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

const PAGE_SIZE = 20;

/** The family's service history with filters (type, category, specialist, period) and totals. */
export function CaseServiceHistory({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const caseId = detail.case.id;
  const types = useServiceTypes();
  const [filters, setFilters] = useState({ typeId: '', category: '', specialistId: '', from: '', to: '' });
  const [page, setPage] = useState(1);
  const [withdrawing, setWithdrawing] = useState<ServiceView | null>(null);
  const query = { ...filters, page, pageSize: PAGE_SIZE } as const;
  const history = useQuery({
    queryKey: serviceKeys.historyQuery(caseId, query),
    queryFn: () =>
      servicesApi.history(caseId, {
        ...query,
        typeId: query.typeId || undefined,
        category: (query.category || undefined) as (typeof SERVICE_CATEGORIES)[number] | undefined,
        specialistId: query.specialistId || undefined,
        from: query.from || undefined,
        to: query.to || undefined,
      }),
    placeholderData: keepPreviousData,
  });
  const set = (key: keyof typeof filters) => (value: string | null) => {
    setFilters((current) => ({ ...current, [key]: value ?? '' }));
    setPage(1);
  };
  const canWithdraw = (service: ServiceView) =>
    can('cases.manage') || detail.case.leadId === me.id || service.specialists.some((s) => s.id === me.id);
  const specialists = detail.case.team.map((member) => ({ value: member.userId, label: member.name }));
  const uniqueSpecialists = [
    ...new Map([{ value: detail.case.leadId, label: detail.case.leadName }, ...specialists].map((o) => [o.value, o])).values(),
  ];
  return (
    <Stack gap="sm" data-testid="service-history">
      <ExportButtons url={`/api/cases/${caseId}/services`} query={filters} testId="services-export" />
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="xs">
        <Select
          aria-label={t('services.type')}
          placeholder={t('services.anyType')}
          clearable
          searchable
          size="xs"
          data={(types.data ?? []).map((type) => ({ value: type.id, label: typeName(type) }))}
          value={filters.typeId || null}
          onChange={set('typeId')}
        />
        <Select
          aria-label={t('services.catalogue.category')}
          placeholder={t('services.anyCategory')}
          clearable
          size="xs"
          data={SERVICE_CATEGORIES.map((category) => ({ value: category, label: t(`services.categories.${category}`) }))}
          value={filters.category || null}
          onChange={set('category')}
        />
        <Select
          aria-label={t('services.specialists')}
          placeholder={t('services.anySpecialist')}
          clearable
          size="xs"
          data={uniqueSpecialists}
          value={filters.specialistId || null}
          onChange={set('specialistId')}
        />
        <TextInput
          type="date"
          size="xs"
          aria-label={t('common.from')}
          leftSection={<Text size="xs">{t('common.from')}</Text>}
          value={filters.from}
          onChange={(e) => set('from')(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          size="xs"
          aria-label={t('common.to')}
          leftSection={<Text size="xs">{t('common.to')}</Text>}
          value={filters.to}
          onChange={(e) => set('to')(e.currentTarget.value)}
        />
      </SimpleGrid>
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <EmptyState>{t('services.historyEmpty')}</EmptyState>
      ) : (
        <>
          <Text size="sm" fw={600} data-testid="service-totals">
            {t('services.totals', { count: history.data.total, hours: formatHours(history.data.totalMinutes) })}
          </Text>
          <Stack gap={6}>
            {history.data.items.map((service) => (
              <ServiceRow
                key={service.id}
                service={service}
                onWithdraw={canWithdraw(service) ? () => setWithdrawing(service) : undefined}
              />
            ))}
          </Stack>
          {history.data.total > PAGE_SIZE && (
            <Pagination size="sm" value={page} onChange={setPage} total={Math.ceil(history.data.total / PAGE_SIZE)} />
          )}
        </>
      )}
      <WithdrawModal service={withdrawing} caseId={caseId} onClose={() => setWithdrawing(null)} />
    </Stack>
  );
}
