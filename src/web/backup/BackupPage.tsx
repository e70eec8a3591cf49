// The admin's view of backups (issue 17, point 6): when the last backup was made (a warning when it
// is too old or there is none), the schedule, the backups kept, and "back up now".
import { Alert, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BackupStarted, BackupStatus } from '../../domain/backup/contracts.js';
import { request } from '../app/api.js';
import { formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';

const KEY = ['backup', 'status'] as const;
const status = () => request('GET', '/api/backup/status', { response: BackupStatus });

export function BackupPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: status, refetchInterval: (q) => (q.state.data?.running ? 3000 : false) });
  const run = useMutation({
    mutationFn: () => request('POST', '/api/backup/run', { response: BackupStarted }),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const s = query.data;
  return (
    <Page
      title={t('protection.backup.title')}
      actions={
        s.scheduled && (
          <Button onClick={() => run.mutate()} loading={run.isPending || s.running}>
            {t('protection.backup.runNow')}
          </Button>
        )
      }
    >
      <Text size="sm" c="dimmed">
        {t('protection.backup.intro')}
      </Text>
      <Stack gap="sm" data-testid="backup-status">
        {s.tooOld && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert" data-testid="backup-too-old">
            {s.lastBackupAt ? t('protection.backup.tooOld', { hours: s.maxAgeHours }) : t('protection.backup.noneYet')}
          </Alert>
        )}
        {s.lastFailedAt && <Alert color="red">{t('protection.backup.failed', { at: formatDateTime(s.lastFailedAt) })}</Alert>}
        {s.running && <Alert color="blue">{t('protection.backup.running')}</Alert>}
        <Text>
          {t('protection.backup.last')}: <b>{s.lastBackupAt ? formatDateTime(s.lastBackupAt) : t('protection.backup.never')}</b>
        </Text>
        <Text size="sm">
          {s.scheduled
            ? t('protection.backup.scheduled', { at: s.at ?? '', daily: s.keepDaily, weekly: s.keepWeekly })
            : t('protection.backup.notScheduled')}
        </Text>
        <Text size="sm">{s.encrypted ? t('protection.backup.encryptionOn') : t('protection.backup.encryptionOff')}</Text>
      </Stack>
      {s.backups.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('protection.backup.file')}</Table.Th>
              <Table.Th>{t('protection.backup.made')}</Table.Th>
              <Table.Th>{t('protection.backup.size')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.backups.map((b) => (
              <Table.Tr key={b.name}>
                <Table.Td>{b.name}</Table.Td>
                <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                <Table.Td>{(b.size / 1024 / 1024).toFixed(1)} MB</Table.Td>
                <Table.Td>
                  <Badge color={b.encrypted ? 'green' : 'gray'}>
                    {t(b.encrypted ? 'protection.backup.encrypted' : 'protection.backup.plain')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
