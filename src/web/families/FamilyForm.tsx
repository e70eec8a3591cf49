// Registering a family with its members. When the server finds possible duplicates (422) the user
// sees them and either links the existing family or confirms that this one is new.
import { useState } from 'react';
import { Button, Divider, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FamilyCreateInput, type FamilyView } from '../../domain/families/contracts.js';
import { useBranches } from '../access/queries.js';
import { isApiError, newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';
import { familiesApi } from './api.js';
import { FamilyMatchesList } from './matches.js';
import { EMPTY_MEMBER, memberInput, type MemberValues } from './member-values.js';
import { MemberFields } from './MemberFields.js';

interface Values {
  branchId: string;
  members: MemberValues[];
  notes: string;
}

const toInput = (values: Values, confirmedNotDuplicate = false) => ({
  branchId: values.branchId,
  members: values.members.map(memberInput),
  notes: values.notes,
  confirmedNotDuplicate,
});

export function FamilyForm({
  initial,
  onCreated,
  onLinked,
  onCancel,
}: {
  initial: { branchId: string; members: MemberValues[] };
  onCreated: (family: FamilyView) => void;
  /** The user recognised an existing family among the possible duplicates. */
  onLinked: (familyId: string, name: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const branches = useBranches();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    initialValues: { branchId: initial.branchId, members: initial.members.length ? initial.members : [EMPTY_MEMBER], notes: '' },
    validate: schemaValidator(FamilyCreateInput, (values: Values) => toInput(values)),
  });
  const save = useMutation({
    mutationFn: ({ values, confirmed }: { values: Values; confirmed: boolean }) =>
      familiesApi.create(toInput(values, confirmed), idempotencyKey),
    onSuccess: onCreated,
    onError: (error) => {
      showFieldErrors(form, error);
      // A refused create wrote nothing; the next try may reuse nothing of it.
      setIdempotencyKey(newIdempotencyKey());
    },
  });
  const duplicates = isApiError(save.error) && save.error.id === 'errors.possible_duplicates';
  const first = form.getValues().members[0];
  // Show what the server matched on: the first adult as typed.
  const matches = useQuery({
    queryKey: ['families', 'duplicates', first?.lastName, first?.firstName, first?.birthDate, first?.phone],
    queryFn: () =>
      familiesApi.matches({
        lastName: first?.lastName ?? '',
        firstName: first?.firstName ?? '',
        middleName: first?.middleName ?? '',
        ...(first?.birthDate ? { birthDate: first.birthDate } : {}),
        phone: first?.phone ?? '',
      }),
    enabled: duplicates,
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate({ values, confirmed: false }))} noValidate>
      <Stack gap="sm">
        <Select
          label={t('families.branchId')}
          withAsterisk
          allowDeselect={false}
          data={(branches.data ?? []).map((branch) => ({ value: branch.id, label: branch.name }))}
          {...form.getInputProps('branchId')}
        />
        {form.getValues().members.map((_, index) => (
          <Paper key={form.key(`members.${index}`)} withBorder p="sm">
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {t('families.memberNumber', { number: index + 1 })}
              </Text>
              {index > 0 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={12} />}
                  onClick={() => form.removeListItem('members', index)}
                >
                  {t('families.removeMember')}
                </Button>
              )}
            </Group>
            <MemberFields form={form} prefix={`members.${index}.`} />
          </Paper>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem('members', { ...EMPTY_MEMBER, relation: 'child', lastName: first?.lastName ?? '' })}
          >
            {t('families.addMember')}
          </Button>
        </Group>
        <Textarea label={t('families.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        {duplicates ? (
          <Stack gap="xs">
            <Text size="sm" c="orange.8" role="alert">
              {t('families.matches.duplicates')}
            </Text>
            <FamilyMatchesList
              matches={matches.data?.items ?? []}
              outsideReach={matches.data?.outsideReach}
              loading={matches.isFetching}
              onLink={onLinked}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => save.mutate({ values: form.getValues(), confirmed: true })} loading={save.isPending}>
                {t('families.matches.confirmNew')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <FormError error={save.error} />
        )}
        <Divider />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending && !duplicates}>
            {t('families.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
