// An unsigned survey at a centre: the desk picks the centre and records a form that allows it
// (the satisfaction survey), linked to no family; the latest forms of the centre are listed for its desk.
import { useState } from 'react';
import { Accordion, Alert, Card, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { EmptyState } from '../app/states.js';
import { useLocalized } from '../assessments/labels.js';
import { FacilityPicker } from '../housing/FacilityPicker.js';
import { AnswersView } from './AnswersView.js';
import { feedbackApi, feedbackKeys } from './api.js';
import { useFeedbackTemplates } from './CaseFeedback.js';
import { FeedbackForm } from './FeedbackForm.js';

export function UnsignedSurveyPage() {
  const { t } = useTranslation();
  const text = useLocalized();
  const [facilityId, setFacilityId] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const templates = useFeedbackTemplates();
  const unsigned = (templates.data ?? []).filter((tpl) => tpl.active && tpl.definition.anonymous);
  const chosen = unsigned.find((tpl) => tpl.code === (code ?? unsigned[0]?.code));
  const recent = useQuery({
    queryKey: feedbackKeys.facilityResponses(facilityId ?? ''),
    queryFn: () => feedbackApi.facilityResponses(facilityId!),
    enabled: facilityId !== null,
  });
  return (
    <Page title={t('dashboards.feedback.unsignedTitle')}>
      <Alert color="blue">{t('dashboards.feedback.unsignedHint')}</Alert>
      <FacilityPicker value={facilityId} onChange={setFacilityId} />
      <Select
        label={t('dashboards.feedback.template')}
        data={unsigned.map((tpl) => ({ value: tpl.code, label: text(tpl.definition.name) }))}
        value={chosen?.code ?? null}
        onChange={setCode}
        allowDeselect={false}
        maw={420}
      />
      {facilityId === null && <Text c="dimmed">{t('dashboards.feedback.chooseFacility')}</Text>}
      {facilityId && chosen && (
        <Card withBorder padding="md">
          <FeedbackForm
            key={`${facilityId}-${chosen.code}-${round}`}
            template={chosen}
            submit={(body, key) => feedbackApi.recordAtFacility(facilityId, body, key)}
            invalidate={feedbackKeys.facilityResponses(facilityId)}
            onDone={() => setRound((n) => n + 1)}
          />
        </Card>
      )}
      {facilityId && recent.data && (
        <Stack gap="xs">
          <Text fw={600}>{t('dashboards.feedback.recent')}</Text>
          {recent.data.items.length === 0 && <EmptyState />}
          <Accordion variant="separated">
            {recent.data.items.map((r) => (
              <Accordion.Item key={r.id} value={r.id}>
                <Accordion.Control>
                  {text(r.templateName)} · {formatDate(r.respondedOn)}
                </Accordion.Control>
                <Accordion.Panel>
                  <AnswersView response={r} template={templates.data?.find((tpl) => tpl.code === r.templateCode)} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      )}
    </Page>
  );
}
