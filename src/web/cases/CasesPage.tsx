// The caseload: a social worker opens her cases, a coordinator scans a branch. Filters live in the
// address; the list is a compact table on a desk and cards on a phone.
import { useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconFilter, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../domain/cases/contracts.js';
import { CASE_STATUSES, type CaseStatus } from '../../domain/cases/lifecycle.js';
import { RISK_FLAGS } from '../../domain/cases/sensitive.js';
import { useBranches, useProgrammes } from '../access/queries.js';
import { Page } from '../app/Page.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { CASE_PAGE_SIZE } from '../app/first-requests.js';
import { caseKeys, casesApi } from './api.js';
import { ageCode, CASE_STATUS_COLOR } from './labels.js';
import { CaseLink } from './links.js';
import { staffOptions, useStaff } from './queries.js';
import type { CaseSearch } from './search.js';

/** Shared with the boot script's request (first-requests.ts). */
const PAGE_SIZE = CASE_PAGE_SIZE;
const SORTS = ['updated', 'opened', 'name', 'days'] as const;

function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={CASE_STATUS_COLOR[status]} variant="light" size="sm">
      {t(`cases.statuses.${status}`)}
    </Badge>
  );
}

function Flags({ item }: { item: CaseSummary }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {item.missingConsent && (
        <Tooltip label={t('consent.missingTitle')}>
          <Badge color="orange" variant="outline" size="sm" leftSection={<IconAlertTriangle size={12} />}>
            {t('cases.missingConsent')}
          </Badge>
        </Tooltip>
      )}
      {item.riskFlags.map((flag) => (
        <Badge key={flag} color="red" variant="light" size="sm">
          {t(`cases.riskFlags.${flag}`)}
        </Badge>
      ))}
    </Group>
  );
}

function Children({ item }: { item: CaseSummary }) {
  const { t } = useTranslation();
  if (item.childrenAges.length === 0) return <Text c="dimmed">—</Text>;
  return <Text size="sm">{item.childrenAges.map((code) => ageCode(t, code)).join(', ')}</Text>;
}

function FamilyLink({ item }: { item: CaseSummary }) {
  return (
    <CaseLink caseId={item.id} fw={600}>
      {item.familyName}
    </CaseLink>
  );
}

function CaseTable({ items }: { items: CaseSummary[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.family')}</Table.Th>
            <Table.Th>{t('cases.children')}</Table.Th>
            <Table.Th>{t('cases.status')}</Table.Th>
            <Table.Th>{t('cases.programme')}</Table.Th>
            <Table.Th>{t('cases.lead')}</Table.Th>
            <Table.Th>{t('cases.flags')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <FamilyLink item={item} />
              </Table.Td>
              <Table.Td>
                <Children item={item} />
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <StatusBadge status={item.status} />
                  <Text size="xs" c="dimmed">
                    {t('cases.days', { count: item.daysInProgramme })}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.programmeName}</Text>
                <Text size="xs" c="dimmed">
                  {item.branchName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.leadName}</Text>
              </Table.Td>
              <Table.Td>
                <Flags item={item} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CaseCards({ items }: { items: CaseSummary[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {items.map((item) => (
        <Card key={item.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <FamilyLink item={item} />
            <StatusBadge status={item.status} />
          </Group>
          <Group gap="xs" mt={4}>
            <Children item={item} />
            <Text size="xs" c="dimmed">
              · {t('cases.days', { count: item.daysInProgramme })} · {item.leadName}
            </Text>
          </Group>
          <Flags item={item} />
        </Card>
      ))}
    </Stack>
  );
}

function Filters({ search, apply }: { search: CaseSearch; apply: (next: CaseSearch) => void }) {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  const branches = useBranches();
  const staff = useStaff();
  const phone = useMediaQuery('(max-width: 48em)');
  const [opened, { toggle }] = useDisclosure(false);
  const [q, setQ] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  useEffect(() => {
    if ((search.q ?? '') !== debounced.trim()) apply({ ...search, q: debounced.trim() || undefined, page: undefined });
    // Only a change of the typed text should search; the other filters apply themselves.
  }, [debounced]);
  const set = (patch: CaseSearch) => apply({ ...search, ...patch, page: undefined });
  const selects = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="xs">
      <Select
        aria-label={t('cases.programme')}
        placeholder={t('cases.anyProgramme')}
        data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={search.programmeId ?? null}
        onChange={(value) => set({ programmeId: value ?? undefined })}
        clearable
        searchable
      />
      <Select
        aria-label={t('cases.branch')}
        placeholder={t('cases.anyBranch')}
        data={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        value={search.branchId ?? null}
        onChange={(value) => set({ branchId: value ?? undefined })}
        clearable
      />
      <Select
        aria-label={t('cases.lead')}
        placeholder={t('cases.anyLead')}
        data={staffOptions(staff.data)}
        value={search.leadId ?? null}
        onChange={(value) => set({ leadId: value ?? undefined })}
        clearable
        searchable
      />
      <Select
        aria-label={t('cases.flags')}
        placeholder={t('cases.anyFlag')}
        data={RISK_FLAGS.map((flag) => ({ value: flag, label: t(`cases.riskFlags.${flag}`) }))}
        value={search.flag ?? null}
        onChange={(value) => set({ flag: (value as CaseSearch['flag']) ?? undefined })}
        clearable
      />
      <Select
        aria-label={t('cases.sort')}
        data={SORTS.map((sort) => ({ value: sort, label: t(`cases.sorts.${sort}`) }))}
        value={search.sort ?? 'updated'}
        onChange={(value) => set({ sort: (value as CaseSearch['sort']) ?? undefined })}
        allowDeselect={false}
      />
    </SimpleGrid>
  );
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="nowrap">
        <TextInput
          aria-label={t('cases.search')}
          placeholder={t('cases.search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          style={{ flex: 1 }}
          type="search"
        />
        <Switch
          label={t('cases.mine')}
          checked={search.mine === 'true'}
          onChange={(event) => set({ mine: event.currentTarget.checked ? 'true' : undefined })}
        />
        {phone && (
          <Button variant="default" onClick={toggle} aria-expanded={opened} px="xs" aria-label={t('cases.filters')}>
            <IconFilter size={18} />
          </Button>
        )}
      </Group>
      {phone ? <Collapse expanded={opened}>{selects}</Collapse> : selects}
    </Stack>
  );
}

export function CasesPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/cases' });
  const navigate = useNavigate({ from: '/cases' });
  const phone = useMediaQuery('(max-width: 48em)');
  const query = { ...search, pageSize: PAGE_SIZE };
  const list = useQuery({ queryKey: caseKeys.list(query), queryFn: () => casesApi.list(query), placeholderData: keepPreviousData });
  const apply = (next: CaseSearch) => void navigate({ search: next });
  const counts = list.data?.counts;
  const allCount = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
  const page = search.page ?? 1;
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const tab = (label: string, count: number | null | undefined) => (
    <Group gap={6} wrap="nowrap">
      <span>{label}</span>
      {count != null && (
        <Badge size="xs" variant="light" color="gray" circle={count < 10}>
          {count}
        </Badge>
      )}
    </Group>
  );
  return (
    <Page title={t('cases.title')} actions={<ExportButtons url="/api/cases" query={search} testId="cases-export" />}>
      <Tabs
        value={search.status ?? 'all'}
        onChange={(value) => apply({ ...search, status: value === 'all' || !value ? undefined : (value as CaseStatus), page: undefined })}
      >
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
          <Tabs.Tab value="all">{tab(t('cases.allStatuses'), allCount)}</Tabs.Tab>
          {CASE_STATUSES.map((status) => (
            <Tabs.Tab key={status} value={status}>
              {tab(t(`cases.statuses.${status}`), counts?.[status])}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Filters search={search} apply={apply} />
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('cases.empty')}</EmptyState>
      ) : (
        <>
          {phone ? <CaseCards items={list.data.items} /> : <CaseTable items={list.data.items} />}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('common.total', { count: list.data.total })}
            </Text>
            {pages > 1 && <Pagination total={pages} value={page} onChange={(next) => apply({ ...search, page: next })} size="sm" />}
          </Group>
        </>
      )}
    </Page>
  );
}
