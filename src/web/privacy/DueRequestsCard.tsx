// On the home page of whoever answers for data subject requests: their open requests that are overdue
// or due within three days, with a link to the register.
import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.js';
import { useCan } from '../app/session.js';
import { privacyApi, privacyKeys } from './api.js';

export function DueRequestsCard() {
  const { t } = useTranslation();
  const can = useCan();
  const allowed = can('privacy.manage');
  const query = useQuery({
    queryKey: privacyKeys.requests({ status: 'open', mine: 'true' }),
    queryFn: () => privacyApi.requests({ status: 'open', mine: 'true' }),
    enabled: allowed,
  });
  const pressing = (query.data?.items ?? []).filter((r) => r.urgency === 'overdue' || r.urgency === 'due_soon');
  if (!allowed || pressing.length === 0) return null;
  return (
    <Card withBorder data-testid="due-requests">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600}>{t('privacy.requests.dueSoonTitle')}</Text>
          <Anchor component={Link} to="/privacy/requests" size="sm">
            {t('privacy.requests.open_link')}
          </Anchor>
        </Group>
        {pressing.map((r) => (
          <Group key={r.id} gap="xs">
            <Badge color={r.urgency === 'overdue' ? 'red' : 'orange'} variant="light">
              {t(`privacy.requests.urgency.${r.urgency}`)}
            </Badge>
            <Text size="sm">
              {t(`privacy.requests.kinds.${r.kind}`)} · {r.subjectName || '—'} · {formatDate(r.effectiveDueOn)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
