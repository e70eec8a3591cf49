// One entry of a match's mentoring log: when, what kind, how long, the note and a raised concern —
// the same on the case's mentoring tab and on the mentor's own family page.
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LogEntryView } from '../../domain/mentoring/contracts.js';
import { formatDate } from '../app/format.js';

/** `whoEntered`: mark the entries the mentor wrote (the case team reads both sides' entries). */
export function LogEntry({ entry, testId, whoEntered = false }: { entry: LogEntryView; testId: string; whoEntered?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="sm">
        {formatDate(entry.occurredOn)} · {t(`mentoring.logKinds.${entry.kind}`)} ·{' '}
        {t('mentoring.match.minutes', { count: entry.durationMinutes })}
        {whoEntered && entry.enteredByMentor && (
          <Text span size="xs" c="dimmed">
            {' '}
            ({t('mentoring.match.enteredByMentor')})
          </Text>
        )}
      </Text>
      {entry.note && (
        <Text size="xs" c="dimmed">
          {entry.note}
        </Text>
      )}
      {entry.concern && (
        <Text size="xs" c="red">
          {entry.concern}
        </Text>
      )}
    </Stack>
  );
}
