// The narrative of one indicator for the funder's report: read by everyone who sees the report,
// written by those who manage targets (409 when someone else saved it meanwhile).
import { useState } from 'react';
import { Alert, Button, Group, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../app/api.js';
import { errorMessage } from '../app/states.js';
import { reportKeys, reportsApi } from './api.js';

interface Props {
  programmeId: string;
  from: string;
  to: string;
  indicatorId: string;
  narrative: { text: string; version: number } | null;
  canEdit: boolean;
}

export function NarrativeEditor({ programmeId, from, to, indicatorId, narrative, canEdit }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState(narrative?.text ?? '');
  const save = useMutation({
    mutationFn: () => reportsApi.saveNarrative({ programmeId, from, to, indicatorId, text, version: narrative?.version }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('reports.narrativeSaved') });
      await client.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: async (error) => {
      // The parent remounts this editor with the fresh text (keyed by version): the notice stays.
      if (isApiError(error, 'conflict')) {
        notifications.show({ color: 'orange', message: t('reports.narrativeConflict'), autoClose: 10000 });
        await client.invalidateQueries({ queryKey: reportKeys.all });
      }
    },
  });
  if (!canEdit) {
    return narrative?.text ? (
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
        {narrative.text}
      </Text>
    ) : null;
  }
  const changed = text !== (narrative?.text ?? '');
  return (
    <>
      {save.isError && !isApiError(save.error, 'conflict') && (
        <Alert color="red" mb="xs">
          {errorMessage(save.error, t('errors.internal', { requestId: '—' }))}
        </Alert>
      )}
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Textarea
          style={{ flex: 1 }}
          size="xs"
          autosize
          minRows={1}
          maxRows={6}
          aria-label={t('reports.narrative')}
          placeholder={t('reports.narrativePlaceholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={save.error && isApiError(save.error) ? save.error.fields.find((f) => f.path === 'text')?.message : undefined}
        />
        <Button size="xs" variant="light" disabled={!changed} loading={save.isPending} onClick={() => save.mutate()}>
          {t('reports.saveNarrative')}
        </Button>
      </Group>
    </>
  );
}
