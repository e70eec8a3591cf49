// The birth of an expected child: date, sex and name; the expected member becomes a child (the
// server clears the due date). Those who run the house desk may also place the baby in the mother's
// stay under way from the birth date, in the same step.
import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FamilyView, MemberView } from '../../domain/families/contracts.js';
import { caseKeys } from '../cases/api.js';
import { SaveError } from '../cases/ConflictAlert.js';
import { useCan } from '../app/session.js';
import { housingKeys, isoToday } from '../housing/api.js';
import { familiesApi, familyKeys } from './api.js';

const SEXES = ['female', 'male', 'unknown'] as const;

function BirthForm({ family, member, onDone }: { family: FamilyView; member: MemberView; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const can = useCan();
  const mother = family.members.find((m) => m.relation === 'mother');
  const [birthDate, setBirthDate] = useState(isoToday());
  const [sex, setSex] = useState<(typeof SEXES)[number]>('unknown');
  const [firstName, setFirstName] = useState(member.firstName);
  const [lastName, setLastName] = useState(member.lastName || mother?.lastName || '');
  const [middleName, setMiddleName] = useState(member.middleName);
  const [joinStay, setJoinStay] = useState(can('housing.stays'));
  const save = useMutation({
    mutationFn: () =>
      familiesApi.recordBirth(family.id, member.id, { birthDate, sex, firstName, lastName, middleName, joinStay, version: member.version }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('stays.birthSaved') });
      await Promise.all([
        client.invalidateQueries({ queryKey: caseKeys.all }),
        client.invalidateQueries({ queryKey: familyKeys.one(family.id) }),
        client.invalidateQueries({ queryKey: housingKeys.all }),
      ]);
      onDone();
    },
  });
  return (
    <Stack gap="sm">
      <Group grow>
        <TextInput
          type="date"
          label={t('stays.fields.birthDate')}
          withAsterisk
          max={isoToday()}
          value={birthDate}
          onChange={(e) => setBirthDate(e.currentTarget.value)}
        />
        <Select
          label={t('stays.fields.sex')}
          data={SEXES.map((value) => ({ value, label: t(`families.sex.${value}`) }))}
          value={sex}
          onChange={(value) => setSex((value as (typeof SEXES)[number] | null) ?? 'unknown')}
          allowDeselect={false}
        />
      </Group>
      <TextInput label={t('stays.fields.firstName')} withAsterisk value={firstName} onChange={(e) => setFirstName(e.currentTarget.value)} />
      <Group grow>
        <TextInput label={t('stays.fields.lastName')} value={lastName} onChange={(e) => setLastName(e.currentTarget.value)} />
        <TextInput label={t('stays.fields.middleName')} value={middleName} onChange={(e) => setMiddleName(e.currentTarget.value)} />
      </Group>
      {can('housing.stays') && (
        <Checkbox label={t('stays.fields.joinStay')} checked={joinStay} onChange={(e) => setJoinStay(e.currentTarget.checked)} />
      )}
      <SaveError error={save.error} onReload={onDone} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!firstName || !birthDate}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export function BirthModal({ family, member, onClose }: { family: FamilyView; member: MemberView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={member !== null} onClose={onClose} title={t('stays.dialogs.birthTitle')} size="lg">
      {member && <BirthForm key={member.id} family={family} member={member} onDone={onClose} />}
    </Modal>
  );
}
