// Recording a follow-up contact with a family that left the programme: which contact (3, 6 or 12
// months), when and how, the answer that matters most (does the child live with the family) and
// where the family lives now. Saved as a service of type "follow-up contact".
import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CHILD_WITH_FAMILY, FOLLOW_UP_HOUSING, FollowUpInput, MILESTONES, type ChildWithFamily } from '../../domain/outcomes/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { outcomeKeys, outcomesApi } from './api.js';

const FORMATS = ['phone', 'in_person', 'home_visit', 'online'] as const;

interface Values {
  milestone: string;
  contactedOn: string;
  format: (typeof FORMATS)[number];
  durationMinutes: number | string;
  childWithFamily: ChildWithFamily | '';
  housing: (typeof FOLLOW_UP_HOUSING)[number] | '';
  place: string;
  note: string;
}

export function FollowUpModal({
  caseId,
  milestone,
  title,
  onClose,
}: {
  caseId: string;
  milestone?: number;
  title?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const toInput = (v: Values) => ({
    caseId,
    milestone: Number(v.milestone),
    contactedOn: v.contactedOn,
    format: v.format,
    durationMinutes: v.durationMinutes === '' ? undefined : Number(v.durationMinutes),
    childWithFamily: v.childWithFamily || undefined,
    housing: v.housing || undefined,
    place: v.place,
    note: v.note,
  });
  const form = useForm<Values>({
    initialValues: {
      milestone: String(milestone ?? 3),
      contactedOn: new Date().toISOString().slice(0, 10),
      format: 'phone',
      durationMinutes: 20,
      childWithFamily: '',
      housing: '',
      place: '',
      note: '',
    },
    validate: schemaValidator(FollowUpInput, toInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) => outcomesApi.recordFollowUp(toInput(values) as FollowUpInput, idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('outcomes.followUp.recorded') });
      await Promise.all([
        client.invalidateQueries({ queryKey: outcomeKeys.all }),
        client.invalidateQueries({ queryKey: caseKeys.one(caseId) }),
        client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'services' }),
      ]);
      onClose();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <Modal opened onClose={onClose} title={title ?? t('outcomes.followUp.record')} size="lg">
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('outcomes.followUp.milestone')}
              allowDeselect={false}
              data={MILESTONES.map((m) => ({ value: String(m), label: t(`outcomes.followUp.milestones.${m}`) }))}
              {...form.getInputProps('milestone')}
            />
            <TextInput type="date" label={t('outcomes.followUp.contactedOn')} withAsterisk {...form.getInputProps('contactedOn')} />
            <Select
              label={t('outcomes.followUp.format')}
              allowDeselect={false}
              data={FORMATS.map((f) => ({ value: f, label: t(`outcomes.followUp.formats.${f}`) }))}
              {...form.getInputProps('format')}
            />
            <NumberInput label={t('outcomes.followUp.durationMinutes')} min={1} max={1440} {...form.getInputProps('durationMinutes')} />
          </SimpleGrid>
          <Radio.Group label={t('outcomes.followUp.childWithFamily')} withAsterisk {...form.getInputProps('childWithFamily')}>
            <Group gap="md" mt={4}>
              {CHILD_WITH_FAMILY.map((answer) => (
                <Radio key={answer} value={answer} label={t(`outcomes.followUp.answers.${answer}`)} />
              ))}
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('outcomes.followUp.housing')}
              withAsterisk
              data={FOLLOW_UP_HOUSING.map((h) => ({ value: h, label: t(`outcomes.followUp.housings.${h}`) }))}
              {...form.getInputProps('housing')}
            />
            <TextInput label={t('outcomes.followUp.place')} {...form.getInputProps('place')} />
          </SimpleGrid>
          <Textarea label={t('outcomes.followUp.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <FormError error={save.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('outcomes.followUp.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
