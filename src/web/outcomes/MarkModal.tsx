// Marking an outcome by hand: achieved or not, a date and a note saying what it rests on. The mark
// is appended to the outcome's history; nothing earlier is changed.
import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MarkInput, MARK_STATUSES, type OutcomeView } from '../../domain/outcomes/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { outcomeKeys, outcomesApi } from './api.js';
import { outcomeName } from './labels.js';

interface Values {
  status: (typeof MARK_STATUSES)[number];
  on: string;
  note: string;
}

export function MarkModal({ caseId, outcome, onClose }: { caseId: string; outcome: OutcomeView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    initialValues: { status: 'achieved', on: new Date().toISOString().slice(0, 10), note: '' },
    validate: schemaValidator(MarkInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) => outcomesApi.mark(caseId, outcome.id, values, idempotencyKey),
    onSuccess: async (data) => {
      client.setQueryData(outcomeKeys.ofCase(caseId), data);
      notifications.show({ color: 'green', message: t('outcomes.mark.saved') });
      await client.invalidateQueries({ queryKey: caseKeys.one(caseId) });
      onClose();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <Modal opened onClose={onClose} title={`${t('outcomes.mark.title')}: ${outcomeName(outcome)}`}>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t('outcomes.mark.status')}
            data={MARK_STATUSES.map((status) => ({ value: status, label: t(`outcomes.statuses.${status}`) }))}
            {...form.getInputProps('status')}
          />
          <TextInput type="date" label={t('outcomes.mark.on')} withAsterisk {...form.getInputProps('on')} />
          <Textarea label={t('outcomes.mark.note')} withAsterisk autosize minRows={3} {...form.getInputProps('note')} />
          <FormError error={save.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('outcomes.mark.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
