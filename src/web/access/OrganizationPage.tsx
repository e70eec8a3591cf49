// Organisation settings: its name, which roles must log in with a second factor, when a referral
// counts as waiting too long, and which case relations see each sensitive section.
import { useState } from 'react';
import { Button, Checkbox, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { OrganizationUpdateInput, type OrganizationView } from '../../domain/access/contracts.js';
import type { RoleCode } from '../../domain/access/permissions.js';
import { CASE_RELATIONS, SENSITIVE_SECTIONS, type CaseRelation, type SensitiveSection } from '../../domain/cases/sensitive.js';
import { api } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { Page } from '../app/Page.js';
import { SESSION_KEY } from '../app/queryClient.js';
import { ErrorState, FormError, LoadingState } from '../app/states.js';
import { useRoleOptions } from './options.js';
import { keys, useOrganization } from './queries.js';
import { ReportThresholdSetting } from '../reports/ReportThresholdSetting.js';
import { FileRulesSetting } from '../files/FileRulesSetting.js';

type Organization = z.infer<typeof OrganizationView>;

interface Values {
  name: string;
  mfaRequiredRoles: string[];
  referralWaitHours: number;
  sensitiveAccess: Record<SensitiveSection, CaseRelation[]>;
}

/** Team roles are named as in a case team; coordinator and supervisor as the staff roles. */
function useRelationLabel() {
  const { t } = useTranslation();
  return (relation: CaseRelation) =>
    relation === 'coordinator' || relation === 'supervisor' ? t(`roles.${relation}`) : t(`cases.roles.${relation}`);
}

/** A section × relation grid of checkboxes. */
function SensitiveAccessGrid({
  value,
  onChange,
}: {
  value: Values['sensitiveAccess'];
  onChange: (next: Values['sensitiveAccess']) => void;
}) {
  const { t } = useTranslation();
  const label = useRelationLabel();
  const relations = CASE_RELATIONS.filter((r) => r !== 'volunteer');
  const toggle = (section: SensitiveSection, relation: CaseRelation, on: boolean) =>
    onChange({ ...value, [section]: on ? [...value[section], relation] : value[section].filter((r) => r !== relation) });
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {relations.map((relation) => (
              <Table.Th key={relation} style={{ fontSize: 12 }}>
                {label(relation)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SENSITIVE_SECTIONS.map((section) => (
            <Table.Tr key={section}>
              <Table.Td>{t(`families.sensitive.sections.${section}`)}</Table.Td>
              {relations.map((relation) => (
                <Table.Td key={relation}>
                  <Checkbox
                    aria-label={`${t(`families.sensitive.sections.${section}`)}: ${label(relation)}`}
                    checked={value[section].includes(relation)}
                    onChange={(event) => toggle(section, relation, event.currentTarget.checked)}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function OrganizationForm({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roles = useRoleOptions();
  const [version, setVersion] = useState(organization.version);
  const toInput = (values: Values) => ({ ...values, mfaRequiredRoles: values.mfaRequiredRoles as RoleCode[], version });
  const form = useForm<Values>({
    initialValues: {
      name: organization.name,
      mfaRequiredRoles: organization.mfaRequiredRoles,
      referralWaitHours: organization.referralWaitHours,
      sensitiveAccess: organization.sensitiveAccess,
    },
    validate: schemaValidator(OrganizationUpdateInput, (values: Values) => ({ ...toInput(values), version: 1 })),
  });
  const save = useMutation({
    mutationFn: (values: Values) => api.organization.update(toInput(values)),
    onSuccess: async (saved) => {
      setVersion(saved.version);
      client.setQueryData(keys.organization, saved);
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const reload = async () => {
    const fresh = await api.organization.get();
    setVersion(fresh.version);
    form.setValues({
      name: fresh.name,
      mfaRequiredRoles: fresh.mfaRequiredRoles,
      referralWaitHours: fresh.referralWaitHours,
      sensitiveAccess: fresh.sensitiveAccess,
    });
    save.reset();
  };
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="md" maw={960}>
        <TextInput label={t('organization.name')} withAsterisk {...form.getInputProps('name')} />
        <Checkbox.Group
          label={t('organization.mfaRequiredRoles')}
          description={t('web.organization.mfaHint')}
          {...form.getInputProps('mfaRequiredRoles')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {roles.map((role) => (
              <Checkbox key={role.value} value={role.value} label={role.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <NumberInput
          label={t('organization.referralWaitHours')}
          min={1}
          max={2000}
          maw={320}
          {...form.getInputProps('referralWaitHours')}
        />
        <Stack gap={4}>
          <Text fw={500} size="sm">
            {t('organization.sensitiveAccess')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('organization.sensitiveHint')}
          </Text>
          <SensitiveAccessGrid value={form.values.sensitiveAccess} onChange={(next) => form.setFieldValue('sensitiveAccess', next)} />
        </Stack>
        <FormError error={save.error} onReload={() => void reload()} />
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('common.save')}
        </Button>
      </Stack>
    </form>
  );
}

export function OrganizationPage() {
  const { t } = useTranslation();
  const organization = useOrganization();
  return (
    <Page title={t('organization.title')}>
      {organization.isPending ? (
        <LoadingState />
      ) : organization.isError ? (
        <ErrorState error={organization.error} onRetry={() => void organization.refetch()} />
      ) : (
        <Paper withBorder p="md">
          <OrganizationForm organization={organization.data} />
        </Paper>
      )}
      <ReportThresholdSetting />
      <FileRulesSetting />
    </Page>
  );
}
