// The organisation's feedback forms (the admin and the M&E officer): each with its current version,
// to open in the editor, and a new form of the organisation's own — created with one open question,
// then shaped in the editor.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_PURPOSES, type FeedbackPurpose } from '../../domain/feedback/template.js';
import { translate } from '../../domain/i18n/index.js';
import { isApiError, newIdempotencyKey } from '../app/api.js';
import { Page } from '../app/Page.js';
import { ErrorState, FormError, LoadingState } from '../app/states.js';
import { useLocalized } from '../assessments/labels.js';
import { feedbackApi, feedbackKeys } from './api.js';
import { useFeedbackTemplates } from './CaseFeedback.js';

function NewTemplateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [values, setValues] = useState({ code: '', ru: '', en: '', purpose: 'satisfaction' as FeedbackPurpose });
  const create = useMutation({
    mutationFn: () =>
      feedbackApi.createTemplate(
        {
          definition: {
            code: values.code,
            name: { ru: values.ru, en: values.en },
            purpose: values.purpose,
            // One open question to start with: a form needs at least one, the editor adds the rest.
            questions: [
              {
                code: 'comment',
                kind: 'text',
                scored: false,
                text: {
                  ru: translate('ru', 'dashboards.feedback.firstQuestion'),
                  en: translate('en', 'dashboards.feedback.firstQuestion'),
                },
              },
            ],
          },
        },
        key,
      ),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: feedbackKeys.templates });
      await navigate({ to: '/admin/feedback-templates/$code', params: { code: created.code } });
    },
  });
  const error = (path: string) =>
    isApiError(create.error, 'validation') ? create.error.fields.find((f) => f.path === `definition.${path}`)?.message : undefined;
  const general = create.isError && !(isApiError(create.error, 'validation') && create.error.fields.length > 0);
  return (
    <Modal opened onClose={onClose} title={t('dashboards.feedback.newTemplate')}>
      <Stack gap="sm">
        {general && <FormError error={create.error} />}
        <TextInput
          label={t('dashboards.feedback.code')}
          value={values.code}
          onChange={(e) => setValues({ ...values, code: e.currentTarget.value })}
          error={error('code')}
          data-testid="feedback-code"
        />
        <TextInput
          label={t('dashboards.feedback.editor.nameRu')}
          value={values.ru}
          onChange={(e) => setValues({ ...values, ru: e.currentTarget.value })}
          error={error('name.ru')}
          data-testid="feedback-name-ru"
        />
        <TextInput
          label={t('dashboards.feedback.editor.nameEn')}
          value={values.en}
          onChange={(e) => setValues({ ...values, en: e.currentTarget.value })}
          error={error('name.en')}
        />
        <Select
          label={t('dashboards.feedback.editor.purpose')}
          data={FEEDBACK_PURPOSES.map((p) => ({ value: p, label: t(`dashboards.feedback.editor.purposes.${p}`) }))}
          value={values.purpose}
          onChange={(p) => p && setValues({ ...values, purpose: p as FeedbackPurpose })}
          allowDeselect={false}
        />
        <Group justify="flex-end">
          <Button onClick={() => create.mutate()} loading={create.isPending} data-testid="feedback-create">
            {t('dashboards.feedback.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function FeedbackTemplatesPage() {
  const { t } = useTranslation();
  const text = useLocalized();
  const templates = useFeedbackTemplates();
  const [creating, setCreating] = useState(false);
  return (
    <Page
      title={t('dashboards.feedback.templatesTitle')}
      actions={
        <Button onClick={() => setCreating(true)} data-testid="new-feedback-template">
          {t('dashboards.feedback.newTemplate')}
        </Button>
      }
    >
      {creating && <NewTemplateModal onClose={() => setCreating(false)} />}
      {templates.isPending && <LoadingState />}
      {templates.isError && <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />}
      <Stack gap="sm">
        {(templates.data ?? []).map((tpl) => (
          <Card key={tpl.code} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap">
              <div>
                <Text fw={600}>{text(tpl.definition.name)}</Text>
                <Text size="sm" c="dimmed">
                  {t(`dashboards.feedback.editor.purposes.${tpl.definition.purpose}`)} ·{' '}
                  {t('dashboards.feedback.version', { version: tpl.version })}
                </Text>
              </div>
              <Group gap="xs">
                {!tpl.active && <Badge color="gray">{t('dashboards.feedback.inactive')}</Badge>}
                <Anchor renderRoot={(root) => <Link {...root} to="/admin/feedback-templates/$code" params={{ code: tpl.code }} />}>
                  {t('dashboards.feedback.edit')}
                </Anchor>
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
    </Page>
  );
}
