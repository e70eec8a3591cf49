// Sensitive notes (health, mental state, addiction, criminal record, domestic violence): only the
// sections this user may see are shown or offered. Saving special-category data for a person
// without that consent is refused; the user may then save with a reason, which is audited.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPlus, IconShieldExclamation } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import { SENSITIVE_SECTIONS, type SensitiveSection } from '../../domain/cases/sensitive.js';
import { SensitiveNoteInput } from '../../domain/families/contracts.js';
import { today } from '../../domain/families/people.js';
import { givesOwnConsent, hasConsent, SECTION_CONSENT } from '../../domain/families/consents.js';
import { isApiError, newIdempotencyKey } from '../app/api.js';
import { formatDate, formatDateTime } from '../app/format.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { useCan } from '../app/session.js';
import { FormError } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { memberLabel } from '../cases/labels.js';
import { familiesApi } from './api.js';

interface Values {
  section: SensitiveSection;
  memberId: string;
  text: string;
  overrideReason: string;
  /** The day what the note records was learnt: today unless typed in after the fact. */
  notedOn: string;
}

const toInput = (values: Values) => ({ ...values, memberId: values.memberId || null });

function NoteForm({ detail, sections, onDone }: { detail: CaseDetail; sections: SensitiveSection[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    initialValues: { section: sections[0]!, memberId: detail.family.members[0]?.id ?? '', text: '', overrideReason: '', notedOn: today() },
    validate: schemaValidator(SensitiveNoteInput, toInput),
  });
  const save = useMutation({
    mutationFn: (values: Values) => familiesApi.addSensitiveNote(detail.family.id, toInput(values), idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('families.saved') });
      await client.invalidateQueries({ queryKey: caseKeys.all });
      onDone();
    },
    onError: (error) => {
      showFieldErrors(form, error);
      setIdempotencyKey(newIdempotencyKey());
    },
  });
  const needsOverride = isApiError(save.error) && save.error.id === 'errors.special_consent_missing';
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <Select
          label={t('families.sensitive.section')}
          withAsterisk
          allowDeselect={false}
          data={sections.map((section) => ({ value: section, label: t(`families.sensitive.sections.${section}`) }))}
          {...form.getInputProps('section')}
        />
        <Select
          label={t('families.sensitive.memberId')}
          data={[
            { value: '', label: t('families.sensitive.wholeFamily') },
            ...detail.family.members.map((member) => ({ value: member.id, label: memberLabel(member) })),
          ]}
          allowDeselect={false}
          {...form.getInputProps('memberId')}
        />
        <Textarea label={t('families.sensitive.text')} withAsterisk autosize minRows={4} {...form.getInputProps('text')} />
        {/* Not in the future (checked here and by the server) nor before the case (the server's field error shows here). */}
        <TextInput
          type="date"
          label={t('casePage.dates.notedOn')}
          description={t('casePage.dates.notedOnHint')}
          withAsterisk
          max={today()}
          {...form.getInputProps('notedOn')}
        />
        {needsOverride ? (
          <Alert color="orange" icon={<IconShieldExclamation />} role="alert">
            <Stack gap="xs">
              <Text size="sm">{t('families.sensitive.noConsent')}</Text>
              <Textarea
                label={t('families.sensitive.overrideReason')}
                withAsterisk
                autosize
                minRows={2}
                {...form.getInputProps('overrideReason')}
              />
              <Group justify="flex-end">
                <Button
                  color="orange"
                  loading={save.isPending}
                  disabled={!form.getValues().overrideReason.trim()}
                  onClick={() => save.mutate(form.getValues())}
                >
                  {t('families.sensitive.saveWithOverride')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <FormError error={save.error} />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          {!needsOverride && (
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The consent a section's notes need (152-FZ art. 10), and which adults have not given it. */
function SectionConsent({ detail, section }: { detail: CaseDetail; section: SensitiveSection }) {
  const { t } = useTranslation();
  const kind = SECTION_CONSENT[section];
  const lacking = detail.family.members.filter((member) => givesOwnConsent(member) && !hasConsent(detail.consents, member.id, kind));
  return (
    <Text size="xs" c={lacking.length > 0 ? 'orange.8' : 'dimmed'} mb={4} data-testid={`section-consent-${section}`}>
      {t('casePage.sensitive.needs', { consent: t(`consent.kinds.${kind}`) })}
      {' — '}
      {lacking.length > 0
        ? t('casePage.sensitive.lacking', { names: lacking.map((member) => memberLabel(member)).join(', ') })
        : t('casePage.sensitive.given')}
    </Text>
  );
}

export function SensitivePanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const sections = SENSITIVE_SECTIONS.filter((section) => detail.visibleSections.includes(section));
  const members = new Map(detail.family.members.map((member) => [member.id, memberLabel(member)]));
  if (sections.length === 0) return <Text c="dimmed">{t('families.sensitive.hidden')}</Text>;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={4}>
          <Group gap={6}>
            <IconLock size={18} />
            {t('families.sensitive.title')}
          </Group>
        </Title>
        {can('families.manage') && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            {t('families.sensitive.add')}
          </Button>
        )}
      </Group>
      {sections.map((section) => {
        const notes = detail.sensitive.filter((note) => note.section === section);
        return (
          <Paper key={section} withBorder p="sm">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={2}>
              {t(`families.sensitive.sections.${section}`)}
            </Text>
            <SectionConsent detail={detail} section={section} />
            {notes.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('families.sensitive.empty')}
              </Text>
            ) : (
              <Stack gap={6}>
                {notes.map((note) => (
                  <Stack key={note.id} gap={0}>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {note.text}
                    </Text>
                    <Group gap={6}>
                      <Badge size="xs" variant="light" color="gray">
                        {note.memberId ? (members.get(note.memberId) ?? '—') : t('families.sensitive.wholeFamily')}
                      </Badge>
                      <Text size="xs" c="dimmed" title={formatDateTime(note.recordedAt)}>
                        {formatDate(note.notedOn)} · {note.recordedBy}
                      </Text>
                    </Group>
                  </Stack>
                ))}
              </Stack>
            )}
          </Paper>
        );
      })}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('families.sensitive.add')} size="lg">
        {adding && <NoteForm detail={detail} sections={sections} onDone={() => setAdding(false)} />}
      </Modal>
    </Stack>
  );
}
