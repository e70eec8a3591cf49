// The organisation's feedback forms (admin): each with its current version, to open in the editor.
import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { useLocalized } from '../assessments/labels.js';
import { useFeedbackTemplates } from './CaseFeedback.js';

export function FeedbackTemplatesPage() {
  const { t } = useTranslation();
  const text = useLocalized();
  const templates = useFeedbackTemplates();
  return (
    <Page title={t('dashboards.feedback.templatesTitle')}>
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
