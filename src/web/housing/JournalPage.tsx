// The house journal: what happened on each shift (events, visitors, incidents, handover notes to
// the next shift), house-rules acknowledgements, violations, duties and child care. The writer is
// recorded as the administrator on duty.
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { JOURNAL_KINDS, type JournalKind } from '../../domain/housing/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatDate, formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { housingApi, housingKeys, isoToday } from './api.js';
import { FacilityPicker, useFacilities } from './FacilityPicker.js';

const STAY_KINDS: JournalKind[] = ['rules_ack', 'violation', 'duty', 'child_care', 'walk'];

function JournalForm({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key, setKey] = useState(newIdempotencyKey);
  const [kind, setKind] = useState<JournalKind>('event');
  const [shift, setShift] = useState<'day' | 'night'>(new Date().getHours() >= 8 && new Date().getHours() < 20 ? 'day' : 'night');
  const [text, setText] = useState('');
  const [stayId, setStayId] = useState<string | null>(null);
  const [extra, setExtra] = useState({ rulesVersion: '', consequence: '', chore: '', dutyOn: isoToday(), carer: '', untilAt: '' });
  const board = useQuery({ queryKey: housingKeys.board, queryFn: () => housingApi.board({}) });
  const residents = (board.data?.facilities.find((f) => f.id === facilityId)?.rooms ?? [])
    .flatMap((r) => r.places)
    .filter((p) => p.stayId && p.kind === 'mother')
    .map((p) => ({ value: p.stayId!, label: p.firstName ?? p.label }));
  const save = useMutation({
    mutationFn: () => {
      const at = new Date().toISOString();
      const base = { at, shift, text };
      const body =
        kind === 'rules_ack'
          ? { kind, ...base, stayId: stayId ?? '', rulesVersion: extra.rulesVersion }
          : kind === 'violation'
            ? { kind, ...base, stayId: stayId ?? '', consequence: extra.consequence }
            : kind === 'duty'
              ? { kind, ...base, stayId: stayId ?? '', chore: extra.chore, dutyOn: extra.dutyOn }
              : kind === 'child_care'
                ? {
                    kind,
                    ...base,
                    stayId: stayId ?? '',
                    carer: extra.carer,
                    untilAt: extra.untilAt ? new Date(extra.untilAt).toISOString() : '',
                  }
                : kind === 'walk'
                  ? { kind, ...base, stayId: stayId ?? '' }
                  : { kind, ...base, stayId };
      return housingApi.writeJournal(facilityId, body, key);
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      setText('');
      setKey(newIdempotencyKey());
      await client.invalidateQueries({ queryKey: housingKeys.journal(facilityId) });
    },
  });
  const set = (field: keyof typeof extra) => (e: { currentTarget: { value: string } }) =>
    setExtra({ ...extra, [field]: e.currentTarget.value });
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        <Group grow wrap="wrap">
          <Select
            label={t('housing.fields.kind')}
            data={JOURNAL_KINDS.map((k) => ({ value: k, label: t(`housing.journalKinds.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as JournalKind)}
            allowDeselect={false}
          />
          <div>
            <Text size="sm" fw={500} mb={2}>
              {t('housing.fields.shift')}
            </Text>
            <SegmentedControl
              value={shift}
              onChange={(v) => setShift(v as 'day' | 'night')}
              data={[
                { value: 'day', label: t('housing.shifts.day') },
                { value: 'night', label: t('housing.shifts.night') },
              ]}
            />
          </div>
        </Group>
        {(STAY_KINDS.includes(kind) || residents.length > 0) && (
          <Select
            label={t('housing.fields.resident')}
            withAsterisk={STAY_KINDS.includes(kind)}
            clearable
            data={residents}
            value={stayId}
            onChange={setStayId}
          />
        )}
        {kind === 'rules_ack' && (
          <TextInput label={t('housing.fields.rulesVersion')} withAsterisk value={extra.rulesVersion} onChange={set('rulesVersion')} />
        )}
        {kind === 'violation' && (
          <TextInput label={t('housing.fields.consequence')} value={extra.consequence} onChange={set('consequence')} />
        )}
        {kind === 'duty' && (
          <Group grow>
            <TextInput label={t('housing.fields.chore')} withAsterisk value={extra.chore} onChange={set('chore')} />
            <TextInput type="date" label={t('housing.fields.dutyOn')} value={extra.dutyOn} onChange={set('dutyOn')} />
          </Group>
        )}
        {kind === 'child_care' && (
          <Group grow>
            <TextInput label={t('housing.fields.carer')} withAsterisk value={extra.carer} onChange={set('carer')} />
            <TextInput type="datetime-local" label={t('housing.fields.untilAt')} value={extra.untilAt} onChange={set('untilAt')} />
          </Group>
        )}
        <Textarea label={t('housing.fields.text')} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('housing.actions.write')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function JournalPage() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const [facilityId, setFacilityId] = useState<string | null>(null);
  useEffect(() => {
    if (!facilityId && facilities.data?.[0]) setFacilityId(facilities.data[0].id);
  }, [facilities.data, facilityId]);
  const journal = useQuery({
    queryKey: housingKeys.journal(facilityId ?? ''),
    queryFn: () => housingApi.journal(facilityId!, { limit: 100 }),
    enabled: facilityId !== null,
  });
  return (
    <Page title={t('housing.journal')}>
      <FacilityPicker value={facilityId} onChange={setFacilityId} />
      {facilityId && <JournalForm key={facilityId} facilityId={facilityId} />}
      {journal.isPending && facilityId && <LoadingState />}
      {journal.isError && <ErrorState error={journal.error} onRetry={() => void journal.refetch()} />}
      {journal.data && journal.data.items.length === 0 && <EmptyState />}
      <Stack gap="xs" data-testid="journal-entries">
        {journal.data?.items.map((e) => (
          <Card key={e.id} withBorder padding="xs">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Group gap="xs">
                <Badge variant="light">{t(`housing.journalKinds.${e.kind}`)}</Badge>
                {e.residentName && (
                  <Text size="sm" fw={500}>
                    {e.residentName}
                  </Text>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)} · {t(`housing.shifts.${e.shift}`)} · {e.onDutyName}
              </Text>
            </Group>
            {e.text && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {e.text}
              </Text>
            )}
            {e.rulesVersion && (
              <Text size="xs">
                {t('housing.fields.rulesVersion')}: {e.rulesVersion}
              </Text>
            )}
            {e.consequence && (
              <Text size="xs">
                {t('housing.fields.consequence')}: {e.consequence}
              </Text>
            )}
            {e.chore && (
              <Text size="xs">
                {t('housing.fields.chore')}: {e.chore} · {e.dutyOn ? formatDate(e.dutyOn) : ''}
              </Text>
            )}
            {e.carer && (
              <Text size="xs">
                {t('housing.fields.carer')}: {e.carer} · {e.untilAt ? formatDateTime(e.untilAt) : ''}
              </Text>
            )}
          </Card>
        ))}
      </Stack>
    </Page>
  );
}
