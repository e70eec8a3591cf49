// Filling in a feedback form: the questions of the current template drawn like assessment
// questions, the date, and the server's field errors next to their questions. Used for a case
// (by its team) and unsigned at a centre.
import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../domain/assessments/template.js';
import type { FeedbackResponseInput, FeedbackTemplateView } from '../../domain/feedback/contracts.js';
import { isApiError, newIdempotencyKey } from '../app/api.js';
import { FormError } from '../app/states.js';
import { AnswerField } from '../assessments/AnswerField.js';
import { useLocalized } from '../assessments/labels.js';

interface Props {
  template: FeedbackTemplateView;
  submit: (body: FeedbackResponseInput, key: string) => Promise<unknown>;
  invalidate: readonly unknown[];
  onDone: () => void;
}

export function FeedbackForm({ template, submit, invalidate, onDone }: Props) {
  const { t } = useTranslation();
  const text = useLocalized();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [respondedOn, setRespondedOn] = useState(new Date().toISOString().slice(0, 10));
  const [key] = useState(newIdempotencyKey);
  const save = useMutation({
    mutationFn: () =>
      submit(
        {
          templateCode: template.code,
          respondedOn,
          answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null)),
        },
        key,
      ),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('dashboards.feedback.saved') });
      await queryClient.invalidateQueries({ queryKey: invalidate });
      onDone();
    },
  });
  const fieldError = (path: string) =>
    isApiError(save.error, 'validation') ? save.error.fields.find((f) => f.path === path)?.message : undefined;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md">
        {template.definition.description && (
          <Text size="sm" c="dimmed">
            {text(template.definition.description)}
          </Text>
        )}
        <TextInput
          type="date"
          label={t('dashboards.feedback.respondedOn')}
          value={respondedOn}
          onChange={(e) => setRespondedOn(e.currentTarget.value)}
          error={fieldError('respondedOn')}
          maw={200}
          required
        />
        {template.definition.questions.map((question) => (
          <div key={question.code} data-testid={`question-${question.code}`}>
            <AnswerField
              question={question}
              value={answers[question.code] ?? null}
              onChange={(value) => setAnswers((current) => ({ ...current, [question.code]: value }))}
              error={fieldError(`answers.${question.code}`)}
            />
          </div>
        ))}
        {['answers', 'templateCode'].map((path) =>
          fieldError(path) ? (
            <Text key={path} size="sm" c="red" role="alert">
              {fieldError(path)}
            </Text>
          ) : null,
        )}
        {save.isError && <FormError error={save.error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="feedback-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
