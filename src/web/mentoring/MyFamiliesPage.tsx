// The mentor's own home, «Мои семьи»: the families matched to them — first names and children's
// ages only — the meetings they logged, the tasks given to them in the family's plan, and the form to
// log a meeting or a call (with a concern that reaches the case lead at once).
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LOG_KINDS, type LogKind } from '../../domain/mentoring/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { bindFields, errorsByPath, isoToday } from '../app/fields.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { LogEntry } from './LogEntry.js';
import { MentoringModal, QueryState, SaveBar } from './scaffold.js';
import { mentoringApi, mentoringKeys } from './api.js';

function useAge() {
  const { t } = useTranslation();
  return (age: string | null) => {
    if (!age) return '';
    const count = Number(age.slice(0, -1));
    return age.endsWith('m') ? t('mentoring.mine.ageMonths', { count }) : t('mentoring.mine.ageYears', { count });
  };
}

function LogForm({ matchId, onDone }: { matchId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({ kind: 'meeting' as LogKind, occurredOn: isoToday(), durationMinutes: 60, note: '', concern: '' });
  const save = useMutation({
    mutationFn: () => mentoringApi.addMyLog(matchId, v, key),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: v.concern ? t('mentoring.mine.concernSent') : t('mentoring.mine.saved') });
      await client.invalidateQueries({ queryKey: mentoringKeys.mine });
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
      <SimpleGrid cols={2}>
        <TextInput type="date" label={t('mentoring.fields.occurredOn')} {...field.text('occurredOn')} />
        <NumberInput label={t('mentoring.fields.duration')} min={1} max={1440} {...field.number('durationMinutes', 1)} />
      </SimpleGrid>
      <Textarea label={t('mentoring.fields.note')} autosize minRows={2} {...field.text('note')} />
      <Textarea label={t('mentoring.fields.concern')} autosize minRows={1} {...field.text('concern')} />
      <SaveBar save={save} />
    </Stack>
  );
}

function FamilyDetail({ matchId }: { matchId: string }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: mentoringKeys.myFamily(matchId), queryFn: () => mentoringApi.myFamily(matchId) });
  if (detail.isPending) return <LoadingState />;
  if (detail.isError) return <ErrorState error={detail.error} />;
  const d = detail.data;
  return (
    <Stack gap="xs" mt="xs">
      <Title order={5}>{t('mentoring.mine.tasks')}</Title>
      {d.tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('mentoring.mine.noTasks')}
        </Text>
      ) : (
        d.tasks.map((task) => (
          <Text key={task.id} size="sm">
            {task.title}
            {task.dueOn && ` · ${formatDate(task.dueOn)}`}
          </Text>
        ))
      )}
      <Title order={5}>{t('mentoring.mine.log')}</Title>
      {d.log.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('mentoring.match.noLog')}
        </Text>
      ) : (
        d.log.map((e) => <LogEntry key={e.id} entry={e} testId="my-log-entry" />)
      )}
    </Stack>
  );
}

export function MyFamiliesPage() {
  const { t } = useTranslation();
  const age = useAge();
  const [open, setOpen] = useState<string | null>(null);
  const [logging, setLogging] = useState<string | null>(null);
  const list = useQuery({ queryKey: mentoringKeys.mine, queryFn: mentoringApi.myFamilies });
  return (
    <Page title={t('mentoring.mine.title')}>
      <QueryState query={list} isEmpty={(d) => d.items.length === 0} empty={t('mentoring.mine.empty')}>
        {(d) => (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {d.items.map((f) => {
              const adults = f.people.filter((p) => p.relation === 'adult').map((p) => p.firstName);
              const children = f.people.filter((p) => p.relation === 'child');
              return (
                <Card key={f.matchId} withBorder padding="sm" data-testid="my-family">
                  <Text fw={600} size="lg">
                    {adults.join(', ')}
                  </Text>
                  {children.length > 0 && (
                    <Group gap={4} mt={4}>
                      <Text size="sm">{t('mentoring.mine.children')}:</Text>
                      {children.map((c, i) => (
                        <Badge key={i} variant="light">
                          {c.firstName} {age(c.age)}
                        </Badge>
                      ))}
                    </Group>
                  )}
                  <Text size="sm" c="dimmed" mt={4}>
                    {f.startedOn && t('mentoring.mine.started', { date: formatDate(f.startedOn) })} ·{' '}
                    {f.lastContactOn
                      ? t('mentoring.mine.lastContact', { date: formatDate(f.lastContactOn) })
                      : t('mentoring.mine.noContact')}{' '}
                    · {t('mentoring.match.hours', { hours: Math.round((f.minutes / 60) * 10) / 10 })}
                  </Text>
                  <Group gap="xs" mt="xs">
                    <Button size="xs" onClick={() => setLogging(f.matchId)}>
                      {t('mentoring.mine.add')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setOpen(open === f.matchId ? null : f.matchId)}>
                      {t('mentoring.mine.log')}
                    </Button>
                  </Group>
                  {open === f.matchId && <FamilyDetail matchId={f.matchId} />}
                </Card>
              );
            })}
          </SimpleGrid>
        )}
      </QueryState>
      <MentoringModal opened={logging !== null} onClose={() => setLogging(null)} title={t('mentoring.mine.add')}>
        {logging && (
          <LogForm
            matchId={logging}
            onDone={() => {
              setOpen(logging);
              setLogging(null);
            }}
          />
        )}
      </MentoringModal>
    </Page>
  );
}
