// Audit entries, newest first. A person's name filters the log to that person; a record filters it
// to that record; a row opens to show the details (previous values of a change, reasons…).
import { Fragment, useState } from 'react';
import { ActionIcon, Anchor, Badge, Code, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../domain/audit/contracts.js';
import { formatDateTime } from '../app/format.js';
import { useAuditLabels } from './labels.js';

const ACTION_COLORS: Record<string, string> = {
  login_failed: 'red',
  delete: 'red',
  read_sensitive: 'grape',
  export: 'grape',
  create: 'green',
  update: 'blue',
};

function Details({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} py={4}>
      <Text size="xs" c="dimmed">
        {t('web.audit.requestId')}: {entry.requestId || '—'} · {t('audit.ip')}: {entry.ip || '—'}
      </Text>
      {Object.keys(entry.details).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('web.audit.noDetails')}
        </Text>
      ) : (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {JSON.stringify(entry.details, null, 2)}
        </Code>
      )}
    </Stack>
  );
}

function Row({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <Table.Tr data-testid="audit-row">
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-expanded={open}
            aria-label={t('audit.details')}
            onClick={() => setOpen((value) => !value)}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
        <Table.Td>
          {entry.userId ? (
            <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/admin/audit" search={{ userId: entry.userId ?? undefined }} />}>
              {entry.userName ?? entry.userId}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              {t('web.audit.anonymous')}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Badge variant="light" color={ACTION_COLORS[entry.action] ?? 'gray'}>
            {labels.action(entry.action)}
          </Badge>
        </Table.Td>
        <Table.Td>
          {entry.recordType ? (
            <Anchor
              size="sm"
              renderRoot={(props) => (
                <Link {...props} to="/admin/audit" search={{ recordType: entry.recordType, recordId: entry.recordId || undefined }} />
              )}
            >
              {labels.recordType(entry.recordType)}
              {entry.recordId && (
                <Text span size="xs" c="dimmed" ff="monospace">
                  {' '}
                  {entry.recordId.slice(0, 8)}
                </Text>
              )}
            </Anchor>
          ) : (
            '—'
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {entry.ip || '—'}
          </Text>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td />
          <Table.Td colSpan={5}>
            <Details entry={entry} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} aria-label={t('audit.details')} />
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.user')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.record')}</Table.Th>
            <Table.Th>{t('audit.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Row key={entry.id} entry={entry} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
