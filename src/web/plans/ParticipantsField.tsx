// Who took part in drawing up (or reviewing) the plan: the mother at least, staff picked from the
// directory, relatives and others by name.
import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { staffOptions, useStaff } from '../cases/queries.js';

export type ParticipantKind = 'mother' | 'staff' | 'relative' | 'other';
export interface ParticipantValue {
  kind: ParticipantKind;
  name: string;
  userId: string | null;
}

interface Props {
  value: ParticipantValue[];
  onChange: (value: ParticipantValue[]) => void;
  /** Errors by path inside the list ("0.name") and for the list as a whole (""). */
  error?: string;
  itemError: (index: number, field: 'name' | 'userId') => string | undefined;
}

const KINDS: ParticipantKind[] = ['mother', 'staff', 'relative', 'other'];

export function ParticipantsField({ value, onChange, error, itemError }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const options = staffOptions(staff.data);
  const update = (index: number, patch: Partial<ParticipantValue>) => onChange(value.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  return (
    <Stack gap={6} role="group" aria-label={t('plans.participants')}>
      <Text size="sm" fw={500}>
        {t('plans.participants')}{' '}
        <Text span c="red">
          *
        </Text>
      </Text>
      {value.map((p, index) => (
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          <Select
            aria-label={t('plans.participantKind')}
            data={KINDS.map((kind) => ({ value: kind, label: t(`plans.participantKinds.${kind}`) }))}
            value={p.kind}
            allowDeselect={false}
            onChange={(kind) => update(index, { kind: (kind ?? 'other') as ParticipantKind, userId: null })}
            w={150}
            style={{ flexShrink: 0 }}
          />
          {p.kind === 'staff' ? (
            <Select
              aria-label={t('plans.participantName')}
              data={options}
              value={p.userId}
              searchable
              onChange={(id) => update(index, { userId: id, name: options.find((o) => o.value === id)?.label ?? '' })}
              error={itemError(index, 'userId') ?? itemError(index, 'name')}
              style={{ flex: 1 }}
            />
          ) : (
            <TextInput
              aria-label={t('plans.participantName')}
              placeholder={t('plans.participantName')}
              value={p.name}
              onChange={(event) => update(index, { name: event.currentTarget.value })}
              error={itemError(index, 'name')}
              style={{ flex: 1 }}
            />
          )}
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={4}
            aria-label={t('plans.removeParticipant')}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange([...value, { kind: value.some((p) => p.kind === 'mother') ? 'staff' : 'mother', name: '', userId: null }])}
      >
        {t('plans.addParticipant')}
      </Button>
    </Stack>
  );
}
