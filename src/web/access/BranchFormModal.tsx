// Creating or editing a branch (an office in a city).
import { useState } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BranchInput, BranchUpdateInput, type BranchView } from '../../domain/access/contracts.js';
import { api, newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';
import { keys } from './queries.js';

type Values = Omit<BranchView, 'id' | 'version'>;

const EMPTY: Values = { name: '', city: '', region: '', address: '', active: true };
const valuesOf = ({ name, city, region, address, active }: BranchView): Values => ({ name, city, region, address, active });

function BranchForm({ branch, onDone }: { branch: BranchView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [version, setVersion] = useState(branch?.version ?? 0);
  const form = useForm<Values>({
    initialValues: branch ? valuesOf(branch) : EMPTY,
    validate: branch ? schemaValidator(BranchUpdateInput, (values: Values) => ({ ...values, version: 1 })) : schemaValidator(BranchInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      branch ? api.branches.update(branch.id, { ...values, version }) : api.branches.create(values, idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: keys.branches });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const reload = async () => {
    const fresh = (await api.branches.list()).items.find((item) => item.id === branch?.id);
    if (!fresh) return;
    setVersion(fresh.version);
    form.setValues(valuesOf(fresh));
    save.reset();
  };
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <TextInput label={t('branches.name')} withAsterisk {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('branches.city')} withAsterisk {...form.getInputProps('city')} />
          <TextInput label={t('branches.region')} {...form.getInputProps('region')} />
        </SimpleGrid>
        <TextInput label={t('branches.address')} {...form.getInputProps('address')} />
        <Switch label={t('common.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <FormError error={save.error} onReload={() => void reload()} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {branch ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function BranchFormModal({ branch, opened, onClose }: { branch: BranchView | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={branch ? t('web.branches.editTitle') : t('branches.new')} size="lg">
      {opened && <BranchForm key={branch?.id ?? 'new'} branch={branch} onDone={onClose} />}
    </Modal>
  );
}
