// Registering a request for help, quickly, while the caller is still on the phone: who called, about
// whom, what is wrong, how urgent. Known families are suggested live as the name and phone are typed.
import { useState } from 'react';
import { Badge, Button, CloseButton, Grid, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLink } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { REFERRAL_SOURCES, ReferralInput, type ReferralView, URGENCIES } from '../../domain/referrals/contracts.js';
import { today } from '../../domain/families/people.js';
import { useBranches, useProgrammes } from '../access/queries.js';
import { newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { useMe } from '../app/session.js';
import { FormError } from '../app/states.js';
import { FamilyMatchesList, useFamilyMatches } from '../families/matches.js';
import { referralKeys, referralsApi } from './api.js';
import { PartnerContactSelect, PartnerSelect, usePartnerOptions } from '../partners/PartnerPicker.js';

interface Values {
  branchId: string;
  programmeId: string | null;
  receivedAt: string;
  source: ReferralView['source'];
  sourceOrganization: string;
  callerName: string;
  callerContact: string;
  clientLastName: string;
  clientFirstName: string;
  clientMiddleName: string;
  clientBirthDate: string;
  clientPhone: string;
  summary: string;
  urgency: ReferralView['urgency'];
  familyId: string | null;
  partnerId: string | null;
  partnerContactId: string | null;
}

/** "now" for a datetime-local input, in the browser's time zone, to the minute. */
function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

const toInput = (values: Values) => ({
  ...values,
  receivedAt: values.receivedAt ? new Date(values.receivedAt).toISOString() : '',
  clientBirthDate: values.clientBirthDate || null,
  // A caller on her own behalf names no partner, even if one was picked before the source changed.
  partnerId: values.source === 'self' || values.source === 'relatives' ? null : values.partnerId,
  partnerContactId: values.source === 'self' || values.source === 'relatives' ? null : values.partnerContactId,
});

export function ReferralForm({ onCreated, onCancel }: { onCreated: (referral: ReferralView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const branches = useBranches();
  const programmes = useProgrammes();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [linkedName, setLinkedName] = useState('');
  const partners = usePartnerOptions();
  const form = useForm<Values>({
    initialValues: {
      branchId: me.branchIds[0] ?? '',
      programmeId: null,
      receivedAt: localNow(),
      source: 'self',
      sourceOrganization: '',
      callerName: '',
      callerContact: '',
      clientLastName: '',
      clientFirstName: '',
      clientMiddleName: '',
      clientBirthDate: '',
      clientPhone: '',
      summary: '',
      urgency: 'normal',
      familyId: null,
      partnerId: null,
      partnerContactId: null,
    },
    validate: schemaValidator(ReferralInput, toInput),
  });
  const values = form.getValues();
  const matches = useFamilyMatches({
    lastName: values.clientLastName,
    firstName: values.clientFirstName,
    middleName: values.clientMiddleName,
    ...(values.clientBirthDate ? { birthDate: values.clientBirthDate } : {}),
    phone: values.clientPhone,
  });
  const save = useMutation({
    mutationFn: (values: Values) => referralsApi.create(toInput(values), idempotencyKey),
    onSuccess: async (referral) => {
      notifications.show({ color: 'green', message: t('referrals.created') });
      await client.invalidateQueries({ queryKey: referralKeys.all });
      onCreated(referral);
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const organisational = values.source !== 'self' && values.source !== 'relatives';
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Title order={5}>{t('referrals.client')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              <TextInput label={t('referrals.fields.clientLastName')} autoComplete="off" {...form.getInputProps('clientLastName')} />
              <TextInput
                label={t('referrals.fields.clientFirstName')}
                withAsterisk
                autoComplete="off"
                {...form.getInputProps('clientFirstName')}
              />
              <TextInput label={t('referrals.fields.clientMiddleName')} autoComplete="off" {...form.getInputProps('clientMiddleName')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <TextInput
                type="date"
                label={t('referrals.fields.clientBirthDate')}
                max={today()}
                {...form.getInputProps('clientBirthDate')}
              />
              <TextInput type="tel" label={t('referrals.fields.clientPhone')} autoComplete="off" {...form.getInputProps('clientPhone')} />
            </SimpleGrid>
            {values.familyId ? (
              <Group gap="xs">
                <Badge color="green" size="lg" variant="light" leftSection={<IconLink size={14} />}>
                  {linkedName ? t('referrals.linkedFamily', { name: linkedName }) : t('referrals.linkedFamilyPlain')}
                </Badge>
                <CloseButton
                  size="sm"
                  aria-label={t('referrals.unlink')}
                  onClick={() => {
                    form.setFieldValue('familyId', null);
                    setLinkedName('');
                  }}
                />
              </Group>
            ) : (
              <FamilyMatchesList
                matches={matches.data?.items ?? []}
                outsideReach={matches.data?.outsideReach}
                referral
                loading={matches.isFetching}
                onLink={(familyId, name) => {
                  form.setFieldValue('familyId', familyId);
                  setLinkedName(name);
                }}
              />
            )}
            <Textarea
              label={t('referrals.fields.summary')}
              withAsterisk
              autosize
              minRows={3}
              maxRows={10}
              {...form.getInputProps('summary')}
            />
            <Select
              label={t('referrals.fields.urgency')}
              allowDeselect={false}
              data={URGENCIES.map((urgency) => ({ value: urgency, label: t(`referrals.urgency.${urgency}`) }))}
              {...form.getInputProps('urgency')}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Title order={5}>{t('referrals.caller')}</Title>
            <Select
              label={t('referrals.fields.source')}
              withAsterisk
              allowDeselect={false}
              data={REFERRAL_SOURCES.map((source) => ({ value: source, label: t(`referrals.source.${source}`) }))}
              {...form.getInputProps('source')}
            />
            {organisational && (
              <PartnerSelect
                label={t('partners.referral.fromPartner')}
                value={values.partnerId}
                error={form.errors.partnerId}
                onChange={(partnerId) => {
                  form.setFieldValue('partnerId', partnerId);
                  form.setFieldValue('partnerContactId', null);
                  const partner = partners.items.find((p) => p.id === partnerId);
                  if (partner && !form.getValues().sourceOrganization) form.setFieldValue('sourceOrganization', partner.name);
                }}
              />
            )}
            {organisational && (
              <PartnerContactSelect
                partnerId={values.partnerId}
                value={values.partnerContactId}
                error={form.errors.partnerContactId}
                onChange={(contactId) => {
                  form.setFieldValue('partnerContactId', contactId);
                  const contact = partners.items.find((p) => p.id === values.partnerId)?.contacts.find((c) => c.id === contactId);
                  if (contact && !form.getValues().callerName) form.setFieldValue('callerName', contact.name);
                }}
              />
            )}
            {organisational && <TextInput label={t('referrals.fields.sourceOrganization')} {...form.getInputProps('sourceOrganization')} />}
            <TextInput label={t('referrals.fields.callerName')} {...form.getInputProps('callerName')} />
            <TextInput label={t('referrals.fields.callerContact')} {...form.getInputProps('callerContact')} />
            <Select
              label={t('referrals.fields.branchId')}
              withAsterisk
              allowDeselect={false}
              data={(branches.data ?? []).map((branch) => ({ value: branch.id, label: branch.name }))}
              {...form.getInputProps('branchId')}
            />
            <Select
              label={t('referrals.fields.programmeId')}
              placeholder={t('referrals.noProgramme')}
              clearable
              data={(programmes.data ?? []).filter((p) => p.active).map((programme) => ({ value: programme.id, label: programme.name }))}
              {...form.getInputProps('programmeId')}
            />
            <TextInput type="datetime-local" label={t('referrals.fields.receivedAt')} withAsterisk {...form.getInputProps('receivedAt')} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Stack gap="sm" mt="md">
        <FormError error={save.error} />
        {Object.keys(form.errors).length > 0 && (
          <Text size="sm" c="red">
            {t('errors.validation')}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('referrals.register')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
