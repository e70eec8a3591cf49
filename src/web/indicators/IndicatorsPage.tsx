// The indicator library: every current indicator grouped people / work / quality, with its value for
// the chosen period, programme and branch and the definition version that produced it. Figures
// only — no identities. Those who manage indicators create, edit and retire them from here.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { INDICATOR_GROUPS } from '../../domain/indicators/definition.js';
import { SHIPPED_INDICATORS } from '../../domain/indicators/shipped.js';
import { useBranches, useProgrammes } from '../access/queries.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import type { IndicatorValueView } from '../../domain/indicators/contracts.js';
import { indicatorKeys, indicatorsApi, type PeriodQuery } from './api.js';
import { BreakdownModal } from './BreakdownModal.js';
import { formatValue } from './labels.js';

const today = () => new Date().toISOString().slice(0, 10);
// The shipped library in its own order (people, then work, then quality, as funders list them); own indicators after.
const ORDER = new Map(SHIPPED_INDICATORS.map((d, i) => [d.code, i]));
const position = (code: string) => ORDER.get(code) ?? ORDER.size;

export function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const canManage = useCan()('indicators.manage');
  const [from, setFrom] = useState(`${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today());
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [branchId, setBranchId] = useState<string | null>(null);
  const query: PeriodQuery = { from, to, ...(programmeId && { programmeId }), ...(branchId && { branchId }) };
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const values = useQuery({
    queryKey: indicatorKeys.values(query),
    queryFn: () => indicatorsApi.values(query),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const programmes = useProgrammes();
  const branches = useBranches();
  const items = values.data?.items ?? [];
  // A value whose definition declares a breakdown opens it (by branch, age band, …) on a click.
  const [breakdownOf, setBreakdownOf] = useState<IndicatorValueView | null>(null);

  return (
    <Page
      title={t('indicators.library')}
      actions={
        canManage && (
          <Button component={Link} to="/indicators/new" leftSection={<IconPlus size={16} />} data-testid="new-indicator">
            {t('indicators.newIndicator')}
          </Button>
        )
      }
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('indicators.period.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          data-testid="period-from"
        />
        <TextInput
          type="date"
          label={t('indicators.period.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data-testid="period-to"
        />
        <Select
          label={t('indicators.programme')}
          placeholder={t('indicators.allProgrammes')}
          data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programmeId}
          onChange={setProgrammeId}
          clearable
          data-testid="programme"
        />
        <Select
          label={t('indicators.branch')}
          placeholder={t('indicators.allBranches')}
          data={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          value={branchId}
          onChange={setBranchId}
          clearable
          data-testid="branch"
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('indicators.valuesNote')}
      </Text>
      {values.isPending && valid && <LoadingState />}
      {values.isError && <ErrorState error={values.error} onRetry={() => void values.refetch()} />}
      {values.data && (
        <Stack gap="lg">
          {INDICATOR_GROUPS.map((group) => {
            const rows = items
              .filter((item) => item.definition.group === group)
              .sort((a, b) => position(a.code) - position(b.code) || a.code.localeCompare(b.code));
            return (
              <Card key={group} withBorder padding="sm" data-testid={`group-${group}`}>
                <Title order={4} mb="xs">
                  {t(`indicators.groups.${group}`)}
                </Title>
                {rows.length === 0 ? (
                  <EmptyState>{t('indicators.empty')}</EmptyState>
                ) : (
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('indicators.columns.name')}</Table.Th>
                        <Table.Th ta="right">{t('indicators.columns.value')}</Table.Th>
                        <Table.Th ta="right">{t('indicators.columns.parts')}</Table.Th>
                        <Table.Th>{t('indicators.columns.version')}</Table.Th>
                        {canManage && <Table.Th />}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((item) => (
                        <Table.Tr key={item.id} data-testid={`indicator-${item.code}`}>
                          <Table.Td>{item.definition.name[lang]}</Table.Td>
                          <Table.Td ta="right" fw={600} data-testid={`value-${item.code}`}>
                            {item.definition.disaggregations.length > 0 ? (
                              <Anchor
                                component="button"
                                type="button"
                                fw={600}
                                onClick={() => setBreakdownOf(item)}
                                aria-label={`${item.result.suppressed ?? formatValue(item.definition, item.result.value, lang)}: ${t('indicators.showBreakdown', { name: item.definition.name[lang] })}`}
                                data-testid={`breakdown-${item.code}`}
                              >
                                {item.result.suppressed ?? formatValue(item.definition, item.result.value, lang)}
                              </Anchor>
                            ) : (
                              (item.result.suppressed ?? formatValue(item.definition, item.result.value, lang))
                            )}
                          </Table.Td>
                          <Table.Td ta="right" c="dimmed">
                            {item.result.denominator !== undefined ? `${item.result.numerator ?? 0} / ${item.result.denominator}` : ''}
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="light" size="sm">
                              {t('indicators.versionN', { version: item.version })}
                            </Badge>
                          </Table.Td>
                          {canManage && (
                            <Table.Td ta="right">
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                renderRoot={(root) => <Link {...root} to="/indicators/$indicatorId" params={{ indicatorId: item.id }} />}
                                data-testid={`edit-${item.code}`}
                              >
                                {t('indicators.edit')}
                              </Button>
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Card>
            );
          })}
        </Stack>
      )}
      {breakdownOf && <BreakdownModal item={breakdownOf} query={query} onClose={() => setBreakdownOf(null)} />}
    </Page>
  );
}
