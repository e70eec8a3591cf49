// The quick form of a service on the case page. Everything has a default (the most used type,
// today, 60 minutes, me, in person, planned by the team), so a routine consultation is «open, pick
// the duration, record»; members, plan tasks and a note are there when needed.
import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  Collapse,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../domain/families/contracts.js';
import { today } from '../../domain/families/people.js';
import { SERVICE_FORMATS, ServiceInput } from '../../domain/services/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { useMe } from '../app/session.js';
import { FormError } from '../app/states.js';
import { fullName } from '../app/format.js';
import { caseKeys } from '../cases/api.js';
import { staffOptions, useStaff } from '../cases/queries.js';
import { serviceKeys, servicesApi } from './api.js';
import { DEFAULT_DURATION, DURATION_PRESETS, rememberTypeUse, typeOptions, useTypesByUse } from './labels.js';

type Format = (typeof SERVICE_FORMATS)[number];

interface Values {
  typeId: string | null;
  date: string;
  durationMinutes: number | string;
  specialistIds: string[];
  memberIds: string[];
  format: Format;
  initiatedBy: 'client' | 'team';
  taskIds: string[];
  completeTasks: boolean;
  note: string;
}

const toInput = (caseId: string) => (values: Values) => ({
  ...values,
  caseId,
  typeId: values.typeId ?? '',
  durationMinutes: values.durationMinutes === '' ? NaN : Number(values.durationMinutes),
});

/** Open tasks of the case's plan, for linking (and marking done). */
function usePlanTasks(caseId: string) {
  return useQuery({
    queryKey: serviceKeys.plan(caseId),
    queryFn: () => servicesApi.plan(caseId),
    select: (data) =>
      (data.plan?.goals ?? []).flatMap((goal) =>
        goal.tasks
          .filter((task) => task.status === 'planned' || task.status === 'in_progress')
          .map((task) => ({ value: task.id, label: task.title })),
      ),
    retry: false,
  });
}

export function RecordServiceForm({ caseId, members, onDone }: { caseId: string; members: MemberView[]; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const staff = useStaff();
  const tasks = usePlanTasks(caseId);
  const [more, setMore] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const ordered = useTypesByUse();
  const form = useForm<Values>({
    initialValues: {
      typeId: null,
      date: today(),
      durationMinutes: DEFAULT_DURATION,
      specialistIds: [me.id],
      memberIds: [],
      format: 'in_person',
      initiatedBy: 'team',
      taskIds: [],
      completeTasks: false,
      note: '',
    },
    validate: schemaValidator(ServiceInput, toInput(caseId)),
  });
  // The most used type is the default once the catalogue is here (until the user picks another).
  const firstType = ordered[0]?.id ?? null;
  const typeId = form.getValues().typeId;
  useEffect(() => {
    if (typeId === null && firstType) form.setFieldValue('typeId', firstType);
  }, [typeId, firstType]);
  const specialists = useMemo(() => {
    const options = staffOptions(staff.data);
    return options.some((option) => option.value === me.id) ? options : [{ value: me.id, label: fullName(me) }, ...options];
  }, [staff.data, me]);

  const save = useMutation({
    mutationFn: (values: Values) => servicesApi.record(ServiceInput.parse(toInput(caseId)(values)), idempotencyKey),
    onSuccess: async (service) => {
      rememberTypeUse([service.typeId]);
      notifications.show({ color: 'green', message: t('services.recorded') });
      setIdempotencyKey(newIdempotencyKey());
      await Promise.all([
        client.invalidateQueries({ queryKey: caseKeys.one(caseId) }),
        client.invalidateQueries({ queryKey: serviceKeys.history(caseId) }),
        client.invalidateQueries({ queryKey: serviceKeys.workload }),
        client.invalidateQueries({ queryKey: serviceKeys.plan(caseId) }),
        client.invalidateQueries({ queryKey: serviceKeys.postSupport }),
      ]);
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });

  const duration = Number(form.getValues().durationMinutes);
  return (
    <form aria-label={t('services.recordTitle')} noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="sm">
        <Select
          label={t('services.type')}
          withAsterisk
          searchable
          allowDeselect={false}
          data={typeOptions(ordered)}
          {...form.getInputProps('typeId')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput type="date" label={t('services.date')} withAsterisk max={today()} {...form.getInputProps('date')} />
          <Select
            label={t('services.format')}
            allowDeselect={false}
            data={SERVICE_FORMATS.map((format) => ({ value: format, label: t(`services.formats.${format}`) }))}
            {...form.getInputProps('format')}
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Group gap={6} role="group" aria-label={t('services.duration')}>
            {DURATION_PRESETS.map((preset) => (
              <Button
                key={preset}
                size="compact-sm"
                variant={duration === preset ? 'filled' : 'default'}
                aria-pressed={duration === preset}
                onClick={() => form.setFieldValue('durationMinutes', preset)}
              >
                {t('services.minutes', { count: preset })}
              </Button>
            ))}
          </Group>
          <NumberInput
            label={t('services.duration')}
            withAsterisk
            clampBehavior="none"
            min={1}
            max={1440}
            step={5}
            w={200}
            {...form.getInputProps('durationMinutes')}
          />
        </Stack>
        <Switch
          label={t('services.clientInitiated')}
          checked={form.getValues().initiatedBy === 'client'}
          onChange={(event) => form.setFieldValue('initiatedBy', event.currentTarget.checked ? 'client' : 'team')}
        />
        <Button variant="subtle" size="compact-sm" onClick={() => setMore((open) => !open)} style={{ alignSelf: 'flex-start' }}>
          {more ? t('services.less') : t('services.more')}
        </Button>
        <Collapse expanded={more}>
          <Stack gap="sm">
            <MultiSelect label={t('services.specialists')} searchable data={specialists} {...form.getInputProps('specialistIds')} />
            <MultiSelect
              label={t('services.members')}
              description={t('services.membersHint')}
              data={members.map((member) => ({ value: member.id, label: fullName(member) }))}
              {...form.getInputProps('memberIds')}
            />
            {(tasks.data?.length ?? 0) > 0 && (
              <>
                <MultiSelect
                  label={t('services.tasks')}
                  description={t('services.tasksHint')}
                  data={tasks.data}
                  {...form.getInputProps('taskIds')}
                />
                <Checkbox
                  label={t('services.completeTasks')}
                  disabled={form.getValues().taskIds.length === 0}
                  {...form.getInputProps('completeTasks', { type: 'checkbox' })}
                />
              </>
            )}
            <Textarea label={t('services.note')} autosize minRows={2} maxRows={8} {...form.getInputProps('note')} />
          </Stack>
        </Collapse>
        <FormError error={save.error && !isFieldOnly(save.error, form) ? save.error : null} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('services.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A validation error whose every field is on the form needs no message of its own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function isFieldOnly(error: unknown, form: { getValues: () => any }): boolean {
  const fields = (error as { fields?: { path: string }[] }).fields ?? [];
  return fields.length > 0 && fields.every((field) => field.path.split('.')[0]! in form.getValues());
}
