// Consents under 152-FZ, per person: what was signed, when, its scope, who took it, the scan of the
// signed form; withdrawing keeps the record and dates it. What is missing is shown first.
import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  Paper,
  Popover,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconFileDownload, IconPaperclip, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import { CONSENT_KINDS, ConsentInput, type ConsentView } from '../../domain/families/contracts.js';
import { today } from '../../domain/families/people.js';
import { newIdempotencyKey, request } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { useCan } from '../app/session.js';
import { FormError } from '../app/states.js';
import { caseKeys } from '../cases/api.js';
import { memberLabel } from '../cases/labels.js';
import { familiesApi } from './api.js';
import { AttachmentsButton } from '../files/AttachmentsPanel.js';
import { z } from 'zod';

const MAX_SCAN_BYTES = 10 * 1024 * 1024;
const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
type ScanType = (typeof SCAN_TYPES)[number];

interface Values {
  memberId: string;
  kind: ConsentView['kind'];
  givenOn: string;
  scope: string;
  file: File | null;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function ConsentForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const firstMissing = detail.missingConsents.find((entry) => entry.kinds.length > 0);
  const form = useForm<Values>({
    initialValues: {
      memberId: firstMissing?.memberId ?? detail.family.members[0]?.id ?? '',
      kind: (firstMissing?.kinds[0] as ConsentView['kind'] | undefined) ?? 'personal_data',
      givenOn: today(),
      scope: '',
      file: null,
    },
    validate: (values) => {
      const errors = schemaValidator(ConsentInput, ({ file: _file, ...rest }: Values) => rest)(values);
      if (values.file && values.file.size > MAX_SCAN_BYTES) errors.file = t('consent.scanTooLarge');
      if (values.file && !(SCAN_TYPES as readonly string[]).includes(values.file.type)) errors.file = t('consent.scanHint');
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: async ({ file, ...values }: Values) => {
      const scan = file ? { fileName: file.name, mimeType: file.type as ScanType, contentBase64: await readBase64(file) } : null;
      return familiesApi.addConsent(detail.family.id, { ...values, scan }, idempotencyKey);
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('consent.recorded') });
      await client.invalidateQueries({ queryKey: caseKeys.all });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <Select
          label={t('consent.memberId')}
          withAsterisk
          allowDeselect={false}
          data={detail.family.members.map((member) => ({ value: member.id, label: memberLabel(member) }))}
          {...form.getInputProps('memberId')}
        />
        <Select
          label={t('consent.kind')}
          withAsterisk
          allowDeselect={false}
          data={CONSENT_KINDS.map((kind) => ({ value: kind, label: t(`consent.kinds.${kind}`) }))}
          {...form.getInputProps('kind')}
        />
        <TextInput type="date" label={t('consent.givenOn')} withAsterisk max={today()} {...form.getInputProps('givenOn')} />
        <Textarea label={t('consent.scope')} withAsterisk autosize minRows={2} {...form.getInputProps('scope')} />
        <FileInput
          label={t('consent.scan')}
          description={t('consent.scanHint')}
          accept={SCAN_TYPES.join(',')}
          clearable
          leftSection={<IconPaperclip size={16} />}
          {...form.getInputProps('file')}
        />
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

function WithdrawButton({ familyId, consent }: { familyId: string; consent: ConsentView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [on, setOn] = useState(today());
  const withdraw = useMutation({
    mutationFn: () => familiesApi.withdrawConsent(familyId, consent.id, { withdrawnOn: on }),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.all }),
  });
  return (
    <Popover withArrow trapFocus position="bottom-end">
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" color="red">
          {t('consent.withdraw')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            type="date"
            label={t('consent.withdrawnOn')}
            max={today()}
            value={on}
            onChange={(event) => setOn(event.currentTarget.value)}
          />
          {withdraw.error && <FormError error={withdraw.error} />}
          <Button size="xs" color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
            {t('consent.withdraw')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

const Scan = z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() });

async function openScan(familyId: string, consentId: string): Promise<void> {
  const scan = await request('GET', `/api/families/${familyId}/consents/${consentId}/scan`, { response: Scan });
  const bytes = Uint8Array.from(atob(scan.contentBase64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: scan.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = scan.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ConsentsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const canEdit = can('families.manage');
  const [adding, setAdding] = useState(false);
  const missing = new Map(detail.missingConsents.map((entry) => [entry.memberId, entry.kinds]));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={4}>{t('consent.title')}</Title>
        {canEdit && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            {t('consent.add')}
          </Button>
        )}
      </Group>
      {detail.family.members.map((member) => {
        const consents = detail.consents.filter((consent) => consent.memberId === member.id);
        const lacking = missing.get(member.id) ?? [];
        return (
          <Paper key={member.id} withBorder p="sm">
            <Text fw={600} size="sm" mb={4}>
              {memberLabel(member)}
            </Text>
            {lacking.length > 0 && (
              <Alert color="orange" variant="light" p={6} mb={6} icon={<IconAlertTriangle size={16} />}>
                <Text size="xs">
                  {lacking
                    .map((kind) =>
                      (CONSENT_KINDS as readonly string[]).includes(kind) ? t(`consent.kinds.${kind as ConsentView['kind']}`) : kind,
                    )
                    .join(', ')}
                </Text>
              </Alert>
            )}
            {consents.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('consent.none')}
              </Text>
            ) : (
              <Stack gap={4}>
                {consents.map((consent) => (
                  <Group key={consent.id} justify="space-between" wrap="nowrap" gap="xs">
                    <Stack gap={0}>
                      <Group gap={6}>
                        <Text size="sm" td={consent.withdrawnOn ? 'line-through' : undefined}>
                          {t(`consent.kinds.${consent.kind}`)}
                        </Text>
                        {consent.withdrawnOn ? (
                          <Badge size="xs" color="gray">
                            {t('consent.withdrawn', { date: formatDate(consent.withdrawnOn) })}
                          </Badge>
                        ) : (
                          <Badge size="xs" color="green" variant="light">
                            {t('consent.given', { date: formatDate(consent.givenOn) })}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {[consent.scope, t('consent.takenBy', { name: consent.takenBy })].filter(Boolean).join(' · ')}
                      </Text>
                    </Stack>
                    <Group gap={4} wrap="nowrap">
                      <AttachmentsButton ownerKind="consent" ownerId={consent.id} />
                      {consent.hasScan && (
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('consent.scan')}
                          onClick={() =>
                            void openScan(detail.family.id, consent.id).catch((error: unknown) =>
                              notifications.show({ color: 'red', message: error instanceof Error ? error.message : String(error) }),
                            )
                          }
                        >
                          <IconFileDownload size={16} />
                        </ActionIcon>
                      )}
                      {canEdit && !consent.withdrawnOn && <WithdrawButton familyId={detail.family.id} consent={consent} />}
                    </Group>
                  </Group>
                ))}
              </Stack>
            )}
          </Paper>
        );
      })}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('consent.add')}>
        {adding && <ConsentForm detail={detail} onDone={() => setAdding(false)} />}
      </Modal>
    </Stack>
  );
}
