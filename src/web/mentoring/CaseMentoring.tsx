// The «Наставник» tab of the case page: the family's matches (a mentor family and a mentoring
// specialist), suggestions by experience, place and free capacity, both sides' agreement, the start
// and the end, the mentoring log, the concerns mentors raised, and the resource family the family
// itself became.
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  EXPERIENCE_TAGS,
  LOG_KINDS,
  MATCH_END_REASONS,
  MATCH_ROLES,
  type LogKind,
  type MatchRole,
  type MatchView,
} from '../../domain/mentoring/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { bindFields, errorsByPath, isoToday } from '../app/fields.js';
import { formatDate } from '../app/format.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { LogEntry } from './LogEntry.js';
import { MentoringModal, QueryState, SaveBar } from './scaffold.js';
import { mentoringApi, mentoringKeys } from './api.js';

/** After a change: the mentoring views, and the open case pages (their timeline tells of it). */
function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: mentoringKeys.all }),
      client.invalidateQueries({ queryKey: [...caseKeys.all, 'one'] }),
    ]);
}

function Suggestions({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [role, setRole] = useState<MatchRole>('mentor_family');
  const [experience, setExperience] = useState<string[]>([]);
  const [proposedOn, setProposedOn] = useState(isoToday());
  const [key, setKey] = useState(newIdempotencyKey);
  const query = { role, experience };
  const list = useQuery({ queryKey: mentoringKeys.suggestions(caseId, query), queryFn: () => mentoringApi.suggestions(caseId, query) });
  const propose = useMutation({
    mutationFn: (mentorId: string) => mentoringApi.propose(caseId, { mentorId, proposedOn }, key),
    onSuccess: async () => {
      setKey(newIdempotencyKey());
      notifications.show({ color: 'green', message: t('common.saved') });
      await refresh();
      onDone();
    },
  });
  const errors = errorsByPath(propose.error);
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={role}
        onChange={(v) => setRole(v as MatchRole)}
        data={MATCH_ROLES.map((r) => ({ value: r, label: t(`mentoring.matchRoles.${r}`) }))}
      />
      <MultiSelect
        label={t('mentoring.fields.desiredExperience')}
        data={EXPERIENCE_TAGS.map((tag) => ({ value: tag, label: t(`mentoring.experience.${tag}`) }))}
        value={experience}
        onChange={setExperience}
      />
      <TextInput
        type="date"
        label={t('mentoring.fields.proposedOn')}
        value={proposedOn}
        onChange={(e) => setProposedOn(e.currentTarget.value)}
        error={errors.proposedOn}
      />
      <FormError error={propose.error} />
      <Title order={5}>{t('mentoring.match.suggestions')}</Title>
      <QueryState query={list} retry={false} isEmpty={(d) => d.items.length === 0} empty={t('mentoring.match.noSuggestions')}>
        {(d) =>
          d.items.map((s) => (
            <Card key={s.mentorId} withBorder padding="xs" data-testid="suggestion" data-name={s.displayName}>
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2}>
                  <Text fw={500}>{s.displayName}</Text>
                  <Group gap={4}>
                    {s.matchingExperience.map((tag) => (
                      <Badge key={tag} size="xs" color="green">
                        {t(`mentoring.experience.${tag}`)}
                      </Badge>
                    ))}
                    {s.sameLocality && <Badge size="xs">{t('mentoring.match.sameLocality')}</Badge>}
                    {s.sameBranch && (
                      <Badge size="xs" variant="outline">
                        {t('mentoring.match.sameBranch')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {s.locality} · {t('mentoring.match.free', { count: s.free })}
                  </Text>
                </Stack>
                <Button
                  size="xs"
                  onClick={() => propose.mutate(s.mentorId)}
                  loading={propose.isPending && propose.variables === s.mentorId}
                >
                  {t('mentoring.match.propose')}
                </Button>
              </Group>
            </Card>
          ))
        }
      </QueryState>
    </Stack>
  );
}

function LogForm({ matchId, onDone }: { matchId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({ kind: 'meeting' as LogKind, occurredOn: isoToday(), durationMinutes: 60, note: '' });
  const save = useMutation({
    mutationFn: () => mentoringApi.addLog(matchId, v, key),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const field = bindFields(v, setV, errorsByPath(save.error));
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={v.kind}
        onChange={(kind) => setV({ ...v, kind: kind as LogKind })}
        data={LOG_KINDS.map((k) => ({ value: k, label: t(`mentoring.logKinds.${k}`) }))}
      />
      <TextInput type="date" label={t('mentoring.fields.occurredOn')} {...field.text('occurredOn')} />
      <NumberInput label={t('mentoring.fields.duration')} min={1} max={1440} {...field.number('durationMinutes', 1)} />
      <Textarea label={t('mentoring.fields.note')} {...field.text('note')} />
      <SaveBar save={save} />
    </Stack>
  );
}

function MatchLog({ matchId }: { matchId: string }) {
  const { t } = useTranslation();
  const log = useQuery({ queryKey: mentoringKeys.log(matchId), queryFn: () => mentoringApi.log(matchId) });
  if (log.isPending) return <LoadingState />;
  if (log.isError) return <ErrorState error={log.error} />;
  if (log.data.items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('mentoring.match.noLog')}
      </Text>
    );
  return (
    <Stack gap={4}>
      {log.data.items.map((e) => (
        <LogEntry key={e.id} entry={e} testId="log-entry" whoEntered />
      ))}
    </Stack>
  );
}

function MatchCard({ match, closed }: { match: MatchView; closed: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const refresh = useRefresh();
  const [on, setOn] = useState(isoToday());
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState<string | null>('goals_reached');
  const [logging, setLogging] = useState(false);
  const act = useMutation({
    mutationFn: (what: 'family' | 'mentor' | 'start' | 'end') => {
      if (what === 'start') return mentoringApi.start(match.id, { startedOn: on, version: match.version });
      if (what === 'end') return mentoringApi.end(match.id, { endedOn: on, reason: reason as 'goals_reached', version: match.version });
      return mentoringApi.agree(match.id, { side: what, agreedOn: on, version: match.version });
    },
    onSuccess: async () => {
      setEnding(false);
      await refresh();
    },
  });
  const manage = can('mentoring.match') && !closed;
  return (
    <Card withBorder padding="sm" data-testid="match-card" data-mentor={match.mentorName}>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Text fw={600}>{match.mentorName}</Text>
          <Badge variant="light">{t(`mentoring.matchRoles.${match.role}`)}</Badge>
          <Badge color={match.status === 'active' ? 'green' : match.status === 'ended' ? 'gray' : 'blue'}>
            {t(`mentoring.matchStatuses.${match.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('mentoring.match.hours', { hours: Math.round((match.minutes / 60) * 10) / 10 })}
        </Text>
      </Group>
      <Text size="sm">
        {t('mentoring.fields.proposedOn')}: {formatDate(match.proposedOn)}
        {match.startedOn && ` · ${t('mentoring.fields.startedOn')}: ${formatDate(match.startedOn)}`}
        {match.endedOn &&
          ` · ${t('mentoring.fields.endedOn')}: ${formatDate(match.endedOn)} (${t(`mentoring.endReasons.${match.endReason!}`)})`}
      </Text>
      {match.status === 'proposed' && (
        <Text size="sm">
          {t('mentoring.match.agreements', {
            family: match.familyAgreedOn ? formatDate(match.familyAgreedOn) : t('mentoring.match.notYet'),
            mentor: match.mentorAgreedOn ? formatDate(match.mentorAgreedOn) : t('mentoring.match.notYet'),
          })}
        </Text>
      )}
      {manage && match.status !== 'ended' && (
        <Group gap="xs" mt="xs" wrap="wrap">
          <TextInput
            type="date"
            aria-label={t('mentoring.fields.changedOn')}
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
            w={160}
          />
          {match.status === 'proposed' && !match.familyAgreedOn && (
            <Button size="xs" variant="light" onClick={() => act.mutate('family')}>
              {t('mentoring.match.familyAgrees')}
            </Button>
          )}
          {match.status === 'proposed' && !match.mentorAgreedOn && (
            <Button size="xs" variant="light" onClick={() => act.mutate('mentor')}>
              {t('mentoring.match.mentorAgrees')}
            </Button>
          )}
          {match.status === 'proposed' && (
            <Button size="xs" onClick={() => act.mutate('start')}>
              {t('mentoring.match.start')}
            </Button>
          )}
          {match.status === 'active' && (
            <Button size="xs" onClick={() => setLogging(true)}>
              {t('mentoring.match.addLog')}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => setEnding(true)}>
            {t('mentoring.match.end')}
          </Button>
        </Group>
      )}
      <FormError error={act.error} />
      {match.status !== 'proposed' && (
        <Stack gap={4} mt="xs">
          <Text size="sm" fw={500}>
            {t('mentoring.match.log')}
          </Text>
          <MatchLog matchId={match.id} />
        </Stack>
      )}
      <MentoringModal opened={ending} onClose={() => setEnding(false)} title={t('mentoring.match.end')}>
        <Stack gap="sm">
          <Select
            label={t('mentoring.fields.endReason')}
            allowDeselect={false}
            data={MATCH_END_REASONS.map((r) => ({ value: r, label: t(`mentoring.endReasons.${r}`) }))}
            value={reason}
            onChange={setReason}
          />
          <TextInput type="date" label={t('mentoring.fields.endedOn')} value={on} onChange={(e) => setOn(e.currentTarget.value)} />
          <FormError error={act.error} />
          <Group justify="flex-end">
            <Button onClick={() => act.mutate('end')} loading={act.isPending}>
              {t('mentoring.match.end')}
            </Button>
          </Group>
        </Stack>
      </MentoringModal>
      <MentoringModal opened={logging} onClose={() => setLogging(false)} title={t('mentoring.match.addLog')}>
        {logging && <LogForm matchId={match.id} onDone={() => setLogging(false)} />}
      </MentoringModal>
    </Card>
  );
}

export function CaseMentoring({ caseId, closed }: { caseId: string; closed: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const [proposing, setProposing] = useState(false);
  const data = useQuery({ queryKey: mentoringKeys.ofCase(caseId), queryFn: () => mentoringApi.ofCase(caseId) });
  if (data.isPending) return <LoadingState />;
  if (data.isError) return <ErrorState error={data.error} onRetry={() => void data.refetch()} />;
  const d = data.data;
  return (
    <Stack gap="sm" data-testid="case-mentoring">
      {d.becameMentor && (
        <Alert color="green">
          {t('mentoring.match.becameMentor', { name: d.becameMentor.displayName, date: formatDate(d.becameMentor.registeredOn) })}
        </Alert>
      )}
      {can('mentoring.match') && !closed && (
        <Group>
          <Button onClick={() => setProposing(true)}>{t('mentoring.match.propose')}</Button>
        </Group>
      )}
      {d.matches.length === 0 ? (
        <EmptyState>{t('mentoring.match.none')}</EmptyState>
      ) : (
        d.matches.map((m) => <MatchCard key={m.id} match={m} closed={closed} />)
      )}
      <MentoringModal opened={proposing} onClose={() => setProposing(false)} title={t('mentoring.match.propose')} size="lg">
        {proposing && <Suggestions caseId={caseId} onDone={() => setProposing(false)} />}
      </MentoringModal>
    </Stack>
  );
}

/** The concerns mentors raised about the families the signed-in worker leads (on "My work"). */
export function MentorConcerns() {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const concerns = useQuery({ queryKey: mentoringKeys.concerns, queryFn: mentoringApi.concerns });
  const ack = useMutation({
    mutationFn: (id: string) => mentoringApi.acknowledge(id, isoToday()),
    onSuccess: async () => {
      await refresh();
    },
  });
  const items = concerns.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="red" title={t('mentoring.match.concerns')} data-testid="mentor-concerns">
      <Stack gap={6}>
        {items.map((c) => (
          <Group key={c.id} justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">
              {formatDate(c.occurredOn)} · {c.familyName} · {c.mentorName}: {c.concern}
            </Text>
            <Button size="xs" variant="white" onClick={() => ack.mutate(c.id)} loading={ack.isPending && ack.variables === c.id}>
              {t('mentoring.match.acknowledge')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
