// "Who saw what" (issue 17, point 4): everything one user saw or changed in a period, or everyone
// who saw or changed one person's data, from the audit log (ids and field names, never values), on
// screen and as an XLSX or CSV file.
import { useState } from 'react';
import { Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AccessReport } from '../../domain/audit/queries.js';
import { api, request } from '../app/api.js';
import { formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';

type Mode = 'user' | 'person';

export function AccessReportPage() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('user');
  const [userId, setUserId] = useState<string | null>(null);
  const [personId, setPersonId] = useState('');
  const [personKind, setPersonKind] = useState<'memberId' | 'familyId'>('memberId');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [asked, setAsked] = useState<Record<string, string> | null>(null);
  const users = useQuery({ queryKey: ['users', 'all'], queryFn: () => api.users.list({}) });
  const period = { ...(from && { from: new Date(from).toISOString() }), ...(to && { to: new Date(to).toISOString() }) };
  const params = mode === 'user' ? { userId: userId ?? '', ...period } : { [personKind]: personId.trim(), ...period };
  const url = mode === 'user' ? '/api/audit/activity' : '/api/audit/person';
  const report = useQuery({
    queryKey: ['audit', 'access', asked],
    queryFn: () => request('GET', url, { response: AccessReport, query: asked ?? {} }),
    enabled: asked !== null,
  });
  const download = (format: 'xlsx' | 'csv') => {
    window.location.href = `${url}.${format}?${new URLSearchParams(asked ?? {}).toString()}`;
  };
  return (
    <Page title={t('protection.audit.title')}>
      <Text size="sm" c="dimmed">
        {t('protection.audit.intro')}
      </Text>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as Mode)}
            data={[
              { value: 'user', label: t('protection.audit.byUser') },
              { value: 'person', label: t('protection.audit.byPerson') },
            ]}
          />
          {mode === 'user' ? (
            <Select
              label={t('protection.audit.user')}
              searchable
              data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.lastName} ${u.firstName} (${u.email})` }))}
              value={userId}
              onChange={setUserId}
            />
          ) : (
            <Group grow>
              <Select
                label=" "
                data={[
                  { value: 'memberId', label: 'memberId' },
                  { value: 'familyId', label: 'familyId' },
                ]}
                value={personKind}
                onChange={(v) => setPersonKind((v as 'memberId' | 'familyId') ?? 'memberId')}
              />
              <TextInput label={t('protection.audit.person')} value={personId} onChange={(e) => setPersonId(e.currentTarget.value)} />
            </Group>
          )}
          <Group grow>
            <TextInput
              type="datetime-local"
              label={t('protection.audit.from')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput type="datetime-local" label={t('protection.audit.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </Group>
          <Group>
            <Button onClick={() => setAsked(params as Record<string, string>)}>{t('protection.audit.show')}</Button>
            <Button variant="default" disabled={!report.data} onClick={() => download('xlsx')}>
              {t('protection.audit.exportXlsx')}
            </Button>
            <Button variant="default" disabled={!report.data} onClick={() => download('csv')}>
              {t('protection.audit.exportCsv')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {asked !== null &&
        (report.isPending ? (
          <LoadingState />
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <Stack gap="sm" data-testid="access-report">
            <Text size="sm">{t('protection.audit.found', { count: report.data.total })}</Text>
            {report.data.people.length > 0 && (
              <Table striped>
                <Table.Tbody>
                  {report.data.people.map((p) => (
                    <Table.Tr key={p.userId ?? 'none'}>
                      <Table.Td>{p.userName ?? '—'}</Table.Td>
                      <Table.Td>{p.reads}</Table.Td>
                      <Table.Td>{p.changes}</Table.Td>
                      <Table.Td>
                        {formatDateTime(p.first)} — {formatDateTime(p.last)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('protection.audit.at')}</Table.Th>
                  <Table.Th>{t('protection.audit.user')}</Table.Th>
                  <Table.Th>{t('protection.audit.action')}</Table.Th>
                  <Table.Th>{t('protection.audit.record')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{formatDateTime(e.at)}</Table.Td>
                    <Table.Td>{e.userName ?? '—'}</Table.Td>
                    <Table.Td>{t(`web.audit.actions.${e.action}`, { defaultValue: e.action })}</Table.Td>
                    <Table.Td>
                      {e.recordType} {e.recordId}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
    </Page>
  );
}
