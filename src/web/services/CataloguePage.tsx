// The service catalogue (organisation admin, permission services.catalogue): types of help as
// data — names in Russian and English, category and unit. A type in use is retired, not deleted
// (history keeps its name); a retired type can be restored.
import { useState } from 'react';
import { Badge, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SERVICE_CATEGORIES, ServiceTypeInput, ServiceTypeUpdateInput, type ServiceTypeView } from '../../domain/services/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { serviceKeys, servicesApi } from './api.js';
import { typeName, useServiceTypes } from './labels.js';

type Category = (typeof SERVICE_CATEGORIES)[number];
interface Values {
  code: string;
  nameRu: string;
  nameEn: string;
  category: Category;
  unit: 'session' | 'hours';
  retired: boolean;
}

const toBody = (values: Values) => ({ name: { ru: values.nameRu, en: values.nameEn }, category: values.category, unit: values.unit });

function TypeForm({ type, onDone }: { type: ServiceTypeView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    initialValues: type
      ? { code: type.code, nameRu: type.name.ru, nameEn: type.name.en, category: type.category, unit: type.unit, retired: type.retired }
      : { code: '', nameRu: '', nameEn: '', category: 'social', unit: 'session', retired: false },
    validate: (values) => {
      const errors = type
        ? schemaValidator(ServiceTypeUpdateInput, (v: Values) => ({ ...toBody(v), retired: v.retired, version: type.version }))(values)
        : schemaValidator(ServiceTypeInput, (v: Values) => ({ ...toBody(v), code: v.code }))(values);
      // name.ru / name.en are two inputs here.
      return Object.fromEntries(
        Object.entries(errors).map(([path, message]) => [path === 'name.ru' ? 'nameRu' : path === 'name.en' ? 'nameEn' : path, message]),
      );
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      type
        ? servicesApi.updateType(type.id, { ...toBody(values), retired: values.retired, version: type.version })
        : servicesApi.createType({ ...toBody(values), code: values.code }, idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: serviceKeys.types });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="sm">
        <TextInput label={t('services.catalogue.code')} withAsterisk disabled={type !== null} {...form.getInputProps('code')} />
        <TextInput label={t('services.catalogue.nameRu')} withAsterisk {...form.getInputProps('nameRu')} />
        <TextInput label={t('services.catalogue.nameEn')} withAsterisk {...form.getInputProps('nameEn')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('services.catalogue.category')}
            allowDeselect={false}
            data={SERVICE_CATEGORIES.map((category) => ({ value: category, label: t(`services.categories.${category}`) }))}
            {...form.getInputProps('category')}
          />
          <Select
            label={t('services.catalogue.unit')}
            allowDeselect={false}
            data={(['session', 'hours'] as const).map((unit) => ({ value: unit, label: t(`services.units.${unit}`) }))}
            {...form.getInputProps('unit')}
          />
        </SimpleGrid>
        {type && <Switch label={t('services.catalogue.retired')} {...form.getInputProps('retired', { type: 'checkbox' })} />}
        <FormError error={save.error} onReload={() => void client.invalidateQueries({ queryKey: serviceKeys.types }).then(onDone)} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {type ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RetireButton({ type }: { type: ServiceTypeView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: () =>
      servicesApi.updateType(type.id, {
        name: type.name,
        category: type.category,
        unit: type.unit,
        retired: !type.retired,
        version: type.version,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: serviceKeys.types }),
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color={type.retired ? 'teal' : 'red'}
      loading={toggle.isPending}
      onClick={() => toggle.mutate()}
    >
      {type.retired ? t('services.catalogue.restore') : t('services.catalogue.retire')}
    </Button>
  );
}

export function CataloguePage() {
  const { t } = useTranslation();
  const types = useServiceTypes();
  const [editing, setEditing] = useState<ServiceTypeView | 'new' | null>(null);
  const [showRetired, setShowRetired] = useState(true);
  const visible = (types.data ?? []).filter((type) => showRetired || !type.retired);
  return (
    <Page
      title={t('services.catalogue.title')}
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('services.catalogue.add')}
        </Button>
      }
    >
      <Switch
        label={t('services.catalogue.showRetired')}
        checked={showRetired}
        onChange={(event) => setShowRetired(event.currentTarget.checked)}
      />
      {types.isPending ? (
        <LoadingState />
      ) : types.isError ? (
        <ErrorState error={types.error} onRetry={() => void types.refetch()} />
      ) : visible.length === 0 ? (
        <EmptyState />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('services.type')}</Table.Th>
                <Table.Th>{t('services.catalogue.category')}</Table.Th>
                <Table.Th>{t('services.catalogue.unit')}</Table.Th>
                <Table.Th />
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visible.map((type) => (
                <Table.Tr key={type.id} opacity={type.retired ? 0.6 : 1} data-testid="service-type-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {typeName(type)}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {type.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`services.categories.${type.category}`)}</Table.Td>
                  <Table.Td>{t(`services.units.${type.unit}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {type.retired && (
                        <Badge size="sm" color="gray">
                          {t('services.catalogue.retired')}
                        </Badge>
                      )}
                      {type.inUse && (
                        <Badge size="sm" variant="light">
                          {t('services.catalogue.inUse')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(type)}>
                        {t('common.edit')}
                      </Button>
                      <RetireButton type={type} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('services.catalogue.add') : t('services.catalogue.editTitle')}
        size="lg"
      >
        {editing !== null && (
          <TypeForm
            key={editing === 'new' ? 'new' : editing.id}
            type={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Page>
  );
}
