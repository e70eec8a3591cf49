// The donors' aid report: for a period (and a grant project or a warehouse) what was received from
// whom at what value, what was handed out to how many families and people, and the stock movement of
// every warehouse — counts only, no identities — with its XLSX export.
import { useState } from 'react';
import { Anchor, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { formatMoney } from '../app/format.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { aidApi, aidKeys, reportXlsxUrl } from './api.js';
import { isoToday, itemName, quantityText, useAidItems } from './labels.js';

const yearAgo = () => `${new Date().getFullYear()}-01-01`;

export function AidReportPage() {
  const { t } = useTranslation();
  const items = useAidItems();
  const [from, setFrom] = useState(yearAgo());
  const [to, setTo] = useState(isoToday());
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: api.programmes.list });
  const query = { from, to, ...(programmeId && { programmeId }) };
  const report = useQuery({ queryKey: aidKeys.report(query), queryFn: () => aidApi.report(query) });
  const item = (id: string) => items.byId.get(id);
  return (
    <Page
      title={t('aid.report.title')}
      actions={
        <Anchor href={reportXlsxUrl({ from, to, programmeId: programmeId ?? undefined })} data-testid="aid-xlsx">
          {t('aid.actions.exportXlsx')}
        </Anchor>
      }
    >
      <Group gap="sm" wrap="wrap">
        <TextInput type="date" label={t('aid.fields.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('aid.fields.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Select
          label={t('aid.fields.programme')}
          clearable
          data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programmeId}
          onChange={setProgrammeId}
        />
      </Group>
      {report.isPending ? (
        <LoadingState />
      ) : report.isError ? (
        <ErrorState error={report.error} />
      ) : (
        <Stack gap="md">
          <Group gap="xl">
            <Text>
              {t('aid.report.families')}: <b data-testid="aid-families">{report.data.families}</b>
            </Text>
            <Text>
              {t('aid.report.people')}: <b>{report.data.people}</b>
            </Text>
          </Group>
          <Title order={4}>{t('aid.report.received')}</Title>
          {report.data.received.length === 0 ? (
            <EmptyState />
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('aid.fields.counterparty')}</Table.Th>
                    <Table.Th>{t('aid.fields.item')}</Table.Th>
                    <Table.Th ta="right">{t('aid.fields.quantity')}</Table.Th>
                    <Table.Th ta="right">{t('aid.fields.value')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.data.received.map((r, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>
                        {r.counterparty}{' '}
                        <Text span c="dimmed" size="xs">
                          ({t(`aid.movements.${r.kind}`)})
                        </Text>
                      </Table.Td>
                      <Table.Td>{itemName(item(r.itemId))}</Table.Td>
                      <Table.Td ta="right">{quantityText(r.quantity, item(r.itemId))}</Table.Td>
                      <Table.Td ta="right">{formatMoney(r.value)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Title order={4}>{t('aid.report.handedOut')}</Title>
          {report.data.handedOut.length === 0 ? (
            <EmptyState />
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped data-testid="aid-handed-out">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('aid.fields.item')}</Table.Th>
                    <Table.Th ta="right">{t('aid.fields.quantity')}</Table.Th>
                    <Table.Th ta="right">{t('aid.fields.value')}</Table.Th>
                    <Table.Th ta="right">{t('aid.report.families')}</Table.Th>
                    <Table.Th ta="right">{t('aid.report.people')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.data.handedOut.map((r) => (
                    <Table.Tr key={r.itemId}>
                      <Table.Td>{itemName(item(r.itemId))}</Table.Td>
                      <Table.Td ta="right">{quantityText(r.quantity, item(r.itemId))}</Table.Td>
                      <Table.Td ta="right">{formatMoney(r.value)}</Table.Td>
                      <Table.Td ta="right">{r.families}</Table.Td>
                      <Table.Td ta="right">{r.people}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Title order={4}>{t('aid.report.movements')}</Title>
          <Table.ScrollContainer minWidth={800}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('aid.fields.item')}</Table.Th>
                  {(['opening', 'receipts', 'issues', 'transfers', 'writeOffs', 'adjustments', 'closing'] as const).map((k) => (
                    <Table.Th key={k} ta="right">
                      {t(`aid.report.${k}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.movements.map((m) => (
                  <Table.Tr key={`${m.warehouseId}|${m.itemId}`}>
                    <Table.Td>{itemName(item(m.itemId))}</Table.Td>
                    {([m.opening, m.receipts, m.issues, m.transfers, m.writeOffs, m.adjustments, m.closing] as const).map((v, i) => (
                      <Table.Td key={i} ta="right">
                        {quantityText(v, item(m.itemId))}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Page>
  );
}
