// Break-glass in the case page and on My work (issue 17, point 3): the request form shown where a
// case is out of reach, the banner while a grant lasts, and the alerts the case lead and the
// branch's coordinators see at once.
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../app/api.js';
import { formatDateTime } from '../app/format.js';
import { CaseLink } from '../cases/links.js';
import { breakGlassApi, breakGlassKeys } from './api.js';

/** Shown instead of "not found" on a case page: open the case in an emergency, stating the reason. */
export function BreakGlassRequest({ caseId, onGranted }: { caseId: string; onGranted: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mine = useQuery({ queryKey: breakGlassKeys.mine, queryFn: breakGlassApi.mine });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: () => breakGlassApi.request(caseId, reason),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: breakGlassKeys.mine });
      onGranted();
    },
    onError: (e) => setError(isApiError(e) ? (e.fields[0]?.message ?? e.message) : String(e)),
  });
  if (!mine.data?.allowed) return null;
  return (
    <Alert color="orange" icon={<IconAlertTriangle />} title={t('protection.breakglass.open')} data-testid="breakglass-request">
      <Stack gap="sm">
        <Text size="sm">{t('protection.breakglass.openIntro', { minutes: mine.data.minutes })}</Text>
        <Textarea
          label={t('protection.breakglass.reason')}
          description={t('protection.breakglass.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          required
          autosize
          minRows={2}
          maxLength={2000}
        />
        <Group>
          <Button color="orange" onClick={() => open.mutate()} loading={open.isPending}>
            {t('protection.breakglass.request')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** On the case page while the caller holds a break-glass grant on it. */
export function BreakGlassBanner({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: breakGlassKeys.mine, queryFn: breakGlassApi.mine });
  const grant = mine.data?.active.find((g) => g.caseId === caseId);
  if (!grant) return null;
  return (
    <Alert color="orange" icon={<IconAlertTriangle />} data-testid="breakglass-banner" role="status">
      {t('protection.breakglass.banner', { until: formatDateTime(grant.expiresAt) })}
    </Alert>
  );
}

/** My work: emergency openings of the cases the caller leads or answers for. */
export function BreakGlassAlerts() {
  const { t } = useTranslation();
  const alerts = useQuery({ queryKey: breakGlassKeys.alerts, queryFn: breakGlassApi.alerts });
  const items = alerts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="orange" icon={<IconAlertTriangle />} title={t('protection.breakglass.alerts')} data-testid="breakglass-alerts">
      <Stack gap={6}>
        {items.map((g) => (
          <Stack key={g.id} gap={0}>
            <Text size="sm">
              {t('protection.breakglass.alertLine', { user: g.userName, family: g.familyName, at: formatDateTime(g.grantedAt) })}{' '}
              <CaseLink caseId={g.caseId}>{g.familyName}</CaseLink>
            </Text>
            <Text size="xs" c="dimmed">
              {t('protection.breakglass.reason')}: {g.reason} · {t(`protection.breakglass.${g.review}`)}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}
