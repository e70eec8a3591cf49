// The small-cell threshold of reports meant for outside, on the organisation's settings page: counts
// below it are shown as "<N" in the funder's XLSX and PDF. Saved on its own (its own version), so it
// never makes the organisation form beside it stale.
import { useEffect, useState } from 'react';
import { Button, Card, Group, NumberInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/states.js';
import { reportKeys, reportsApi } from './api.js';

export function ReportThresholdSetting() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: reportKeys.settings, queryFn: reportsApi.settings });
  const [value, setValue] = useState<number | string>('');
  useEffect(() => {
    if (settings.data) setValue(settings.data.smallCellThreshold);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => reportsApi.saveSettings({ smallCellThreshold: Number(value), version: settings.data!.version }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('reports.settings.saved') });
      await client.invalidateQueries({ queryKey: reportKeys.settings });
    },
    onError: async () => client.invalidateQueries({ queryKey: reportKeys.settings }),
  });
  if (!settings.data) return null;
  return (
    <Card withBorder padding="sm">
      <Group align="flex-end" gap="xs">
        <NumberInput
          label={t('reports.settings.threshold')}
          description={t('reports.settings.thresholdHint')}
          min={1}
          max={100}
          w={320}
          value={value}
          onChange={setValue}
          error={save.error ? errorMessage(save.error, '') : undefined}
        />
        <Button variant="light" onClick={() => save.mutate()} loading={save.isPending}>
          {t('reports.settings.save')}
        </Button>
      </Group>
    </Card>
  );
}
