// The audit log viewer. With the filters an admin answers "which records did user X open between
// T1 and T2": choose the person, the action "read", and the period.
import { Group, Pagination, Paper, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import type { AuditSearch } from './search.js';

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/admin/audit' });
  const navigate = useNavigate({ from: '/admin/audit' });
  const page = search.page ?? 1;
  const entries = useQuery({
    queryKey: ['audit', search],
    queryFn: () => api.audit.list({ ...search, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const apply = (next: AuditSearch) => void navigate({ search: next });
  const pages = entries.data ? Math.max(1, Math.ceil(entries.data.total / PAGE_SIZE)) : 1;
  const filtered = Object.keys(search).some((key) => key !== 'page' && key !== 'pageSize');
  return (
    <Page title={t('audit.title')}>
      <Text size="sm" c="dimmed">
        {t('web.audit.hint')}
      </Text>
      <Paper withBorder p="md">
        <AuditFilters key={JSON.stringify(search)} search={search} onApply={apply} />
      </Paper>
      {entries.isPending ? (
        <LoadingState />
      ) : entries.isError ? (
        <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
      ) : entries.data.items.length === 0 ? (
        <EmptyState>{filtered ? t('web.nothingFound') : t('common.empty')}</EmptyState>
      ) : (
        <>
          <AuditTable entries={entries.data.items} />
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" data-testid="audit-total">
              {t('common.total', { count: entries.data.total })}
            </Text>
            {pages > 1 && (
              <Pagination total={pages} value={page} onChange={(next) => void navigate({ search: { ...search, page: next } })} size="sm" />
            )}
          </Group>
        </>
      )}
    </Page>
  );
}
