// The family tab of a case: its members in full (with documents and their status) to correct or add
// to, and the map of social contacts.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconBabyCarriage, IconEdit, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FamilyView, MemberView } from '../../domain/families/contracts.js';
import { formatDate, fullName } from '../app/format.js';
import { useCan } from '../app/session.js';
import { caseKeys } from '../cases/api.js';
import { SaveError } from '../cases/ConflictAlert.js';
import { memberAge } from '../cases/labels.js';
import { familiesApi, familyKeys } from './api.js';
import { citizenshipName } from '../../domain/families/citizenship.js';
import { ContactsMap } from './ContactsMap.js';
import { BirthModal } from './BirthModal.js';
import { MemberModal } from './MemberModal.js';
import { useInlineForm } from '../app/focus.js';

const DOC_COLOR = { have: 'green', restored: 'green', lost: 'red', being_restored: 'orange', never_had: 'gray' } as const;

function MemberCard({ member, onEdit, onBirth }: { member: MemberView; onEdit?: () => void; onBirth?: () => void }) {
  const { t, i18n } = useTranslation();
  const facts = [
    member.birthDate && formatDate(member.birthDate),
    member.citizenship && citizenshipName(member.citizenship, i18n.language === 'en' ? 'en' : 'ru'),
    member.languages.join(', '),
    member.phone,
    member.actualAddress || member.registeredAddress,
  ].filter(Boolean);
  return (
    <Paper withBorder p="sm">
      {/* The person's facts take the room and wrap; the buttons keep their whole labels and move
          below the facts when the card is narrow (a phone), instead of being cut («Измени…»). */}
      <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
        <Stack gap={2} style={{ flex: '1 1 240px', minWidth: 0 }}>
          <Group gap={6}>
            <Text fw={600}>{fullName(member) || '—'}</Text>
            <Badge variant="light" color="gray" size="sm">
              {t(`families.relation.${member.relation}`)}
            </Badge>
            {memberAge(t, member) && (
              <Badge variant="light" color="grape" size="sm">
                {memberAge(t, member)}
              </Badge>
            )}
          </Group>
          {facts.length > 0 && (
            <Text size="xs" c="dimmed">
              {facts.join(' · ')}
            </Text>
          )}
          <Group gap={4}>
            {member.documents.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('families.noDocuments')}
              </Text>
            ) : (
              member.documents.map((doc, index) => (
                <Badge key={index} size="xs" variant="dot" color={DOC_COLOR[doc.status]}>
                  {t(`families.document.kinds.${doc.kind}`)}: {t(`families.document.statuses.${doc.status}`)}
                </Badge>
              ))
            )}
          </Group>
        </Stack>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {onBirth && member.relation === 'unborn_child' && (
            <Button size="compact-xs" variant="light" color="grape" leftSection={<IconBabyCarriage size={12} />} onClick={onBirth}>
              {t('stays.actions.birth')}
            </Button>
          )}
          {onEdit && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconEdit size={12} />}
              onClick={onEdit}
              aria-label={`${t('families.editMember')}: ${fullName(member)}`}
            >
              {t('families.editMember')}
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

/** The family's own notes; a stale save (someone else edited the family) gets 409 and a reload. */
function FamilyNotes({ family, canEdit }: { family: FamilyView; canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { open: editing, show, hide, trigger, container } = useInlineForm();
  const [notes, setNotes] = useState(family.notes);
  const [version, setVersion] = useState(family.version);
  const save = useMutation({
    mutationFn: () => familiesApi.update(family.id, { notes, branchId: family.branchId, version }),
    onSuccess: async () => {
      hide();
      await Promise.all([
        client.invalidateQueries({ queryKey: caseKeys.all }),
        client.invalidateQueries({ queryKey: familyKeys.one(family.id) }),
      ]);
    },
  });
  const reload = async () => {
    const fresh = await familiesApi.get(family.id);
    setNotes(fresh.notes);
    setVersion(fresh.version);
    save.reset();
  };
  const start = () => {
    setNotes(family.notes);
    setVersion(family.version);
    show();
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>{t('families.notes')}</Title>
        {canEdit && !editing && (
          <Button size="xs" variant="subtle" leftSection={<IconEdit size={14} />} onClick={start} ref={trigger}>
            {t('common.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <Stack gap="xs" ref={container} tabIndex={-1} style={{ outline: 'none' }}>
          <Textarea
            aria-label={t('families.notes')}
            data-autofocus
            autosize
            minRows={3}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
          />
          <SaveError error={save.error} onReload={() => void reload()} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={hide}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" loading={save.isPending} onClick={() => save.mutate()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c={family.notes ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
          {family.notes || t('common.empty')}
        </Text>
      )}
    </Stack>
  );
}

export function FamilyEditor({ family }: { family: FamilyView; caseId?: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const canEdit = can('families.manage');
  const [editing, setEditing] = useState<MemberView | null | undefined>(undefined);
  const [birth, setBirth] = useState<MemberView | null>(null);
  return (
    <Stack gap="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('families.members')}</Title>
          {canEdit && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing(null)}>
              {t('families.addMember')}
            </Button>
          )}
        </Group>
        {family.members.map((member) => (
          <MemberCard
            key={member.id}
            member={member}
            onEdit={canEdit ? () => setEditing(member) : undefined}
            onBirth={canEdit ? () => setBirth(member) : undefined}
          />
        ))}
      </Stack>
      <ContactsMap familyId={family.id} contacts={family.socialContacts} canEdit={canEdit} />
      <FamilyNotes key={family.version} family={family} canEdit={canEdit} />
      <MemberModal familyId={family.id} member={editing ?? null} opened={editing !== undefined} onClose={() => setEditing(undefined)} />
      <BirthModal family={family} member={birth} onClose={() => setBirth(null)} />
    </Stack>
  );
}
