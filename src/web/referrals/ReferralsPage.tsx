// The referral queue: on Monday morning the coordinator sees what is open, the most urgent and the
// longest waiting first, with those waiting too long flagged; a new referral is one click away.
import { useState } from 'react';
import { Badge, Button, Group, Modal, Pagination, Paper, Select, Stack, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconClockExclamation, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ReferralListQuery, ReferralView } from '../../domain/referrals/contracts.js';
import { useBranches } from '../access/queries.js';
import { formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { REFERRAL_STATUS_COLOR, URGENCY_COLOR } from '../cases/labels.js';
import { ReferralLink } from '../cases/links.js';
import { REFERRAL_TABS as TABS, type ReferralSearch, type ReferralTab as Tab } from '../cases/search.js';
import { referralKeys, referralsApi } from './api.js';
import { DuplicateChecks } from './DuplicateChecks.js';
import { ReferralForm } from './ReferralForm.js';
import { ExportButtons } from '../documents/ExportButtons.js';

const PAGE_SIZE = 30;

/** The list query of a tab: open ones by default, as the coordinator works them. */
function queryOf(tab: Tab): Partial<z.input<typeof ReferralListQuery>> {
  switch (tab) {
    case 'open':
      return { open: 'true' };
    case 'overdue':
      return { overdue: 'true' };
    case 'closed':
      return { open: 'false' };
    case 'all':
      return {};
    case 'new':
    case 'intake_scheduled':
    case 'waitlisted':
      return { status: tab };
  }
}

export function clientName(referral: ReferralView): string {
  return [referral.clientLastName, referral.clientFirstName, referral.clientMiddleName].filter(Boolean).join(' ');
}

function ReferralRow({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" style={{ borderLeft: `4px solid var(--mantine-color-${URGENCY_COLOR[referral.urgency]}-6)` }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <ReferralLink referralId={referral.id} fw={600}>
              {clientName(referral)}
            </ReferralLink>
            {referral.urgency !== 'normal' && (
              <Badge size="xs" color={URGENCY_COLOR[referral.urgency]} variant="light">
                {t(`referrals.urgency.${referral.urgency}`)}
              </Badge>
            )}
          </Group>
          <Text size="sm" lineClamp={2}>
            {referral.summary}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`referrals.source.${referral.source}`)}
            {referral.sourceOrganization && ` (${referral.sourceOrganization})`} · {formatDateTime(referral.receivedAt)}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          <Badge color={REFERRAL_STATUS_COLOR[referral.status]} variant="light">
            {t(`referrals.status.${referral.status}`)}
          </Badge>
          {referral.overdue && (
            <Badge color="red" variant="filled" leftSection={<IconClockExclamation size={12} />}>
              {t('referrals.overdue')}
            </Badge>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

export function ReferralsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const search = useSearch({ from: '/referrals' });
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)');
  const branches = useBranches();
  const [creating, setCreating] = useState(false);
  const tab = search.tab ?? 'open';
  const query = { ...queryOf(tab), branchId: search.branchId, page: search.page, pageSize: PAGE_SIZE };
  const list = useQuery({ queryKey: referralKeys.list(query), queryFn: () => referralsApi.list(query), placeholderData: keepPreviousData });
  const apply = (next: ReferralSearch) => void navigate({ to: '/referrals', search: next });
  const page = search.page ?? 1;
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  return (
    <Page
      title={t('referrals.title')}
      actions={
        <>
          <Select
            aria-label={t('referrals.fields.branchId')}
            placeholder={t('cases.anyBranch')}
            data={(branches.data ?? []).map((branch) => ({ value: branch.id, label: branch.name }))}
            value={search.branchId ?? null}
            onChange={(value) => apply({ tab: search.tab, branchId: value ?? undefined })}
            clearable
            w={phone ? '100%' : 240}
          />
          <ExportButtons url="/api/referrals" query={query} testId="referrals-export" />
          {can('referrals.create') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('referrals.new')}
            </Button>
          )}
        </>
      }
    >
      {can('referrals.triage') && <DuplicateChecks />}
      <Tabs value={tab} onChange={(value) => apply({ tab: (value as Tab | null) ?? undefined, branchId: search.branchId })}>
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value} color={value === 'overdue' ? 'red' : undefined}>
              {value === 'open'
                ? t('referrals.open')
                : value === 'overdue'
                  ? t('referrals.overdueOnly')
                  : value === 'closed'
                    ? t('referrals.closed')
                    : value === 'all'
                      ? t('common.all')
                      : t(`referrals.status.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('referrals.empty')}</EmptyState>
      ) : (
        <Stack gap="xs">
          {list.data.items.map((referral) => (
            <ReferralRow key={referral.id} referral={referral} />
          ))}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('common.total', { count: list.data.total })}
            </Text>
            {pages > 1 && <Pagination total={pages} value={page} onChange={(next) => apply({ ...search, page: next })} size="sm" />}
          </Group>
        </Stack>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('referrals.new')} size="70rem" fullScreen={phone}>
        {creating && (
          <ReferralForm
            onCancel={() => setCreating(false)}
            onCreated={(referral) => {
              setCreating(false);
              void navigate({ to: '/referrals/$referralId', params: { referralId: referral.id } });
            }}
          />
        )}
      </Modal>
    </Page>
  );
}
