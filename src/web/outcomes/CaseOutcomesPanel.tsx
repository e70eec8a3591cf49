// The outcomes tab of the case page: short-, medium- and long-term outcomes of the programme's
// framework, each with the evidence the records give or the team's latest mark, a "mark" action and
// the history of marks; for a family that left, recording a follow-up contact.
import { useState } from 'react';
import { Badge, Button, Card, Collapse, Group, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconHistory, IconPhoneCall } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import { OUTCOME_TERMS, type CaseOutcomeView, type FollowUpView, type OutcomeView } from '../../domain/outcomes/contracts.js';
import { formatDate } from '../app/format.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { outcomeKeys, outcomesApi } from './api.js';
import { FollowUpModal } from './FollowUpModal.js';
import { evidenceText, outcomeName, STATUS_COLOR } from './labels.js';
import { MarkModal } from './MarkModal.js';

function OutcomeRow({ item, canMark, onMark }: { item: CaseOutcomeView; canMark: boolean; onMark: () => void }) {
  const { t } = useTranslation();
  const [history, setHistory] = useState(false);
  const latest = item.marks[0];
  return (
    <Stack gap={4} data-testid="outcome" data-code={item.outcome.code ?? ''} data-status={item.status}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={500}>{outcomeName(item.outcome)}</Text>
          {item.evidence && (
            <Group gap={4} wrap="nowrap" data-testid="evidence">
              <ThemeIcon size="xs" color="green" variant="light">
                <IconCircleCheck size={12} />
              </ThemeIcon>
              <Text size="sm" c="dimmed">
                {t('outcomes.auto')}: {evidenceText(t, item.evidence)}
              </Text>
            </Group>
          )}
          {latest && (
            <Text size="sm" c="dimmed">
              {t('outcomes.manual')}: {t(`outcomes.statuses.${latest.status}`)} — {latest.note} (
              {t('outcomes.mark.by', { who: latest.markedBy, on: formatDate(latest.on) })})
            </Text>
          )}
        </Stack>
        <Group gap={6} wrap="nowrap">
          <Badge color={STATUS_COLOR[item.status]} variant="light">
            {t(`outcomes.statuses.${item.status}`)}
          </Badge>
          {item.marks.length > 0 && (
            <Button size="compact-xs" variant="subtle" leftSection={<IconHistory size={12} />} onClick={() => setHistory((v) => !v)}>
              {item.marks.length}
            </Button>
          )}
          {canMark && (
            <Button size="compact-xs" variant="light" onClick={onMark}>
              {t('outcomes.mark.action')}
            </Button>
          )}
        </Group>
      </Group>
      <Collapse expanded={history}>
        <Stack gap={2} pl="md" aria-label={t('outcomes.mark.history')}>
          {item.marks.map((mark) => (
            <Text key={mark.id} size="xs" data-testid="mark">
              {formatDate(mark.on)} · {t(`outcomes.statuses.${mark.status}`)} · {mark.note} · {mark.markedBy}
            </Text>
          ))}
        </Stack>
      </Collapse>
    </Stack>
  );
}

const ANSWER_COLOR = { yes: 'green', state_care: 'red', relatives: 'orange', unknown: 'gray' } as const;

function FollowUps({ items }: { items: FollowUpView[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component="section" aria-label={t('outcomes.followUp.title')}>
      <Title order={4} mb="xs">
        {t('outcomes.followUp.title')}
      </Title>
      <Table data-testid="case-follow-ups">
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>{formatDate(f.contactedOn)}</Table.Td>
              <Table.Td>{t(`outcomes.followUp.milestones.${f.milestone as 3 | 6 | 12}`)}</Table.Td>
              <Table.Td>
                <Badge color={ANSWER_COLOR[f.childWithFamily]} variant="light">
                  {t(`outcomes.followUp.answers.${f.childWithFamily}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {t(`outcomes.followUp.housings.${f.housing}`)}
                {f.place && ` — ${f.place}`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function CaseOutcomesPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const caseId = detail.case.id;
  const outcomes = useQuery({ queryKey: outcomeKeys.ofCase(caseId), queryFn: () => outcomesApi.ofCase(caseId) });
  const [marking, setMarking] = useState<OutcomeView | null>(null);
  const [followUp, setFollowUp] = useState(false);
  if (outcomes.isPending) return <LoadingState />;
  if (outcomes.isError) return <ErrorState error={outcomes.error} onRetry={() => void outcomes.refetch()} />;
  const data = outcomes.data;
  return (
    <Stack gap="md" data-testid="case-outcomes">
      {detail.case.status === 'closed' && (
        <Group justify="flex-end">
          <Button variant="light" leftSection={<IconPhoneCall size={16} />} onClick={() => setFollowUp(true)}>
            {t('outcomes.followUp.record')}
          </Button>
        </Group>
      )}
      {OUTCOME_TERMS.map((term) => {
        const items = data.items.filter((i) => i.outcome.term === term);
        if (items.length === 0) return null;
        return (
          <Card key={term} withBorder padding="sm" component="section" aria-label={t(`outcomes.terms.${term}`)}>
            <Title order={4} mb="xs">
              {t(`outcomes.terms.${term}`)}
            </Title>
            <Stack gap="sm">
              {items.map((item) => (
                <OutcomeRow
                  key={item.outcome.id}
                  item={item}
                  canMark={data.canMark && !item.outcome.retired}
                  onMark={() => setMarking(item.outcome)}
                />
              ))}
            </Stack>
          </Card>
        );
      })}
      {data.followUps.length > 0 && <FollowUps items={data.followUps} />}
      {marking && <MarkModal caseId={caseId} outcome={marking} onClose={() => setMarking(null)} />}
      {followUp && <FollowUpModal caseId={caseId} onClose={() => setFollowUp(false)} />}
    </Stack>
  );
}
