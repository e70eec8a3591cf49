// Moving a case along its lifecycle. Closing asks for the outcome and a reason, reopening for a
// reason; the action itself comes from the case's allowedActions (the lifecycle table).
import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type CaseDetail, TransitionInput } from '../../domain/cases/contracts.js';
import { CLOSING_OUTCOMES, type CaseAction, type ClosingOutcome } from '../../domain/cases/lifecycle.js';
import { today } from '../../domain/families/people.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { caseKeys, casesApi } from './api.js';
import { SaveError } from './ConflictAlert.js';

interface Values {
  on: string;
  outcome: ClosingOutcome | null;
  reason: string;
}

function TransitionForm({ detail, action, onDone }: { detail: CaseDetail; action: CaseAction; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toInput = (values: Values) => ({ ...values, action, version: detail.case.version });
  const form = useForm<Values>({
    initialValues: { on: today(), outcome: null, reason: '' },
    validate: schemaValidator(TransitionInput, toInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) => casesApi.transition(detail.case.id, toInput(values)),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('cases.transitionDone') });
      await client.invalidateQueries({ queryKey: caseKeys.all });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const reload = async () => {
    await client.invalidateQueries({ queryKey: caseKeys.one(detail.case.id) });
    onDone();
  };
  const closing = action === 'close';
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <TextInput type="date" label={t('cases.transitionOn')} withAsterisk max={today()} {...form.getInputProps('on')} />
        {closing && (
          <Select
            label={t('cases.outcome')}
            withAsterisk
            data={CLOSING_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`cases.outcomes.${outcome}`) }))}
            {...form.getInputProps('outcome')}
          />
        )}
        <Textarea
          label={t('cases.reason')}
          withAsterisk={closing || action === 'reopen'}
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        <SaveError error={save.error} onReload={() => void reload()} conflictMessage={t('cases.conflict')} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={closing ? 'red' : undefined} loading={save.isPending}>
            {t('cases.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TransitionModal({ detail, action, onClose }: { detail: CaseDetail; action: CaseAction | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={action !== null} onClose={onClose} title={action ? t(`cases.actions.${action}`) : ''}>
      {action && <TransitionForm detail={detail} action={action} onDone={onClose} />}
    </Modal>
  );
}
