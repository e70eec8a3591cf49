// The intake meeting and its decision: who met whom, when, where, what was found, the programme's
// eligibility checklist, and admit / waiting list / signpost / decline. Admitting needs a family
// (created here from the referral, or one already known) and a case lead; the case opens at once.
import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormErrors, useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconUsersPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { INTAKE_DECISIONS, IntakeInput, type ReferralView } from '../../domain/referrals/contracts.js';
import { today } from '../../domain/families/people.js';
import { useProgrammes } from '../access/queries.js';
import { newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { useMe } from '../app/session.js';
import { caseKeys } from '../cases/api.js';
import { SaveError } from '../cases/ConflictAlert.js';
import { staffOptions, useStaff } from '../cases/queries.js';
import { familiesApi, familyKeys } from '../families/api.js';
import { FamilyForm } from '../families/FamilyForm.js';
import { FamilyMatchesList, useFamilyMatches } from '../families/matches.js';
import { EMPTY_MEMBER } from '../families/member-values.js';
import { referralKeys, referralsApi } from './api.js';
import { PartnerSelect } from '../partners/PartnerPicker.js';

type Decision = (typeof INTAKE_DECISIONS)[number];

interface Values {
  metOn: string;
  location: string;
  staffIds: string[];
  participants: string;
  findings: string;
  programmeId: string;
  eligibility: { code: string; met: boolean; note: string }[];
  decision: Decision;
  decisionReason: string;
  signpostOrganization: string;
  signpostPartnerId: string | null;
  signpostFollowUpOn: string;
  familyId: string | null;
  leadId: string | null;
}

function Eligibility({
  programmeId,
  form,
}: {
  programmeId: string;
  form: UseFormReturnType<Values, Values, (values: Values) => FormErrors>;
}) {
  const { t } = useTranslation();
  const criteria = useQuery({
    queryKey: referralKeys.eligibility(programmeId),
    queryFn: () => referralsApi.eligibility(programmeId),
    enabled: Boolean(programmeId),
    select: (data) => data.criteria,
  });
  const answers = form.getValues().eligibility;
  const answer = (code: string) => answers.find((item) => item.code === code);
  const setAnswer = (code: string, patch: Partial<Values['eligibility'][number]>) => {
    const current = answer(code) ?? { code, met: false, note: '' };
    form.setFieldValue('eligibility', [...answers.filter((item) => item.code !== code), { ...current, ...patch }]);
  };
  if (!programmeId) return null;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('referrals.intake.eligibility')}
      </Text>
      {(criteria.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('referrals.intake.noCriteria')}
        </Text>
      ) : (
        (criteria.data ?? []).map((criterion) => (
          <Group key={criterion.code} gap="xs" wrap="nowrap" align="center">
            <Checkbox
              label={criterion.label}
              checked={answer(criterion.code)?.met ?? false}
              onChange={(event) => setAnswer(criterion.code, { met: event.currentTarget.checked })}
              style={{ flex: 1 }}
            />
            <TextInput
              size="xs"
              placeholder={t('referrals.intake.criterionNote')}
              aria-label={`${t('referrals.intake.criterionNote')}: ${criterion.label}`}
              value={answer(criterion.code)?.note ?? ''}
              onChange={(event) => setAnswer(criterion.code, { note: event.currentTarget.value })}
              w={180}
            />
          </Group>
        ))
      )}
    </Stack>
  );
}

export function IntakeForm({ referral, onAdmitted }: { referral: ReferralView; onAdmitted: (caseId: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const staff = useStaff();
  const programmes = useProgrammes();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [creatingFamily, setCreatingFamily] = useState(false);
  const [familyName, setFamilyName] = useState('');
  const form = useForm<Values>({
    initialValues: {
      metOn: today(),
      location: referral.intakeLocation,
      staffIds: [referral.intakeAssignedTo ?? me.id],
      participants: '',
      findings: '',
      programmeId: referral.programmeId ?? '',
      eligibility: [],
      decision: 'admit',
      decisionReason: '',
      signpostOrganization: '',
      signpostPartnerId: null,
      signpostFollowUpOn: '',
      familyId: referral.familyId,
      leadId: null,
    },
    validate: schemaValidator(IntakeInput, (values: Values) => ({
      ...values,
      signpostFollowUpOn: values.signpostFollowUpOn || null,
      version: referral.version,
    })),
  });
  const values = form.getValues();
  const admitting = values.decision === 'admit';
  const linkedFamily = useQuery({
    queryKey: familyKeys.one(values.familyId ?? ''),
    queryFn: () => familiesApi.get(values.familyId!),
    enabled: Boolean(values.familyId) && !familyName,
  });
  const matches = useFamilyMatches(
    {
      lastName: referral.clientLastName,
      firstName: referral.clientFirstName,
      middleName: referral.clientMiddleName,
      ...(referral.clientBirthDate ? { birthDate: referral.clientBirthDate } : {}),
      phone: referral.clientPhone,
    },
    admitting && !values.familyId,
  );
  const save = useMutation({
    mutationFn: (values: Values) =>
      referralsApi.intake(
        referral.id,
        { ...values, signpostFollowUpOn: values.signpostFollowUpOn || null, version: referral.version },
        idempotencyKey,
      ),
    onSuccess: async (updated) => {
      client.setQueryData(referralKeys.one(referral.id), updated);
      await Promise.all([client.invalidateQueries({ queryKey: referralKeys.all }), client.invalidateQueries({ queryKey: caseKeys.all })]);
      if (updated.intake?.caseId) {
        notifications.show({ color: 'green', message: t('referrals.intake.admitted') });
        onAdmitted(updated.intake.caseId);
      } else {
        notifications.show({ color: 'green', message: t('referrals.intake.saved') });
      }
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const chooseFamily = (familyId: string, name: string) => {
    form.setFieldValue('familyId', familyId);
    form.clearFieldError('familyId');
    setFamilyName(name);
    setCreatingFamily(false);
  };
  const shownName = familyName || linkedFamily.data?.name || '';
  return (
    <>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <TextInput type="date" label={t('referrals.intake.metOn')} withAsterisk max={today()} {...form.getInputProps('metOn')} />
            <TextInput label={t('referrals.intake.location')} withAsterisk {...form.getInputProps('location')} />
          </SimpleGrid>
          <MultiSelect
            label={t('referrals.intake.staffIds')}
            withAsterisk
            searchable
            data={staffOptions(staff.data)}
            {...form.getInputProps('staffIds')}
          />
          <TextInput label={t('referrals.intake.participants')} {...form.getInputProps('participants')} />
          <Textarea
            label={t('referrals.intake.findings')}
            withAsterisk
            autosize
            minRows={3}
            maxRows={12}
            {...form.getInputProps('findings')}
          />
          <Select
            label={t('referrals.intake.programmeId')}
            withAsterisk
            allowDeselect={false}
            data={(programmes.data ?? []).filter((p) => p.active).map((programme) => ({ value: programme.id, label: programme.name }))}
            {...form.getInputProps('programmeId')}
            onChange={(value) => {
              form.setFieldValue('programmeId', value ?? '');
              form.setFieldValue('eligibility', []);
            }}
          />
          <Eligibility programmeId={values.programmeId} form={form} />
          <Radio.Group label={t('referrals.intake.decision')} withAsterisk {...form.getInputProps('decision')}>
            <Group gap="md" mt={4}>
              {INTAKE_DECISIONS.map((decision) => (
                <Radio key={decision} value={decision} label={t(`referrals.intake.decisions.${decision}`)} />
              ))}
            </Group>
          </Radio.Group>
          {admitting && (
            <Paper withBorder p="sm">
              <Stack gap="xs">
                <Title order={5}>{t('referrals.intake.familyId')}</Title>
                {values.familyId ? (
                  <Group gap="xs">
                    <Badge size="lg" color="green" variant="light" data-testid="intake-family">
                      {t('referrals.intake.familyChosen', { name: shownName || '…' })}
                    </Badge>
                    <CloseButton
                      size="sm"
                      aria-label={t('referrals.intake.changeFamily')}
                      onClick={() => {
                        form.setFieldValue('familyId', null);
                        setFamilyName('');
                      }}
                    />
                  </Group>
                ) : (
                  <>
                    <FamilyMatchesList
                      matches={matches.data?.items ?? []}
                      outsideReach={matches.data?.outsideReach}
                      loading={matches.isFetching}
                      onLink={chooseFamily}
                    />
                    <Group>
                      <Button variant="light" leftSection={<IconUsersPlus size={16} />} onClick={() => setCreatingFamily(true)}>
                        {t('referrals.intake.createFamily')}
                      </Button>
                    </Group>
                    {form.errors.familyId && (
                      <Text size="sm" c="red" role="alert">
                        {t('referrals.intake.needFamily')}
                      </Text>
                    )}
                  </>
                )}
                <Select
                  label={t('referrals.intake.leadId')}
                  withAsterisk
                  searchable
                  data={staffOptions(staff.data)}
                  {...form.getInputProps('leadId')}
                />
              </Stack>
            </Paper>
          )}
          {values.decision === 'signpost' && (
            <>
              <PartnerSelect
                label={t('partners.referral.signpostPartner')}
                value={values.signpostPartnerId}
                error={form.errors.signpostPartnerId}
                onChange={(partnerId) => form.setFieldValue('signpostPartnerId', partnerId)}
              />
              <TextInput
                label={t('referrals.intake.signpostOrganization')}
                withAsterisk={!values.signpostPartnerId}
                {...form.getInputProps('signpostOrganization')}
              />
              <TextInput type="date" label={t('partners.referral.followUp')} {...form.getInputProps('signpostFollowUpOn')} />
            </>
          )}
          {!admitting && (
            <Textarea
              label={t('referrals.intake.decisionReason')}
              withAsterisk={values.decision !== 'signpost'}
              autosize
              minRows={2}
              {...form.getInputProps('decisionReason')}
            />
          )}
          <SaveError error={save.error} onReload={() => void client.invalidateQueries({ queryKey: referralKeys.one(referral.id) })} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('referrals.intake.record')}
            </Button>
          </Group>
        </Stack>
      </form>
      {/* Outside the intake form: React events bubble through portals, a nested submit would submit both. */}
      <Modal opened={creatingFamily} onClose={() => setCreatingFamily(false)} title={t('families.new')} size="xl">
        {creatingFamily && (
          <FamilyForm
            initial={{
              branchId: referral.branchId,
              members: [
                {
                  ...EMPTY_MEMBER,
                  relation: 'mother',
                  sex: 'female',
                  lastName: referral.clientLastName,
                  firstName: referral.clientFirstName,
                  middleName: referral.clientMiddleName,
                  birthDate: referral.clientBirthDate ?? '',
                  phone: referral.clientPhone,
                },
              ],
            }}
            onCreated={(family) => {
              notifications.show({ color: 'green', message: t('families.created') });
              chooseFamily(family.id, family.name);
            }}
            onLinked={chooseFamily}
            onCancel={() => setCreatingFamily(false)}
          />
        )}
      </Modal>
    </>
  );
}
