// A new away shift, or its edit: title, venue, branch, programme, dates (a shift may be typed in
// after it happened), the shift's programme and its specialists.
import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ShiftInput, type ShiftView } from '../../domain/shifts/contracts.js';
import { useBranches, useProgrammes } from '../access/queries.js';
import { newIdempotencyKey } from '../app/api.js';
import { fullName } from '../app/format.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { useMe } from '../app/session.js';
import { FormError } from '../app/states.js';
import { staffOptions, useStaff } from '../cases/queries.js';
import { shiftKeys, shiftsApi } from './api.js';

interface Values {
  branchId: string | null;
  programmeId: string | null;
  title: string;
  venue: string;
  description: string;
  startsOn: string;
  endsOn: string;
  specialistIds: string[];
}

const toInput = (values: Values) => ({ ...values, branchId: values.branchId ?? '', programmeId: values.programmeId ?? '' });

function ShiftFormBody({ shift, onDone }: { shift?: ShiftView; onDone: (shift: ShiftView | null) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const staff = useStaff();
  const branches = useBranches();
  const programmes = useProgrammes();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const myBranches = (branches.data ?? []).filter((branch) => me.branchIds.includes(branch.id));
  const form = useForm<Values>({
    initialValues: shift
      ? {
          branchId: shift.branchId,
          programmeId: shift.programmeId,
          title: shift.title,
          venue: shift.venue,
          description: shift.description,
          startsOn: shift.startsOn,
          endsOn: shift.endsOn,
          specialistIds: shift.specialists.map((s) => s.id),
        }
      : {
          branchId: me.branchIds[0] ?? null,
          programmeId: null,
          title: '',
          venue: '',
          description: '',
          startsOn: '',
          endsOn: '',
          specialistIds: [],
        },
    validate: schemaValidator(ShiftInput, toInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const input = ShiftInput.parse(toInput(values));
      return shift ? shiftsApi.update(shift.id, { ...input, version: shift.version }) : shiftsApi.create(input, idempotencyKey);
    },
    onSuccess: async (saved) => {
      notifications.show({ color: 'green', message: t('shifts.saved') });
      await client.invalidateQueries({ queryKey: shiftKeys.all });
      onDone(saved);
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const specialists = staffOptions(staff.data);
  if (!specialists.some((option) => option.value === me.id)) specialists.unshift({ value: me.id, label: fullName(me) });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="sm">
        <TextInput label={t('shifts.fields.title')} withAsterisk {...form.getInputProps('title')} />
        <TextInput label={t('shifts.fields.venue')} withAsterisk {...form.getInputProps('venue')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('shifts.fields.branchId')}
            withAsterisk
            allowDeselect={false}
            data={myBranches.map((branch) => ({ value: branch.id, label: branch.name }))}
            {...form.getInputProps('branchId')}
          />
          <Select
            label={t('shifts.fields.programmeId')}
            withAsterisk
            allowDeselect={false}
            data={(programmes.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))}
            {...form.getInputProps('programmeId')}
          />
          <TextInput type="date" label={t('shifts.fields.startsOn')} withAsterisk {...form.getInputProps('startsOn')} />
          <TextInput type="date" label={t('shifts.fields.endsOn')} withAsterisk {...form.getInputProps('endsOn')} />
        </SimpleGrid>
        <Textarea label={t('shifts.fields.description')} autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
        <MultiSelect label={t('shifts.fields.specialistIds')} searchable data={specialists} {...form.getInputProps('specialistIds')} />
        <FormError error={save.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t(shift ? 'common.save' : 'common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ShiftModal({ opened, shift, onClose }: { opened: boolean; shift?: ShiftView; onClose: (shift: ShiftView | null) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={() => onClose(null)} title={t(shift ? 'shifts.edit' : 'shifts.add')} size="lg">
      {opened && <ShiftFormBody shift={shift} onDone={onClose} />}
    </Modal>
  );
}
