// My work: the notices to the regulator the signed-in person still owes for a breach (issue 17, point 5).
import { Alert, Stack, Text } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../app/format.js';
import { breachApi, breachKeys } from './api.js';

export function BreachReminders() {
  const { t } = useTranslation();
  const reminders = useQuery({ queryKey: breachKeys.reminders, queryFn: breachApi.reminders });
  const items = reminders.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="red" icon={<IconAlarm />} title={t('protection.breaches.reminders')} data-testid="breach-reminders">
      <Stack gap={4}>
        {items.map((r) => (
          <Text key={`${r.id}-${r.notice}`} size="sm" fw={r.overdue ? 700 : 400}>
            {t('protection.breaches.reminderLine', {
              title: r.title,
              what: t(r.notice === 'notice24h' ? 'protection.breaches.what24' : 'protection.breaches.what72'),
              at: formatDateTime(r.deadline),
            })}
            {r.overdue ? ` — ${t('protection.breaches.overdue')}` : ''}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
