// Changing a case's lead, team and risk flags. The save carries the version the form was opened
// on; if someone else saved in between, the server answers 409 and the form offers to reload.
import { ActionIcon, Button, Chip, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseDetail, CaseUpdateInput } from '../../domain/cases/contracts.js';
import { CASE_ROLES, RISK_FLAGS, visibleFlags, type CaseRole, type RiskFlag, type SensitiveSection } from '../../domain/cases/sensitive.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { caseKeys, casesApi } from './api.js';
import { SaveError } from './ConflictAlert.js';
import { staffOptions, useStaff } from './queries.js';

interface Values {
  leadId: string;
  team: { userId: string; role: CaseRole }[];
  riskFlags: RiskFlag[];
}

function valuesOf(detail: CaseDetail): Values {
  return {
    leadId: detail.case.leadId,
    team: detail.case.team.filter((member) => member.role !== 'lead').map(({ userId, role }) => ({ userId, role })),
    riskFlags: detail.case.riskFlags,
  };
}

function TeamFlagsForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const staff = useStaff();
  const [version, setVersion] = useState(detail.case.version);
  const form = useForm<Values>({
    initialValues: valuesOf(detail),
    validate: schemaValidator(CaseUpdateInput, (values: Values) => ({ ...values, team: values.team.filter((m) => m.userId), version: 1 })),
  });
  // Flags tied to a sensitive section the user may not see are neither shown nor offered.
  const offered = visibleFlags(RISK_FLAGS, detail.visibleSections as SensitiveSection[]);
  const save = useMutation({
    mutationFn: (values: Values) =>
      casesApi.update(detail.case.id, { ...values, team: values.team.filter((member) => member.userId), version }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('cases.teamSaved') });
      await client.invalidateQueries({ queryKey: caseKeys.all });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const reload = async () => {
    const fresh = await client.fetchQuery({
      queryKey: caseKeys.one(detail.case.id),
      queryFn: () => casesApi.get(detail.case.id),
      staleTime: 0,
    });
    setVersion(fresh.case.version);
    form.setValues(valuesOf(fresh));
    save.reset();
  };
  const people = staffOptions(staff.data);
  const roles = CASE_ROLES.filter((role) => role !== 'lead').map((role) => ({ value: role, label: t(`cases.roles.${role}`) }));
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <Select label={t('cases.lead')} data={people} searchable withAsterisk allowDeselect={false} {...form.getInputProps('leadId')} />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('cases.team')}
          </Text>
          {form.getValues().team.map((member, index) => (
            <Group key={form.key(`team.${index}`)} gap="xs" wrap="nowrap" align="flex-end">
              <Select
                aria-label={t('cases.teamPerson')}
                placeholder={t('cases.teamPerson')}
                data={people}
                searchable
                style={{ flex: 2 }}
                {...form.getInputProps(`team.${index}.userId`)}
              />
              <Select
                aria-label={t('cases.teamRole')}
                data={roles}
                allowDeselect={false}
                style={{ flex: 1 }}
                {...form.getInputProps(`team.${index}.role`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                onClick={() => form.removeListItem('team', index)}
                aria-label={`${t('cases.removeTeamMember')}: ${staff.data?.find((s) => s.id === member.userId)?.name ?? ''}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('team', { userId: '', role: 'case_worker' })}
            >
              {t('cases.addTeamMember')}
            </Button>
          </Group>
        </Stack>
        <Stack gap={6}>
          <Text size="sm" fw={500} id="risk-flags-label">
            {t('cases.flags')}
          </Text>
          <Chip.Group
            multiple
            value={form.getValues().riskFlags}
            onChange={(value) => form.setFieldValue('riskFlags', value as RiskFlag[])}
          >
            <Group gap={6} role="group" aria-labelledby="risk-flags-label">
              {offered.map((flag) => (
                <Chip key={flag} value={flag} size="xs" color="red" variant="outline">
                  {t(`cases.riskFlags.${flag}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
        <SaveError error={save.error} onReload={() => void reload()} conflictMessage={t('cases.conflict')} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TeamFlagsModal({ detail, opened, onClose }: { detail: CaseDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.editTeam')} size="lg">
      {opened && <TeamFlagsForm detail={detail} onDone={onClose} />}
    </Modal>
  );
}
