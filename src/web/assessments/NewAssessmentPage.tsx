// A new assessment of a family (or one member) in a case, from the current version of a template.
import { useState } from 'react';
import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../app/api.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { caseKeys, casesApi } from '../cases/api.js';
import { memberLabel } from '../cases/labels.js';
import { planKeys } from '../plans/api.js';
import { assessmentKeys, assessmentsApi } from './api.js';
import { AssessmentForm, type AssessmentFormValues } from './AssessmentForm.js';
import { useLocalized } from './labels.js';

/** The search of the new-assessment page: which template to fill. */
export function parseNewAssessmentSearch(search: Record<string, unknown>): { template: string } {
  return { template: typeof search.template === 'string' ? search.template : '' };
}

export function NewAssessmentPage() {
  const { t } = useTranslation();
  const text = useLocalized();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { caseId } = useParams({ from: '/cases/$caseId/assessments/new' });
  const { template: code } = useSearch({ from: '/cases/$caseId/assessments/new' });
  const [idempotencyKey] = useState(newIdempotencyKey);
  const detail = useQuery({ queryKey: caseKeys.one(caseId), queryFn: () => casesApi.get(caseId) });
  const template = useQuery({
    queryKey: assessmentKeys.template(code),
    queryFn: () => assessmentsApi.template(code),
    enabled: code !== '',
  });
  const save = useMutation({
    mutationFn: (values: AssessmentFormValues) =>
      assessmentsApi.create(
        caseId,
        { templateCode: code, memberId: values.memberId, conductedOn: values.conductedOn, answers: values.answers, notes: values.notes },
        idempotencyKey,
      ),
    onSuccess: async (saved) => {
      notifications.show({ color: 'green', message: t('assessments.saved') });
      await Promise.all([
        client.invalidateQueries({ queryKey: assessmentKeys.ofCase(caseId) }),
        client.invalidateQueries({ queryKey: caseKeys.one(caseId) }),
        client.invalidateQueries({ queryKey: planKeys.myWork }),
      ]);
      client.setQueryData(assessmentKeys.one(saved.id), saved);
      await navigate({ to: '/assessments/$assessmentId', params: { assessmentId: saved.id } });
    },
  });
  if (detail.isPending || template.isPending) return <LoadingState />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (template.isError) return <ErrorState error={template.error} onRetry={() => void template.refetch()} />;
  const definition = template.data.definition;
  const back = () => void navigate({ to: '/cases/$caseId', params: { caseId }, search: { tab: 'assessments' } });
  return (
    <Page title={text(definition.name)} documentTitle={t('assessments.new')}>
      <Text size="sm" c="dimmed" mt={-8}>
        <Anchor renderRoot={(root) => <Link {...root} to="/cases/$caseId" params={{ caseId }} search={{ tab: 'assessments' }} />}>
          {detail.data.case.familyName}
        </Anchor>
        {definition.description && ` · ${text(definition.description)}`}
      </Text>
      <AssessmentForm
        template={definition}
        visibleSections={detail.data.visibleSections}
        mode="new"
        members={detail.data.family.members
          // Parent–child interaction is about one child: only the children born are offered.
          .filter((m) => definition.subject !== 'child' || m.relation === 'child')
          .map((m) => ({ value: m.id, label: memberLabel(m) }))}
        saving={save.isPending}
        error={save.error}
        onSubmit={(values) => save.mutate(values)}
        onCancel={back}
      />
    </Page>
  );
}
