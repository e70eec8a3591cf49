// Adding a member to a family, or correcting one. An edit carries the member's version: a stale save
// gets 409 and the form offers to reload what is stored now.
import { useState } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MemberInput, type MemberView } from '../../domain/families/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { caseKeys } from '../cases/api.js';
import { SaveError } from '../cases/ConflictAlert.js';
import { familiesApi, familyKeys } from './api.js';
import { EMPTY_MEMBER, memberInput, memberValues, type MemberValues } from './member-values.js';
import { MemberFields } from './MemberFields.js';

function MemberForm({ familyId, member, onDone }: { familyId: string; member: MemberView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [version, setVersion] = useState(member?.version ?? 0);
  const form = useForm<MemberValues>({
    initialValues: member ? memberValues(member) : { ...EMPTY_MEMBER, relation: 'child' },
    validate: schemaValidator(MemberInput, memberInput),
  });
  const save = useMutation({
    mutationFn: (values: MemberValues) =>
      member
        ? familiesApi.updateMember(familyId, member.id, { member: memberInput(values), version })
        : familiesApi.addMember(familyId, memberInput(values), idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('families.saved') });
      await Promise.all([
        client.invalidateQueries({ queryKey: caseKeys.all }),
        client.invalidateQueries({ queryKey: familyKeys.one(familyId) }),
      ]);
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const reload = async () => {
    const fresh = (await familiesApi.get(familyId)).members.find((item) => item.id === member?.id);
    if (!fresh) return;
    setVersion(fresh.version);
    form.setValues(memberValues(fresh));
    save.reset();
  };
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <MemberFields form={form} detailsOpen={member !== null} />
        <SaveError error={save.error} onReload={() => void reload()} />
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

export function MemberModal({
  familyId,
  member,
  opened,
  onClose,
}: {
  familyId: string;
  member: MemberView | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={member ? t('families.editMember') : t('families.addMember')} size="lg">
      {opened && <MemberForm key={member?.id ?? 'new'} familyId={familyId} member={member} onDone={onClose} />}
    </Modal>
  );
}
