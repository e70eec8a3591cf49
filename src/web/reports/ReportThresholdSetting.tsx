// The report settings on the organisation's settings page: the small-cell threshold of reports meant
// for outside (counts below it are shown as "<N" in the funder's XLSX and PDF) and the decimals of a
// percentage in exports. Saved on their own (their own version), so they never make the
// organisation form beside them stale.
import { useEffect, useState } from 'react';
import { Button, Card, Group, NumberInput, Select } from '@mantine/core';
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
  const [digits, setDigits] = useState('0');
  useEffect(() => {
    if (settings.data) {
      setValue(settings.data.smallCellThreshold);
      setDigits(String(settings.data.percentDigits));
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      reportsApi.saveSettings({ smallCellThreshold: Number(value), percentDigits: Number(digits), version: settings.data!.version }),
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
        <Select
          label={t('reports.settings.percentDigits')}
          description={t('reports.settings.percentDigitsHint')}
          data={(['0', '1', '2'] as const).map((d) => ({ value: d, label: t(`reports.settings.digits.${d}`) }))}
          value={digits}
          onChange={(d) => d && setDigits(d)}
          allowDeselect={false}
          w={240}
          data-testid="percent-digits"
        />
        <Button variant="light" onClick={() => save.mutate()} loading={save.isPending}>
          {t('reports.settings.save')}
        </Button>
      </Group>
    </Card>
  );
}
