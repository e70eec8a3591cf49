// The family's map of social contacts: relatives, friends, professionals…, each supportive, neutral or
// conflictual, reachable or not — grouped by kind so the support network reads at a glance.
import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPhoneOff, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SocialContactInput, type SocialContactView } from '../../domain/families/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { familiesApi, familyKeys } from './api.js';

type Values = z.input<typeof SocialContactInput>;
const KINDS = ['relative', 'friend', 'professional', 'neighbour', 'other'] as const;
const NATURES = ['supportive', 'neutral', 'conflictual'] as const;
const NATURE_COLOR = { supportive: 'green', neutral: 'gray', conflictual: 'red' } as const;

function ContactForm({ familyId, onDone }: { familyId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    initialValues: { name: '', kind: 'relative', relationship: '', nature: 'supportive', reachable: true, phone: '', note: '' },
    validate: schemaValidator(SocialContactInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) => familiesApi.addContact(familyId, values, idempotencyKey),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: caseKeys.all }),
        client.invalidateQueries({ queryKey: familyKeys.one(familyId) }),
      ]);
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput label={t('families.contacts.name')} withAsterisk {...form.getInputProps('name')} />
          <TextInput label={t('families.contacts.relationship')} {...form.getInputProps('relationship')} />
          <Select
            label={t('families.contacts.kind')}
            allowDeselect={false}
            data={KINDS.map((kind) => ({ value: kind, label: t(`families.contacts.kinds.${kind}`) }))}
            {...form.getInputProps('kind')}
          />
          <Select
            label={t('families.contacts.nature')}
            allowDeselect={false}
            data={NATURES.map((nature) => ({ value: nature, label: t(`families.contacts.natures.${nature}`) }))}
            {...form.getInputProps('nature')}
          />
          <TextInput type="tel" label={t('families.contacts.phone')} {...form.getInputProps('phone')} />
          <Switch mt={{ sm: 'xl' }} label={t('families.contacts.reachable')} {...form.getInputProps('reachable', { type: 'checkbox' })} />
        </SimpleGrid>
        <Textarea label={t('families.contacts.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <FormError error={save.error} />
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

export function ContactsMap({ familyId, contacts, canEdit }: { familyId: string; contacts: SocialContactView[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const remove = useMutation({
    mutationFn: (contactId: string) => familiesApi.removeContact(familyId, contactId),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.all }),
  });
  const groups = KINDS.map((kind) => ({ kind, items: contacts.filter((contact) => contact.kind === kind) })).filter(
    (group) => group.items.length,
  );
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>{t('families.contacts.title')}</Title>
        {canEdit && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            {t('families.contacts.add')}
          </Button>
        )}
      </Group>
      {groups.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('families.contacts.empty')}
        </Text>
      )}
      {groups.map((group) => (
        <Paper key={group.kind} withBorder p="xs">
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
            {t(`families.contacts.kinds.${group.kind}`)}
          </Text>
          <Stack gap={4}>
            {group.items.map((contact) => (
              <Group key={contact.id} justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0}>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {contact.name}
                    </Text>
                    {contact.relationship && (
                      <Text size="xs" c="dimmed">
                        {contact.relationship}
                      </Text>
                    )}
                  </Group>
                  {(contact.phone || contact.note) && (
                    <Text size="xs" c="dimmed">
                      {[contact.phone, contact.note].filter(Boolean).join(' · ')}
                    </Text>
                  )}
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <Badge size="sm" variant="light" color={NATURE_COLOR[contact.nature]}>
                    {t(`families.contacts.natures.${contact.nature}`)}
                  </Badge>
                  {!contact.reachable && (
                    <Badge size="sm" variant="outline" color="gray" leftSection={<IconPhoneOff size={10} />}>
                      {t('families.contacts.unreachable')}
                    </Badge>
                  )}
                  {canEdit && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t('families.contacts.remove')}: ${contact.name}`}
                      loading={remove.isPending && remove.variables === contact.id}
                      onClick={() => remove.mutate(contact.id)}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
      {remove.error && <FormError error={remove.error} />}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('families.contacts.add')} size="lg">
        {adding && <ContactForm familyId={familyId} onDone={() => setAdding(false)} />}
      </Modal>
    </Stack>
  );
}
