// The coordinator's volunteer reminders, on the home page and the register: certificates of no
// criminal record ending within the organisation's days (or ended), and child-related shifts put on
// hold by them. Small on purpose: the home page loads it with the shell.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../app/format.js';
import { useCan } from '../app/session.js';
import { volunteerKeys, volunteersApi } from './api.js';

export function VolunteerReminders({ link = false }: { link?: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const allowed = can('volunteers.read');
  const reminders = useQuery({ queryKey: volunteerKeys.reminders, queryFn: volunteersApi.reminders, enabled: allowed });
  const data = reminders.data;
  if (!allowed || !data || (data.certificates.length === 0 && data.onHold.length === 0)) return null;
  return (
    <Alert color="yellow" title={t('volunteers.reminders.title')} data-testid="volunteer-reminders">
      <Stack gap={2}>
        {data.certificates.map((c) => (
          <Text key={c.volunteerId} size="sm">
            {t((c.daysLeft ?? -1) < 0 ? 'volunteers.reminders.expired' : 'volunteers.reminders.expires', {
              name: c.name,
              date: c.validUntil ? formatDate(c.validUntil) : '—',
            })}
          </Text>
        ))}
        {data.onHold.map((h) => (
          <Text key={h.signupId} size="sm">
            {t('volunteers.reminders.onHold', { title: h.title, date: formatDateTime(h.startsAt), name: h.volunteerName })}
          </Text>
        ))}
        {link && (
          <Anchor component={Link} to="/volunteers" size="sm">
            {t('volunteers.nav.register')}
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}
