// The case's feedback: the forms filled in with the mother (exit interview, survey), and filling
// in a new one. Shown on the case page to its team.
import { useState } from 'react';
import { Accordion, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { useLocalized } from '../assessments/labels.js';
import { AnswersView } from './AnswersView.js';
import { feedbackApi, feedbackKeys } from './api.js';
import { FeedbackForm } from './FeedbackForm.js';

export function useFeedbackTemplates() {
  return useQuery({ queryKey: feedbackKeys.templates, queryFn: feedbackApi.templates, select: (data) => data.items });
}

export function CaseFeedback({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const text = useLocalized();
  const templates = useFeedbackTemplates();
  const responses = useQuery({ queryKey: feedbackKeys.caseResponses(caseId), queryFn: () => feedbackApi.caseResponses(caseId) });
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const active = (templates.data ?? []).filter((tpl) => tpl.active);
  const chosen = active.find((tpl) => tpl.code === (code ?? active[0]?.code));
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button
          leftSection={<IconMessageCircle size={16} />}
          onClick={() => setOpen(true)}
          disabled={active.length === 0}
          data-testid="feedback-record"
        >
          {t('dashboards.feedback.record')}
        </Button>
      </Group>
      {responses.isPending && <LoadingState />}
      {responses.isError && <ErrorState error={responses.error} onRetry={() => void responses.refetch()} />}
      {responses.data && responses.data.items.length === 0 && <EmptyState>{t('dashboards.feedback.caseEmpty')}</EmptyState>}
      {responses.data && responses.data.items.length > 0 && (
        <Accordion variant="separated">
          {responses.data.items.map((r) => (
            <Accordion.Item key={r.id} value={r.id}>
              <Accordion.Control>
                <Text size="sm" fw={500}>
                  {text(r.templateName)} · {formatDate(r.respondedOn)}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <AnswersView response={r} template={templates.data?.find((tpl) => tpl.code === r.templateCode)} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={chosen ? t('dashboards.feedback.recordTitle', { name: text(chosen.definition.name) }) : ''}
        size="lg"
      >
        <Stack gap="md">
          <Select
            label={t('dashboards.feedback.template')}
            data={active.map((tpl) => ({ value: tpl.code, label: text(tpl.definition.name) }))}
            value={chosen?.code ?? null}
            onChange={setCode}
            allowDeselect={false}
          />
          {chosen && (
            <FeedbackForm
              key={chosen.code}
              template={chosen}
              submit={(body, key) => feedbackApi.recordForCase(caseId, body, key)}
              invalidate={feedbackKeys.caseResponses(caseId)}
              onDone={() => setOpen(false)}
            />
          )}
        </Stack>
      </Modal>
    </Stack>
  );
}
