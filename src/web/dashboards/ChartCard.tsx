// A chart with its words: a title, a one-line summary that screen readers announce as the chart's
// description, and the chart's data as a table for those who cannot see it (visually hidden). The
// charts themselves carry legends and axis labels; colours are never the only carrier of meaning.
import type { ReactNode } from 'react';
import { useId } from 'react';
import { Card, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import '@mantine/charts/styles.css';

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

interface Props {
  title: string;
  summary: string;
  table: ChartTable;
  testId?: string;
  children: ReactNode;
}

export function ChartCard({ title, summary, table, testId, children }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const summaryId = useId();
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Stack gap="xs">
        <Text fw={600} id={titleId}>
          {title}
        </Text>
        <Text size="sm" c="dimmed" id={summaryId}>
          {summary}
        </Text>
        {/* A figure, not role="img": the charts can be explored by keyboard (their tooltips), and an image
            may hold nothing focusable. */}
        <figure aria-labelledby={titleId} aria-describedby={summaryId} style={{ margin: 0, minWidth: 0 }}>
          {children}
        </figure>
        <VisuallyHidden>
          <Table>
            <Table.Caption>{`${t('dashboards.chartTable')}: ${title}`}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((c) => (
                  <Table.Th key={c}>{c}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((row, i) => (
                <Table.Tr key={i}>
                  {row.map((cell, j) => (
                    <Table.Td key={j}>{cell}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </VisuallyHidden>
      </Stack>
    </Card>
  );
}

/** A number the way the interface language writes it. */
export function formatNumber(value: number | null, language: string, digits = 1): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: digits }).format(value);
}
