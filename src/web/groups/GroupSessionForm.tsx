// A new group session: kind, series, topic, date (or a date range for an away shift), duration,
// facilitators, outside participants (counted, not identified) and a summary.
import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { today } from '../../domain/families/people.js';
import { GROUP_KINDS, GroupSessionInput, type GroupSessionView } from '../../domain/services/contracts.js';
import { useBranches } from '../access/queries.js';
import { newIdempotencyKey } from '../app/api.js';
import { fullName } from '../app/format.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { useMe } from '../app/session.js';
import { FormError } from '../app/states.js';
import { staffOptions, useStaff } from '../cases/queries.js';
import { serviceKeys, groupsApi } from '../services/api.js';
import { DURATION_PRESETS } from '../services/labels.js';

type Kind = (typeof GROUP_KINDS)[number];
interface Values {
  branchId: string | null;
  kind: Kind;
  series: string;
  topic: string;
  date: string;
  endDate: string;
  durationMinutes: number | string;
  facilitatorIds: string[];
  outsideAdults: number | string;
  outsideChildren: number | string;
  summary: string;
}

const toInput = (values: Values) => ({
  ...values,
  branchId: values.branchId ?? '',
  endDate: values.endDate || null,
  durationMinutes: values.durationMinutes === '' ? NaN : Number(values.durationMinutes),
  outsideAdults: Number(values.outsideAdults || 0),
  outsideChildren: Number(values.outsideChildren || 0),
});

function SessionForm({ onDone, series }: { onDone: (session: GroupSessionView | null) => void; series: string[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const staff = useStaff();
  const branches = useBranches();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const myBranches = (branches.data ?? []).filter((branch) => me.branchIds.includes(branch.id));
  const form = useForm<Values>({
    initialValues: {
      branchId: me.branchIds[0] ?? null,
      kind: 'parents_club',
      series: '',
      topic: '',
      date: today(),
      endDate: '',
      durationMinutes: 90,
      facilitatorIds: [me.id],
      outsideAdults: 0,
      outsideChildren: 0,
      summary: '',
    },
    validate: schemaValidator(GroupSessionInput, toInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) => groupsApi.create(GroupSessionInput.parse(toInput(values)), idempotencyKey),
    onSuccess: async (session) => {
      notifications.show({ color: 'green', message: t('groups.created') });
      await client.invalidateQueries({ queryKey: serviceKeys.groups });
      onDone(session);
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const facilitators = staffOptions(staff.data);
  if (!facilitators.some((option) => option.value === me.id)) facilitators.unshift({ value: me.id, label: fullName(me) });
  const away = form.getValues().kind === 'away_shift';
  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('groups.kind')}
            withAsterisk
            allowDeselect={false}
            data={GROUP_KINDS.map((kind) => ({ value: kind, label: t(`groups.kinds.${kind}`) }))}
            {...form.getInputProps('kind')}
          />
          {myBranches.length > 1 && (
            <Select
              label={t('groups.branch')}
              withAsterisk
              allowDeselect={false}
              data={myBranches.map((branch) => ({ value: branch.id, label: branch.name }))}
              {...form.getInputProps('branchId')}
            />
          )}
        </SimpleGrid>
        <TextInput label={t('groups.series')} description={t('groups.seriesHint')} list="group-series" {...form.getInputProps('series')} />
        <datalist id="group-series">
          {series.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <TextInput label={t('groups.topic')} withAsterisk {...form.getInputProps('topic')} />
        <SimpleGrid cols={{ base: 1, xs: away ? 3 : 2 }} spacing="sm">
          <TextInput type="date" label={t('groups.date')} withAsterisk max={today()} {...form.getInputProps('date')} />
          {away && (
            <TextInput type="date" label={t('groups.endDate')} description={t('groups.endDateHint')} {...form.getInputProps('endDate')} />
          )}
          <NumberInput
            label={t('groups.duration')}
            withAsterisk
            clampBehavior="none"
            min={1}
            max={1440}
            step={15}
            {...form.getInputProps('durationMinutes')}
          />
        </SimpleGrid>
        <Group gap={6}>
          {[...DURATION_PRESETS, 120].map((preset) => (
            <Button
              key={preset}
              size="compact-xs"
              variant={Number(form.getValues().durationMinutes) === preset ? 'filled' : 'default'}
              onClick={() => form.setFieldValue('durationMinutes', preset)}
            >
              {t('services.minutes', { count: preset })}
            </Button>
          ))}
        </Group>
        <MultiSelect
          label={t('groups.facilitators')}
          withAsterisk
          searchable
          data={facilitators}
          {...form.getInputProps('facilitatorIds')}
        />
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput label={t('groups.outsideAdults')} min={0} max={1000} {...form.getInputProps('outsideAdults')} />
          <NumberInput label={t('groups.outsideChildren')} min={0} max={1000} {...form.getInputProps('outsideChildren')} />
        </SimpleGrid>
        <Textarea label={t('groups.summary')} autosize minRows={2} maxRows={8} {...form.getInputProps('summary')} />
        <FormError error={save.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function GroupSessionModal({
  opened,
  series,
  onClose,
}: {
  opened: boolean;
  series: string[];
  onClose: (session: GroupSessionView | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={() => onClose(null)} title={t('groups.new')} size="lg">
      {opened && <SessionForm series={series} onDone={onClose} />}
    </Modal>
  );
}
