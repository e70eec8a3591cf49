// The organisation's assessment templates (current versions): what each assesses, who fills it in,
// how often; open one to edit it (a save makes a new version).
import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { useTemplates } from './CaseAssessments.js';
import { useLocalized } from './labels.js';

export function TemplatesPage() {
  const { t } = useTranslation();
  const text = useLocalized();
  const templates = useTemplates();
  return (
    <Page
      title={t('assessments.templates.title')}
      actions={
        <Button
          size="xs"
          leftSection={<IconPlus size={14} />}
          renderRoot={(root) => <Link {...root} to="/admin/templates/$code" params={{ code: 'new' }} />}
        >
          {t('assessments.templates.new')}
        </Button>
      }
    >
      <Text size="sm" c="dimmed" mt={-8}>
        {t('assessments.templates.hint')}
      </Text>
      {templates.isPending ? (
        <LoadingState />
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : (
        <Stack gap="sm">
          {templates.data.map((tpl) => (
            <Card key={tpl.id} withBorder padding="sm">
              <Group justify="space-between" gap="xs">
                <Anchor fw={600} renderRoot={(root) => <Link {...root} to="/admin/templates/$code" params={{ code: tpl.code }} />}>
                  {text(tpl.definition.name)}
                </Anchor>
                <Group gap={6}>
                  <Badge variant="light" color="gray">
                    {t('assessments.templates.versionN', { version: tpl.version })}
                  </Badge>
                  <Badge variant="light" color={tpl.active ? 'green' : 'gray'}>
                    {tpl.active ? t('assessments.templates.active') : t('common.inactive')}
                  </Badge>
                </Group>
              </Group>
              <Text size="sm" c="dimmed">
                {t(`assessments.templates.subjects.${tpl.definition.subject}`)} ·{' '}
                {t('assessments.templates.domainsCount', { count: tpl.definition.domains.length })} ·{' '}
                {t('assessments.templates.questionsCount', { count: tpl.definition.domains.reduce((n, d) => n + d.questions.length, 0) })} ·{' '}
                {tpl.definition.roles.map((role) => t(`roles.${role}`)).join(', ')}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </Page>
  );
}
