// Aid requests for the people who act on them: the coordinator's requests awaiting a decision, the
// warehouse's approved requests to hand out, a volunteer's deliveries, or everything the caller
// reaches. A card links to its case only for those who reach the case. The export buttons take the
// view on screen; the file holds the same requests (server/exports/lists-operations.ts).
import { useState } from 'react';
import { SegmentedControl, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Page } from '../app/Page.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { CaseLink } from '../cases/links.js';
import { aidApi, aidKeys } from './api.js';
import { RequestCard } from './RequestCard.js';

type View = 'to_approve' | 'to_hand_out' | 'my_deliveries' | 'all';

export function AidRequestsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const views: View[] = [
    ...(can('aid.approve') ? (['to_approve'] as const) : []),
    ...(can('aid.warehouse') || can('aid.approve') ? (['to_hand_out'] as const) : []),
    ...(can('aid.deliver') ? (['my_deliveries'] as const) : []),
    'all',
  ];
  const [view, setView] = useState<View>(views[0]!);
  const list = useQuery({ queryKey: aidKeys.queue(view), queryFn: () => aidApi.queue({ view }) });
  return (
    <Page title={t('aid.nav.requests')} actions={<ExportButtons url="/api/aid/requests" query={{ view }} testId="aid-requests-export" />}>
      {views.length > 1 && (
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as View)}
          data={views.map((v) => ({ value: v, label: t(`aid.queue.${v}`) }))}
        />
      )}
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('aid.queue.empty')}</EmptyState>
      ) : (
        <Stack gap="sm">
          {list.data.items.map((request) => (
            <RequestCard
              key={request.id}
              request={request}
              caseLink={request.reason !== undefined ? <CaseLink caseId={request.caseId}>{request.familyFirstName}</CaseLink> : undefined}
            />
          ))}
        </Stack>
      )}
    </Page>
  );
}
