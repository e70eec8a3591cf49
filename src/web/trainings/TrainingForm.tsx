// The form of a training, new or changed: kind, branch, programme, topic, curriculum, dates, length,
// place or online, whether it teaches the case-management technology, the completion rule and the
// trainers (staff, and external specialists already named as trainers). Errors show on the field the
// server names.
import { useState } from 'react';
import { Button, Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TRAINING_KINDS, type PersonRef, type TrainingKind, type TrainingView } from '../../domain/trainings/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { useMe } from '../app/session.js';
import { FormError } from '../app/states.js';
import { useStaff } from '../cases/queries.js';
import { bindFields, errorsByPath } from '../app/fields.js';
import { trainingsApi } from './api.js';
import { HoursInput, listError, OwnBranchSelect, ProgrammeSelect } from './fields.js';

/** Trainers as the multi-select keeps them: `u:<user id>` or `s:<specialist id>`. */
const trainerValue = (p: { userId: string | null; specialistId: string | null }) => (p.userId ? `u:${p.userId}` : `s:${p.specialistId}`);
const trainerRef = (value: string): PersonRef => (value.startsWith('u:') ? { userId: value.slice(2) } : { specialistId: value.slice(2) });

export function TrainingForm({ training, onDone }: { training?: TrainingView; onDone: (saved: TrainingView) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const staff = useStaff();
  const [key] = useState(newIdempotencyKey);
  const [v, setV] = useState({
    branchId: training?.branchId ?? me.branchIds[0] ?? '',
    programmeId: training?.programmeId ?? '',
    kind: training?.kind ?? ('seminar' as TrainingKind),
    title: training?.title ?? '',
    curriculum: training?.curriculum ?? '',
    startsOn: training?.startsOn ?? '',
    endsOn: training?.endsOn ?? '',
    hours: (training?.hours ?? 8) as number | string,
    place: training?.place ?? '',
    online: training?.online ?? false,
    teachesCaseManagement: training?.teachesCaseManagement ?? false,
    minHours: (training?.minHours ?? 0) as number | string,
    minPostScore: (training?.minPostScore ?? '') as number | string,
    trainers: (training?.trainers ?? []).map(trainerValue),
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        branchId: v.branchId,
        ...(v.programmeId && { programmeId: v.programmeId }),
        kind: v.kind,
        title: v.title,
        curriculum: v.curriculum,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        hours: Number(v.hours),
        place: v.place,
        online: v.online,
        teachesCaseManagement: v.teachesCaseManagement,
        minHours: Number(v.minHours) || 0,
        minPostScore: v.minPostScore === '' ? null : Number(v.minPostScore),
        trainers: v.trainers.map(trainerRef),
      };
      return training ? trainingsApi.update(training.id, { ...body, version: training.version }) : trainingsApi.create(body, key);
    },
    onSuccess: (saved) => {
      notifications.show({ color: 'green', message: t('trainings.messages.saved') });
      onDone(saved);
    },
  });
  const errors = errorsByPath(save.error);
  const field = bindFields(v, setV, errors);
  const trainerOptions = [
    ...(staff.data ?? []).map((s) => ({ value: `u:${s.id}`, label: s.name })),
    ...(training?.trainers ?? []).filter((p) => p.specialistId).map((p) => ({ value: trainerValue(p), label: p.name })),
  ];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('trainings.fields.kind')}
          allowDeselect={false}
          data={TRAINING_KINDS.map((k) => ({ value: k, label: t(`trainings.kinds.${k}`) }))}
          value={v.kind}
          onChange={(kind) => kind && setV({ ...v, kind: kind as TrainingKind })}
        />
        <OwnBranchSelect value={v.branchId} onChange={(branchId) => setV({ ...v, branchId })} error={errors.branchId} />
        <ProgrammeSelect value={v.programmeId} onChange={(programmeId) => setV({ ...v, programmeId })} error={errors.programmeId} />
      </SimpleGrid>
      <TextInput label={t('trainings.fields.title')} withAsterisk {...field.text('title')} />
      <Textarea label={t('trainings.fields.curriculum')} autosize minRows={2} {...field.text('curriculum')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput type="date" label={t('trainings.fields.startsOn')} withAsterisk {...field.text('startsOn')} />
        <TextInput type="date" label={t('trainings.fields.endsOn')} withAsterisk {...field.text('endsOn')} />
        <HoursInput
          label={t('trainings.fields.hours')}
          withAsterisk
          value={v.hours}
          onChange={(hours) => setV({ ...v, hours })}
          error={errors.hours}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('trainings.fields.place')} {...field.text('place')} />
        <Checkbox
          mt={{ sm: 'xl' }}
          label={t('trainings.fields.online')}
          checked={v.online}
          onChange={(e) => setV({ ...v, online: e.currentTarget.checked })}
        />
      </SimpleGrid>
      <Checkbox
        label={t('trainings.fields.teachesCaseManagement')}
        checked={v.teachesCaseManagement}
        onChange={(e) => setV({ ...v, teachesCaseManagement: e.currentTarget.checked })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NumberInput
          label={t('trainings.fields.minHours')}
          min={0}
          step={1}
          decimalScale={2}
          value={v.minHours}
          onChange={(minHours) => setV({ ...v, minHours })}
          error={errors.minHours}
        />
        <NumberInput
          label={t('trainings.fields.minPostScore')}
          min={0}
          max={100}
          value={v.minPostScore}
          onChange={(minPostScore) => setV({ ...v, minPostScore })}
          error={errors.minPostScore}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('trainings.fields.trainers')}
        searchable
        data={trainerOptions}
        value={v.trainers}
        onChange={(trainers) => setV({ ...v, trainers })}
        error={listError(errors, 'trainers')}
      />
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('trainings.actions.save')}
        </Button>
      </Group>
    </Stack>
  );
}
