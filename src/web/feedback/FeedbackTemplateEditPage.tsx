// The editor of a feedback form: names in both languages, purpose, whether it may be filled in
// unsigned, and the questions (scale bounds, choice options). Checked with the shared schema before
// saving; a save makes a new version, a stale one is a conflict; server errors land by their fields.
import { useState } from 'react';
import { ActionIcon, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { FeedbackTemplateView } from '../../domain/feedback/contracts.js';
import { FEEDBACK_PURPOSES, FEEDBACK_QUESTION_KINDS, FeedbackTemplateInput } from '../../domain/feedback/template.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { isApiError } from '../app/api.js';
import { Page } from '../app/Page.js';
import { ErrorState, FormError, LoadingState } from '../app/states.js';
import { useLocalized } from '../assessments/labels.js';
import { feedbackApi, feedbackKeys } from './api.js';

type Definition = z.input<typeof FeedbackTemplateInput>;
type QuestionValues = Definition['questions'][number];

const L = () => ({ ru: '', en: '' });

function Editor({ template }: { template: FeedbackTemplateView }) {
  const { t, i18n } = useTranslation();
  const text = useLocalized();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Definition>(template.definition);
  const [active, setActive] = useState(template.active);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (definition: Definition) => feedbackApi.updateTemplate(template.code, { definition, active, version: template.version }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('dashboards.feedback.editor.saved') });
      await queryClient.invalidateQueries({ queryKey: feedbackKeys.templates });
      await navigate({ to: '/admin/feedback-templates' });
    },
  });
  const error = (path: string) =>
    clientErrors[path] ??
    (isApiError(save.error, 'validation') ? save.error.fields.find((f) => f.path === `definition.${path}`)?.message : undefined);
  const setQuestion = (i: number, patch: Partial<QuestionValues>) =>
    setValues((v) => ({ ...v, questions: v.questions.map((q, j) => (j === i ? ({ ...q, ...patch } as QuestionValues) : q)) }));
  const submit = () => {
    const parsed = FeedbackTemplateInput.safeParse(values);
    if (!parsed.success) {
      const language = (i18n.language === 'en' ? 'en' : 'ru') as Language;
      setClientErrors(
        Object.fromEntries(
          parsed.error.issues.map((issue) => {
            const code = issue.message.startsWith('i18n:') ? issue.message.slice(5) : 'invalid';
            return [issue.path.join('.'), translate(language, `validation.${code}`)];
          }),
        ),
      );
      return;
    }
    setClientErrors({});
    save.mutate(values);
  };
  return (
    <Page title={t('dashboards.feedback.editor.title', { name: text(template.definition.name) })}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput
            label={t('dashboards.feedback.editor.nameRu')}
            value={values.name.ru}
            onChange={(e) => setValues({ ...values, name: { ...values.name, ru: e.currentTarget.value } })}
            error={error('name.ru')}
          />
          <TextInput
            label={t('dashboards.feedback.editor.nameEn')}
            value={values.name.en}
            onChange={(e) => setValues({ ...values, name: { ...values.name, en: e.currentTarget.value } })}
            error={error('name.en')}
          />
        </SimpleGrid>
        <Select
          label={t('dashboards.feedback.editor.purpose')}
          data={FEEDBACK_PURPOSES.map((p) => ({ value: p, label: t(`dashboards.feedback.editor.purposes.${p}`) }))}
          value={values.purpose}
          onChange={(p) => p && setValues({ ...values, purpose: p as Definition['purpose'] })}
          allowDeselect={false}
          maw={320}
        />
        <Switch
          label={t('dashboards.feedback.editor.anonymous')}
          checked={values.anonymous ?? false}
          onChange={(e) => setValues({ ...values, anonymous: e.currentTarget.checked })}
        />
        <Switch label={t('dashboards.feedback.editor.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        <Title order={3} size="h4">
          {t('dashboards.feedback.editor.questions')}
        </Title>
        {values.questions.map((q, i) => (
          <Card key={i} withBorder padding="sm">
            <Stack gap="xs">
              <Group align="flex-end" wrap="wrap">
                <TextInput
                  label={t('dashboards.feedback.editor.code')}
                  value={q.code}
                  onChange={(e) => setQuestion(i, { code: e.currentTarget.value })}
                  error={error(`questions.${i}.code`)}
                  w={180}
                />
                <Select
                  label={t('dashboards.feedback.editor.kind')}
                  data={FEEDBACK_QUESTION_KINDS.map((k) => ({ value: k, label: t(`dashboards.feedback.editor.kinds.${k}`) }))}
                  value={q.kind}
                  onChange={(k) =>
                    k && setQuestion(i, { kind: k as QuestionValues['kind'], ...(k === 'scale' && { min: q.min ?? 1, max: q.max ?? 5 }) })
                  }
                  error={error(`questions.${i}.kind`)}
                  allowDeselect={false}
                  w={200}
                />
                {q.kind === 'scale' && (
                  <>
                    <NumberInput
                      label={t('dashboards.feedback.editor.min')}
                      value={q.min ?? ''}
                      onChange={(v) => setQuestion(i, { min: Number(v) })}
                      w={90}
                    />
                    <NumberInput
                      label={t('dashboards.feedback.editor.max')}
                      value={q.max ?? ''}
                      onChange={(v) => setQuestion(i, { max: Number(v) })}
                      error={error(`questions.${i}.max`)}
                      w={90}
                    />
                  </>
                )}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('dashboards.feedback.editor.remove')}
                  onClick={() => setValues({ ...values, questions: values.questions.filter((_, j) => j !== i) })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <TextInput
                  label={t('dashboards.feedback.editor.textRu')}
                  value={q.text.ru}
                  onChange={(e) => setQuestion(i, { text: { ...q.text, ru: e.currentTarget.value } })}
                  error={error(`questions.${i}.text.ru`)}
                />
                <TextInput
                  label={t('dashboards.feedback.editor.textEn')}
                  value={q.text.en}
                  onChange={(e) => setQuestion(i, { text: { ...q.text, en: e.currentTarget.value } })}
                  error={error(`questions.${i}.text.en`)}
                />
              </SimpleGrid>
              {q.kind === 'single' && (
                <Stack gap={6}>
                  <Text size="sm" fw={500}>
                    {t('dashboards.feedback.editor.options')}
                  </Text>
                  {error(`questions.${i}.options`) && (
                    <Text size="xs" c="red">
                      {error(`questions.${i}.options`)}
                    </Text>
                  )}
                  {(q.options ?? []).map((o, k) => (
                    <Group key={k} align="flex-end" wrap="wrap">
                      <TextInput
                        label={t('dashboards.feedback.editor.optionCode')}
                        value={o.code}
                        onChange={(e) =>
                          setQuestion(i, {
                            options: (q.options ?? []).map((x, m) => (m === k ? { ...x, code: e.currentTarget.value } : x)),
                          })
                        }
                        w={150}
                      />
                      <TextInput
                        label={t('dashboards.feedback.editor.labelRu')}
                        value={o.label.ru}
                        onChange={(e) =>
                          setQuestion(i, {
                            options: (q.options ?? []).map((x, m) =>
                              m === k ? { ...x, label: { ...x.label, ru: e.currentTarget.value } } : x,
                            ),
                          })
                        }
                      />
                      <TextInput
                        label={t('dashboards.feedback.editor.labelEn')}
                        value={o.label.en}
                        onChange={(e) =>
                          setQuestion(i, {
                            options: (q.options ?? []).map((x, m) =>
                              m === k ? { ...x, label: { ...x.label, en: e.currentTarget.value } } : x,
                            ),
                          })
                        }
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('dashboards.feedback.editor.remove')}
                        onClick={() => setQuestion(i, { options: (q.options ?? []).filter((_, m) => m !== k) })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  ))}
                  <Button
                    variant="subtle"
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    onClick={() => setQuestion(i, { options: [...(q.options ?? []), { code: '', label: L() }] })}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('dashboards.feedback.editor.addOption')}
                  </Button>
                </Stack>
              )}
            </Stack>
          </Card>
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => setValues({ ...values, questions: [...values.questions, { code: '', text: L(), kind: 'yes_no' }] })}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('dashboards.feedback.editor.addQuestion')}
        </Button>
        {save.isError && (
          <FormError
            error={save.error}
            onReload={() => void queryClient.invalidateQueries({ queryKey: feedbackKeys.template(template.code) })}
          />
        )}
        <Group justify="flex-end">
          <Button onClick={submit} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Page>
  );
}

export function FeedbackTemplateEditPage() {
  const { code } = useParams({ from: '/admin/feedback-templates/$code' });
  const template = useQuery({ queryKey: feedbackKeys.template(code), queryFn: () => feedbackApi.template(code) });
  if (template.isPending) return <LoadingState />;
  if (template.isError) return <ErrorState error={template.error} onRetry={() => void template.refetch()} />;
  return <Editor key={`${template.data.code}-${template.data.version}`} template={template.data} />;
}
