// Creating or editing a programme or grant project: name, period, funder, budget in roubles, the
// consents the programme requires of a family's adults (the case page's missing consents warning) and
// from when its 3/6/12-month follow-ups count (the case's closing or its move to post-support).
import { useState } from 'react';
import { Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCalendar } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProgrammeInput, ProgrammeUpdateInput, type ProgrammeView } from '../../domain/access/contracts.js';
import { DEFAULT_REQUIRED_CONSENTS, type ConsentKind } from '../../domain/families/consents.js';
import { CONSENT_KINDS } from '../../domain/families/contracts.js';
import { FOLLOW_UP_FROM, type FollowUpFrom } from '../../domain/outcomes/follow-up.js';
import { api, newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';
import { keys } from './queries.js';

interface Values {
  name: string;
  periodStart: string | null;
  periodEnd: string | null;
  funder: string;
  budget: number | string;
  description: string;
  active: boolean;
  requiredConsents: ConsentKind[];
  followUpFrom: FollowUpFrom;
}

const EMPTY: Values = {
  name: '',
  periodStart: null,
  periodEnd: null,
  funder: '',
  budget: '',
  description: '',
  active: true,
  requiredConsents: [...DEFAULT_REQUIRED_CONSENTS],
  followUpFrom: 'closing',
};

const valuesOf = ({
  name,
  periodStart,
  periodEnd,
  funder,
  budget,
  description,
  active,
  requiredConsents,
  followUpFrom,
}: ProgrammeView): Values => ({
  name,
  periodStart,
  periodEnd,
  funder,
  budget: budget ?? '',
  description,
  active,
  requiredConsents,
  followUpFrom,
});

/** Form values as the API takes them: an empty budget is "not set", an empty date is missing. */
function toInput(values: Values) {
  return {
    ...values,
    periodStart: values.periodStart ?? (undefined as unknown as string),
    periodEnd: values.periodEnd ?? (undefined as unknown as string),
    budget: values.budget === '' ? null : Number(values.budget),
  };
}

function ProgrammeForm({ programme, onDone }: { programme: ProgrammeView | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [version, setVersion] = useState(programme?.version ?? 0);
  const form = useForm<Values>({
    initialValues: programme ? valuesOf(programme) : EMPTY,
    validate: programme
      ? schemaValidator(ProgrammeUpdateInput, (values: Values) => ({ ...toInput(values), version: 1 }))
      : schemaValidator(ProgrammeInput, toInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      programme
        ? api.programmes.update(programme.id, { ...toInput(values), version })
        : api.programmes.create(toInput(values), idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: keys.programmes });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const reload = async () => {
    const fresh = (await api.programmes.list()).items.find((item) => item.id === programme?.id);
    if (!fresh) return;
    setVersion(fresh.version);
    form.setValues(valuesOf(fresh));
    save.reset();
  };
  const russian = i18n.language === 'ru';
  const dateFormat = russian ? 'DD.MM.YYYY' : 'DD/MM/YYYY';
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <TextInput label={t('programmes.name')} withAsterisk {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <DatePickerInput
            label={t('programmes.periodStart')}
            valueFormat={dateFormat}
            leftSection={<IconCalendar size={16} />}
            withAsterisk
            clearable
            {...form.getInputProps('periodStart')}
          />
          <DatePickerInput
            label={t('programmes.periodEnd')}
            valueFormat={dateFormat}
            leftSection={<IconCalendar size={16} />}
            withAsterisk
            clearable
            {...form.getInputProps('periodEnd')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('programmes.funder')} {...form.getInputProps('funder')} />
          <NumberInput
            label={t('programmes.budget')}
            min={0}
            decimalScale={2}
            thousandSeparator={russian ? ' ' : ','}
            decimalSeparator={russian ? ',' : '.'}
            allowNegative={false}
            hideControls
            {...form.getInputProps('budget')}
          />
        </SimpleGrid>
        <Textarea label={t('programmes.description')} autosize minRows={3} maxRows={10} {...form.getInputProps('description')} />
        <Checkbox.Group
          label={t('programmes.requiredConsents')}
          description={t('programmes.requiredConsentsHint')}
          {...form.getInputProps('requiredConsents')}
        >
          <Group gap="md" mt={6}>
            {CONSENT_KINDS.map((kind) => (
              <Checkbox key={kind} value={kind} label={t(`consent.kinds.${kind}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label={t('programmes.followUpFrom')}
          description={t('programmes.followUpFromHint')}
          data={FOLLOW_UP_FROM.map((from) => ({ value: from, label: t(`programmes.followUpFromOptions.${from}`) }))}
          allowDeselect={false}
          {...form.getInputProps('followUpFrom')}
        />
        <Switch label={t('common.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <FormError error={save.error} onReload={() => void reload()} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {programme ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProgrammeFormModal({
  programme,
  opened,
  onClose,
}: {
  programme: ProgrammeView | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={programme ? t('web.programmes.editTitle') : t('programmes.new')} size="lg">
      {opened && <ProgrammeForm key={programme?.id ?? 'new'} programme={programme} onDone={onClose} />}
    </Modal>
  );
}
