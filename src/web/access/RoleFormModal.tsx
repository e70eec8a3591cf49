// A role of the organisation's own: made with a name (and permissions, which the matrix can change
// later), or renamed. Shipped roles keep their names; only their permissions change.
import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RoleCreateInput, type RoleView } from '../../domain/access/contracts.js';
import { PERMISSIONS, type Permission } from '../../domain/access/permissions.js';
import { api, newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';
import { keys } from './queries.js';

type Values = { name: string; permissions: Permission[] };

function RoleForm({ role, onDone }: { role: RoleView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    initialValues: { name: role?.name ?? '', permissions: role?.permissions ?? [] },
    validate: schemaValidator(RoleCreateInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      role
        ? api.roles.update(role.code, { name: values.name, permissions: role.permissions, version: role.version })
        : api.roles.create(values, idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t(role ? 'roleEditor.renamed' : 'roleEditor.created') });
      await client.invalidateQueries({ queryKey: keys.roles });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        {!role && (
          <Text size="sm" c="dimmed">
            {t('roleEditor.createHint')}
          </Text>
        )}
        <TextInput label={t('roleEditor.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
        {!role && (
          <MultiSelect
            label={t('roleEditor.permissions')}
            searchable
            data={PERMISSIONS.map((permission) => ({ value: permission, label: t(`permissions.${permission}`) }))}
            {...form.getInputProps('permissions')}
          />
        )}
        <FormError error={save.error} onReload={() => void client.invalidateQueries({ queryKey: keys.roles }).then(onDone)} />
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

export function RoleFormModal({ opened, role, onClose }: { opened: boolean; role: RoleView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t(role ? 'roleEditor.renameTitle' : 'roleEditor.createTitle')} centered>
      {opened && <RoleForm key={role?.code ?? 'new'} role={role} onDone={onClose} />}
    </Modal>
  );
}
