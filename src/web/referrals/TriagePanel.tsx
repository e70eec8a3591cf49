// Triage of an open referral: schedule the intake meeting, signpost to another organisation, decline
// with a reason, or mark it as a family already known.
import { Button, Group, Select, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TriageInput, type ReferralView } from '../../domain/referrals/contracts.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { useMe } from '../app/session.js';
import { caseKeys } from '../cases/api.js';
import { SaveError } from '../cases/ConflictAlert.js';
import { staffOptions, useStaff } from '../cases/queries.js';
import { FamilyMatchesList, useFamilyMatches } from '../families/matches.js';
import { referralKeys, referralsApi } from './api.js';
import { PartnerSelect, usePartnerOptions } from '../partners/PartnerPicker.js';

type Action = TriageInput['action'];
const ACTIONS: Action[] = ['schedule_intake', 'signpost', 'decline', 'merge'];

interface Values {
  scheduledAt: string;
  location: string;
  assignedTo: string;
  organization: string;
  partnerId: string | null;
  followUpOn: string;
  note: string;
  reason: string;
  familyId: string;
}

function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  date.setMinutes(date.getMinutes() - date.getTimezoneOffset());
  return date.toISOString().slice(0, 16);
}

function inputOf(action: Action, values: Values, version: number) {
  switch (action) {
    case 'schedule_intake':
      return {
        action,
        scheduledAt: values.scheduledAt ? new Date(values.scheduledAt).toISOString() : '',
        location: values.location,
        assignedTo: values.assignedTo,
        version,
      };
    case 'signpost':
      return {
        action,
        organization: values.organization,
        partnerId: values.partnerId,
        followUpOn: values.followUpOn || null,
        note: values.note,
        version,
      };
    case 'decline':
      return { action, reason: values.reason, version };
    case 'merge':
      return { action, familyId: values.familyId, version };
  }
}

export function TriagePanel({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const staff = useStaff();
  const partners = usePartnerOptions();
  const [action, setAction] = useState<Action>(referral.status === 'intake_scheduled' ? 'signpost' : 'schedule_intake');
  const form = useForm<Values>({
    initialValues: {
      scheduledAt: toLocalInput(referral.intakeScheduledAt),
      location: referral.intakeLocation,
      assignedTo: referral.intakeAssignedTo ?? me.id,
      organization: '',
      partnerId: null,
      followUpOn: '',
      note: '',
      reason: '',
      familyId: referral.familyId ?? '',
    },
    validate: (values) => schemaValidator(TriageInput, (v: Values) => inputOf(action, v, referral.version))(values),
  });
  const matches = useFamilyMatches(
    {
      lastName: referral.clientLastName,
      firstName: referral.clientFirstName,
      middleName: referral.clientMiddleName,
      ...(referral.clientBirthDate ? { birthDate: referral.clientBirthDate } : {}),
      phone: referral.clientPhone,
    },
    action === 'merge',
  );
  const save = useMutation({
    mutationFn: (values: Values) => referralsApi.triage(referral.id, inputOf(action, values, referral.version)),
    onSuccess: async (updated) => {
      notifications.show({ color: 'green', message: t('referrals.triage.done') });
      client.setQueryData(referralKeys.one(referral.id), updated);
      await Promise.all([client.invalidateQueries({ queryKey: referralKeys.all }), client.invalidateQueries({ queryKey: caseKeys.all })]);
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const reload = async () => {
    save.reset();
    await client.invalidateQueries({ queryKey: referralKeys.one(referral.id) });
  };
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <Tabs
          variant="pills"
          value={action}
          onChange={(value) => {
            setAction((value as Action | null) ?? 'schedule_intake');
            form.clearErrors();
            save.reset();
          }}
        >
          <Tabs.List style={{ flexWrap: 'wrap' }}>
            {ACTIONS.map((value) => (
              <Tabs.Tab key={value} value={value} color={value === 'decline' ? 'red' : undefined}>
                {t(`referrals.triage.${value}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        {action === 'schedule_intake' && (
          <>
            <TextInput
              type="datetime-local"
              label={t('referrals.triage.scheduledAt')}
              withAsterisk
              {...form.getInputProps('scheduledAt')}
            />
            <TextInput label={t('referrals.triage.location')} withAsterisk {...form.getInputProps('location')} />
            <Select
              label={t('referrals.triage.assignedTo')}
              withAsterisk
              searchable
              allowDeselect={false}
              data={staffOptions(staff.data)}
              {...form.getInputProps('assignedTo')}
            />
          </>
        )}
        {action === 'signpost' && (
          <>
            <PartnerSelect
              label={t('partners.referral.signpostPartner')}
              value={form.getValues().partnerId}
              error={form.errors.partnerId}
              onChange={(partnerId) => form.setFieldValue('partnerId', partnerId)}
            />
            <TextInput
              label={partners.enabled ? t('partners.referral.orOrganization') : t('referrals.triage.organization')}
              withAsterisk={!partners.enabled}
              {...form.getInputProps('organization')}
            />
            <TextInput type="date" label={t('partners.referral.followUp')} {...form.getInputProps('followUpOn')} />
            <Textarea label={t('referrals.triage.note')} autosize minRows={2} {...form.getInputProps('note')} />
          </>
        )}
        {action === 'decline' && (
          <Textarea label={t('referrals.triage.reason')} withAsterisk autosize minRows={2} {...form.getInputProps('reason')} />
        )}
        {action === 'merge' && (
          <Stack gap="xs">
            <FamilyMatchesList
              matches={matches.data?.items ?? []}
              outsideReach={matches.data?.outsideReach}
              loading={matches.isFetching}
              linkedId={form.getValues().familyId || null}
              onLink={(familyId) => form.setFieldValue('familyId', familyId)}
            />
            {!matches.isFetching && (matches.data?.items ?? []).length === 0 && (
              <Text size="sm" c="dimmed">
                {t('referrals.triage.noMatches')}
              </Text>
            )}
            {form.errors.familyId && (
              <Text size="sm" c="red">
                {form.errors.familyId}
              </Text>
            )}
          </Stack>
        )}
        <SaveError error={save.error} onReload={() => void reload()} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} color={action === 'decline' ? 'red' : undefined}>
            {t(`referrals.triage.${action}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
