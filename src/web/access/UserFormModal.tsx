// Creating or editing a staff account: name, contacts, roles and branches (and a first password
// when creating). Validated with the route's own schema; a stale edit offers to reload the record.
import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UserCreateInput, UserUpdateInput, type UserView } from '../../domain/access/contracts.js';
import type { RoleCode } from '../../domain/access/permissions.js';
import { api, newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';
import { useBranchOptions, useRoleOptions } from './options.js';
import { keys } from './queries.js';

interface Values {
  lastName: string;
  firstName: string;
  middleName: string;
  email: string;
  phone: string;
  password: string;
  roles: string[];
  branchIds: string[];
}

const EMPTY: Values = { lastName: '', firstName: '', middleName: '', email: '', phone: '', password: '', roles: [], branchIds: [] };

function valuesOf(user: UserView): Values {
  const { lastName, firstName, middleName, email, phone, roles, branchIds } = user;
  return { lastName, firstName, middleName, email, phone, password: '', roles, branchIds };
}

const personInput = ({ password: _password, ...rest }: Values) => ({ ...rest, roles: rest.roles as RoleCode[] });

/** The body of PUT /api/users/:id from a user as shown, with changes. */
export function userUpdate(user: UserView, change: Partial<UserView> = {}) {
  const next = { ...user, ...change };
  return { ...personInput(valuesOf(next)), active: next.active, version: next.version };
}

function UserForm({ user, onDone }: { user: UserView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roles = useRoleOptions();
  const branches = useBranchOptions();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [base, setBase] = useState(user);
  const createInput = (values: Values) => ({ ...personInput(values), password: values.password });
  const updateInput = (values: Values, from: UserView) => userUpdate(from, personInput(values));
  const form = useForm<Values>({
    initialValues: user ? valuesOf(user) : EMPTY,
    validate: user
      ? schemaValidator(UserUpdateInput, (values: Values) => updateInput(values, user))
      : schemaValidator(UserCreateInput, createInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      base ? api.users.update(base.id, updateInput(values, base)) : api.users.create(createInput(values), idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: base ? t('common.saved') : t('users.created') });
      await client.invalidateQueries({ queryKey: keys.users });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const reload = async () => {
    if (!base) return;
    const fresh = await api.users.get(base.id);
    setBase(fresh);
    form.setValues(valuesOf(fresh));
    save.reset();
  };

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label={t('users.lastName')} withAsterisk {...form.getInputProps('lastName')} />
          <TextInput label={t('users.firstName')} withAsterisk {...form.getInputProps('firstName')} />
          <TextInput label={t('users.middleName')} {...form.getInputProps('middleName')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('users.email')} type="email" withAsterisk autoComplete="off" {...form.getInputProps('email')} />
          <TextInput label={t('users.phone')} type="tel" {...form.getInputProps('phone')} />
        </SimpleGrid>
        {!user && (
          <PasswordInput
            label={t('users.password')}
            description={t('validation.weak_password')}
            withAsterisk
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
        )}
        <MultiSelect label={t('users.roles')} data={roles} withAsterisk searchable {...form.getInputProps('roles')} />
        <MultiSelect label={t('users.branches')} data={branches} searchable {...form.getInputProps('branchIds')} />
        <FormError error={save.error} onReload={() => void reload()} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {user ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UserFormModal({ user, opened, onClose }: { user: UserView | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={user ? t('web.users.editTitle') : t('users.new')} size="lg">
      {opened && <UserForm key={user?.id ?? 'new'} user={user} onDone={onClose} />}
    </Modal>
  );
}
