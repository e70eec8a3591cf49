// The assessments of a case, on the case page: start a new one from a template the user's roles may
// fill, the list with overall levels, and each template's scores over time.
import { Anchor, Button, Card, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconClipboardPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AssessmentSummary } from '../../domain/assessments/contracts.js';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import { formatDate } from '../app/format.js';
import { useMe } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { memberLabel } from '../cases/labels.js';
import { assessmentKeys, assessmentsApi } from './api.js';
import { useLocalized } from './labels.js';
import { LevelBadge } from './LevelBadge.js';
import { ScoreChart } from './ScoreChart.js';

export function useTemplates() {
  return useQuery({
    queryKey: assessmentKeys.templates,
    queryFn: assessmentsApi.templates,
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

function NewAssessmentMenu({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const text = useLocalized();
  const navigate = useNavigate();
  const templates = useTemplates();
  const mine = (templates.data ?? []).filter((tpl) => tpl.active && tpl.definition.roles.some((role) => me.roles.includes(role)));
  if (mine.length === 0) return null;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button size="xs" leftSection={<IconClipboardPlus size={14} />} rightSection={<IconChevronDown size={14} />}>
          {t('assessments.new')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {mine.map((tpl) => (
          <Menu.Item
            key={tpl.code}
            onClick={() => void navigate({ to: '/cases/$caseId/assessments/new', params: { caseId }, search: { template: tpl.code } })}
          >
            {text(tpl.definition.name)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function TemplateHistory({ items }: { items: AssessmentSummary[] }) {
  const templates = useTemplates();
  const template = templates.data?.find((tpl) => tpl.code === items[0]!.templateCode);
  if (!template || items.length < 2) return null;
  const hidden = new Set(items.flatMap((a) => a.hiddenDomains));
  const domains = template.definition.domains.filter((d) => !hidden.has(d.code));
  const sorted = [...items].sort((a, b) => a.conductedOn.localeCompare(b.conductedOn));
  const series = new Map(domains.map((d) => [d.code, sorted.map((a) => a.scores.find((s) => s.domain === d.code)?.score ?? null)]));
  return <ScoreChart domains={domains} dates={sorted.map((a) => a.conductedOn)} series={series} />;
}

export function CaseAssessments({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const caseId = detail.case.id;
  const list = useQuery({ queryKey: assessmentKeys.ofCase(caseId), queryFn: () => assessmentsApi.ofCase(caseId) });
  const members = new Map(detail.family.members.map((m) => [m.id, memberLabel(m)]));
  const groups = new Map<string, AssessmentSummary[]>();
  for (const a of list.data?.items ?? [])
    groups.set(`${a.templateCode}:${a.memberId ?? ''}`, [...(groups.get(`${a.templateCode}:${a.memberId ?? ''}`) ?? []), a]);
  return (
    <Stack gap="sm" data-testid="case-assessments">
      <Group justify="space-between">
        <Title order={4}>{t('assessments.title')}</Title>
        <NewAssessmentMenu caseId={caseId} />
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('assessments.none')}</EmptyState>
      ) : (
        [...groups.values()].map((items) => {
          const sorted = [...items].sort((a, b) => b.conductedOn.localeCompare(a.conductedOn));
          const first = sorted[0]!;
          return (
            <Card key={`${first.templateCode}:${first.memberId ?? ''}`} withBorder padding="sm">
              <Text fw={600} mb={4}>
                {first.templateName}
                {first.memberId && (
                  <Text span c="dimmed" size="sm">
                    {' '}
                    · {members.get(first.memberId) ?? first.memberFirstName ?? '—'}
                  </Text>
                )}
              </Text>
              <Table verticalSpacing={4}>
                <Table.Tbody>
                  {sorted.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Anchor
                          size="sm"
                          renderRoot={(root) => <Link {...root} to="/assessments/$assessmentId" params={{ assessmentId: a.id }} />}
                        >
                          {formatDate(a.conductedOn)}
                        </Anchor>
                        {a.amended && (
                          <Text span size="xs" c="orange" ml={6}>
                            {t('assessments.amendedBadge')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {a.conductedBy}
                        </Text>
                      </Table.Td>
                      <Table.Td>{a.overallLevel && <LevelBadge level={a.overallLevel} />}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <TemplateHistory items={items} />
            </Card>
          );
        })
      )}
    </Stack>
  );
}
