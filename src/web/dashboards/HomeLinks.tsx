// Links from the home page to the dashboards the user may open.
import { Button, Group } from '@mantine/core';
import { IconChartLine, IconLayoutDashboard, IconPresentationAnalytics } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../app/session.js';

export function DashboardLinks() {
  const { t } = useTranslation();
  const can = useCan();
  const coordinator = can('cases.manage');
  const results = can('indicators.read');
  if (!coordinator && !results) return null;
  return (
    <Group gap="sm">
      {coordinator && (
        <Button
          variant="light"
          leftSection={<IconLayoutDashboard size={18} />}
          renderRoot={(root) => <Link {...root} to="/dashboards/coordinator" />}
          data-testid="home-dashboard"
        >
          {t('dashboards.nav.coordinator')}
        </Button>
      )}
      {results && (
        <Button
          variant="light"
          leftSection={<IconChartLine size={18} />}
          renderRoot={(root) => <Link {...root} to="/dashboards/indicators" />}
        >
          {t('dashboards.nav.indicators')}
        </Button>
      )}
      {results && (
        <Button
          variant="light"
          leftSection={<IconPresentationAnalytics size={18} />}
          renderRoot={(root) => <Link {...root} to="/dashboards/programmes" />}
        >
          {t('dashboards.nav.programmes')}
        </Button>
      )}
    </Group>
  );
}
