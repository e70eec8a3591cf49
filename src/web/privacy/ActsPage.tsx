// The register of destruction acts (append-only), newest first, each downloadable as the PDF act.
import { Button, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { actPdfUrl, privacyApi, privacyKeys } from './api.js';

export function ActsPage() {
  const { t } = useTranslation();
  const acts = useQuery({ queryKey: privacyKeys.acts, queryFn: privacyApi.acts });
  return (
    <Page title={t('privacy.acts.title')} actions={<ExportButtons url="/api/privacy/acts" testId="acts-export" />}>
      {acts.isPending ? (
        <LoadingState />
      ) : acts.isError ? (
        <ErrorState error={acts.error} onRetry={() => void acts.refetch()} />
      ) : acts.data.items.length === 0 ? (
        <EmptyState>{t('privacy.acts.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.acts.number')}</Table.Th>
                <Table.Th>{t('privacy.acts.date')}</Table.Th>
                <Table.Th>{t('privacy.acts.record')}</Table.Th>
                <Table.Th>{t('privacy.acts.by')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {acts.data.items.map((act) => (
                <Table.Tr key={act.id} data-testid="act-row">
                  <Table.Td>{act.number}</Table.Td>
                  <Table.Td>{formatDate(act.destroyedOn)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`privacy.codes.recordKind.${act.recordKind}`)}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`privacy.codes.basis.${act.basis}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{act.destroyedBy}</Table.Td>
                  <Table.Td>
                    <Button
                      component="a"
                      href={actPdfUrl(act.id)}
                      download
                      size="xs"
                      variant="light"
                      leftSection={<IconDownload size={14} />}
                    >
                      {t('privacy.acts.download')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
