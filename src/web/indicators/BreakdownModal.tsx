// One indicator's value broken down by one of the dimensions its definition declares (branch,
// programme, age band, sex, citizenship), for the period, programme and branch chosen on the
// library page. Aggregates only, as everywhere in the library.
import { useState } from 'react';
import { Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IndicatorValueView } from '../../domain/indicators/contracts.js';
import type { Disaggregation } from '../../domain/indicators/definition.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { indicatorKeys, indicatorsApi, type PeriodQuery } from './api.js';
import { formatValue } from './labels.js';

export function BreakdownModal({ item, query, onClose }: { item: IndicatorValueView; query: PeriodQuery; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const dims = item.definition.disaggregations;
  const [by, setBy] = useState<Disaggregation>(dims[0]!);
  const request = { ...query, by };
  const value = useQuery({ queryKey: indicatorKeys.value(item.id, request), queryFn: () => indicatorsApi.value(item.id, request) });
  const rows = value.data?.result.breakdown ?? [];
  const parts = (n?: number, d?: number) => (d === undefined ? '' : `${n ?? 0} / ${d}`);

  return (
    <Modal opened onClose={onClose} title={t('indicators.breakdownTitle', { name: item.definition.name[lang] })} size="lg">
      <Stack>
        {dims.length > 1 && (
          <SegmentedControl
            value={by}
            onChange={(v) => setBy(v as Disaggregation)}
            data={dims.map((d) => ({ value: d, label: t(`indicators.disaggregations.${d}`) }))}
            data-testid="breakdown-by"
          />
        )}
        {value.isPending && <LoadingState />}
        {value.isError && <ErrorState error={value.error} onRetry={() => void value.refetch()} />}
        {value.data &&
          (rows.length === 0 ? (
            <Text c="dimmed">{t('indicators.breakdownEmpty')}</Text>
          ) : (
            <Table striped data-testid="breakdown-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`indicators.disaggregations.${by}`)}</Table.Th>
                  <Table.Th ta="right">{t('indicators.columns.value')}</Table.Th>
                  <Table.Th ta="right">{t('indicators.columns.parts')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Td>{row.label}</Table.Td>
                    {/* A small cell this reader may not see exactly reads as the exports show it ("<5", "—"). */}
                    <Table.Td ta="right">{row.suppressed ?? formatValue(item.definition, row.value, lang)}</Table.Td>
                    <Table.Td ta="right" c="dimmed">
                      {parts(row.numerator, row.denominator)}
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr fw={600}>
                  <Table.Td>{t('indicators.breakdownTotal')}</Table.Td>
                  <Table.Td ta="right" data-testid="breakdown-total">
                    {value.data.result.suppressed ?? formatValue(item.definition, value.data.result.value, lang)}
                  </Table.Td>
                  <Table.Td ta="right" c="dimmed">
                    {parts(value.data.result.numerator, value.data.result.denominator)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          ))}
      </Stack>
    </Modal>
  );
}
