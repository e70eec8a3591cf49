// The organisation's file rules on its settings page: the largest file, the files one record may
// hold, and the optional virus check (ClamAV on the server). Saved on their own.
import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MAX_FILE_MB } from '../../domain/files/contracts.js';
import { FormError } from '../app/states.js';
import { fileKeys, filesApi } from './api.js';

export function FileRulesSetting() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: fileKeys.settings, queryFn: filesApi.settings });
  const [maxFileMb, setMaxFileMb] = useState<number | string>(10);
  const [maxRecordMb, setMaxRecordMb] = useState<number | string>(100);
  const [virusCheck, setVirusCheck] = useState(false);
  useEffect(() => {
    if (settings.data) {
      setMaxFileMb(settings.data.maxFileMb);
      setMaxRecordMb(settings.data.maxRecordMb);
      setVirusCheck(settings.data.virusCheck);
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => filesApi.saveSettings({ maxFileMb: Number(maxFileMb), maxRecordMb: Number(maxRecordMb), virusCheck }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: fileKeys.all });
    },
  });
  if (!settings.data) return null;
  return (
    <Card withBorder padding="sm" data-testid="file-rules">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('files.settings.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('files.settings.intro')}
        </Text>
        <Group align="flex-end" gap="xs">
          <NumberInput label={t('files.settings.maxFileMb')} min={1} max={MAX_FILE_MB} w={280} value={maxFileMb} onChange={setMaxFileMb} />
          <NumberInput label={t('files.settings.maxRecordMb')} min={1} max={10000} w={280} value={maxRecordMb} onChange={setMaxRecordMb} />
        </Group>
        <Checkbox
          label={t('files.settings.virusCheck')}
          description={t('files.settings.virusHint')}
          checked={virusCheck}
          onChange={(e) => setVirusCheck(e.currentTarget.checked)}
        />
        <FormError error={save.error} />
        <Group>
          <Button variant="light" onClick={() => save.mutate()} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
