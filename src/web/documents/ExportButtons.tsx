// "Выгрузить в Excel / CSV" for any list: links to the list's export with the filters on screen
// (the server applies the list's own scope and audits the export). See /work/notes/exports-api.md.
import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { exportUrl } from './api.js';

export function ExportButtons({ url, query = {}, testId = 'export' }: { url: string; query?: Record<string, unknown>; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        component="a"
        href={exportUrl(url, 'xlsx', query)}
        download
        size="xs"
        variant="light"
        leftSection={<IconFileSpreadsheet size={14} />}
        data-testid={`${testId}-xlsx`}
      >
        {t('documents.exports.excel')}
      </Button>
      <Button component="a" href={exportUrl(url, 'csv', query)} download size="xs" variant="subtle" data-testid={`${testId}-csv`}>
        {t('documents.exports.csv')}
      </Button>
    </Group>
  );
}
