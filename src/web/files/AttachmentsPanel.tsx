// The files of one record (a family, a person's document, a consent, a case, a service, a stay, an
// aid hand-over, a partner agreement, a training certificate…): a list with thumbnails (images are
// the stored image scaled by the browser; a PDF is an icon with its page count — pdf.js would add
// ≈1 MB to the app for a first-page picture), several uploaded at once with a title and a date, from
// a phone's camera too, downloads, newer versions (the history kept and shown), and removal after a
// confirmation, for those allowed. Used as a panel or, in lists, behind a «Файлы» button.
import { useRef, useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Collapse,
  Group,
  Image,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCamera,
  IconDownload,
  IconFileText,
  IconFileTypePdf,
  IconHistory,
  IconPaperclip,
  IconPencil,
  IconReplace,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SensitiveSection } from '../../domain/cases/sensitive.js';
import { DOCUMENT_KINDS } from '../../domain/families/contracts.js';
import type { AttachmentView } from '../../domain/files/contracts.js';
import { today } from '../../domain/families/people.js';
import { isApiError, newIdempotencyKey } from '../app/api.js';
import { ConfirmModal } from '../app/ConfirmModal.js';
import { formatDate } from '../app/format.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { contentUrl, fileKeys, filesApi, readBase64 } from './api.js';

type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What the browser offers to pick: the allowed types (the server decides by content anyway). */
const ACCEPT =
  'image/jpeg,image/png,image/webp,image/gif,application/pdf,.doc,.docx,.xls,.xlsx,.pptx,.odt,.ods,' +
  'application/msword,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MB = 1024 * 1024;
const sizeText = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const baseName = (name: string) => name.replace(/\.[^.]{1,8}$/, '');

interface Props {
  ownerKind: string;
  ownerId: string;
  /** The panel's heading; by default the owner kind's («Документы семьи»…). */
  title?: string;
  /** A person's document panel: the kinds offered first (the person's documents), the first preselected. */
  documentKinds?: DocumentKind[];
  /** Without its own heading and frame (inside a modal). */
  bare?: boolean;
}

function Thumbnail({ item }: { item: AttachmentView }) {
  const current = item.versions[0];
  if (!current || !current.available) return <ThemeIcon variant="light" color="gray" size={56} />;
  if (current.kind === 'image')
    return (
      <Anchor href={contentUrl(item.id, { inline: true })} target="_blank" rel="noopener" aria-label={item.title}>
        <Image
          src={contentUrl(item.id, { inline: true })}
          alt={item.title}
          w={56}
          h={56}
          fit="cover"
          radius="sm"
          data-testid="file-thumbnail"
        />
      </Anchor>
    );
  const Icon = current.kind === 'pdf' ? IconFileTypePdf : IconFileText;
  return (
    <Anchor
      href={contentUrl(item.id, current.kind === 'pdf' ? { inline: true } : {})}
      target="_blank"
      rel="noopener"
      aria-label={item.title}
    >
      <ThemeIcon variant="light" color={current.kind === 'pdf' ? 'red' : 'blue'} size={56} radius="sm">
        <Icon size={30} />
      </ThemeIcon>
    </Anchor>
  );
}

interface Pending {
  file: File;
  title: string;
  documentDate: string;
}

function UploadModal({
  ownerKind,
  ownerId,
  sections,
  documentKinds,
  maxFileMb,
  onClose,
}: {
  ownerKind: string;
  ownerId: string;
  sections: SensitiveSection[];
  documentKinds?: DocumentKind[];
  maxFileMb: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [pending, setPending] = useState<Pending[]>([]);
  const [documentKind, setDocumentKind] = useState<DocumentKind | null>(documentKinds?.[0] ?? null);
  const [section, setSection] = useState<SensitiveSection | ''>('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failures, setFailures] = useState<string[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const needsKind = ownerKind === 'person_document';

  const add = (list: FileList | null) => {
    // Copied at once: clearing the input (to let the same file be picked again) empties its FileList.
    const files = [...(list ?? [])];
    const tooBig = files.filter((f) => f.size > maxFileMb * MB);
    const fitting = files.filter((f) => f.size <= maxFileMb * MB).map((file) => ({ file, title: baseName(file.name), documentDate: '' }));
    setFailures(tooBig.map((f) => t('files.tooBig', { name: f.name, max: maxFileMb })));
    setPending((old) => [...old, ...fitting]);
  };

  const upload = useMutation({
    mutationFn: async () => {
      const failed: string[] = [];
      const left: Pending[] = [];
      let done = 0;
      setProgress({ done, total: pending.length });
      // One request per file, in turn: a phone on a slow line sends one photo at a time, and a refused
      // file does not hold up the others.
      for (const p of pending) {
        try {
          await filesApi.attach(
            ownerKind,
            ownerId,
            {
              title: p.title,
              documentDate: p.documentDate || null,
              documentKind: needsKind ? documentKind : null,
              section: section || null,
              fileName: p.file.name,
              contentBase64: await readBase64(p.file),
            },
            newIdempotencyKey(),
          );
        } catch (error) {
          const message = isApiError(error) ? (error.fields[0]?.message ?? error.message) : String(error);
          failed.push(t('files.failed', { name: p.file.name, message }));
          left.push(p);
        }
        done += 1;
        setProgress({ done, total: pending.length });
      }
      return { failed, left, added: pending.length - left.length };
    },
    onSuccess: async ({ failed, left, added }) => {
      await client.invalidateQueries({ queryKey: fileKeys.all });
      if (added > 0) notifications.show({ color: 'green', message: t('files.uploaded', { count: added }) });
      setProgress(null);
      setFailures(failed);
      setPending(left);
      if (failed.length === 0) onClose();
    },
  });

  const ready = pending.length > 0 && pending.every((p) => p.title.trim() !== '') && (!needsKind || documentKind !== null);
  return (
    <Modal opened onClose={onClose} title={t('files.add')} size="lg" centered>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('files.hint')}
        </Text>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPaperclip size={16} />} onClick={() => picker.current?.click()}>
            {t('files.chooseFiles')}
          </Button>
          <Button variant="default" leftSection={<IconCamera size={16} />} onClick={() => camera.current?.click()}>
            {t('files.photo')}
          </Button>
          <input
            ref={picker}
            type="file"
            multiple
            accept={ACCEPT}
            hidden
            data-testid="file-input"
            onChange={(e) => {
              add(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
          {/* A phone opens its camera for this one; a computer offers its file picker. */}
          <input
            ref={camera}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            data-testid="camera-input"
            onChange={(e) => {
              add(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </Group>
        {needsKind && (
          <Select
            label={t('files.fields.documentKind')}
            withAsterisk
            allowDeselect={false}
            value={documentKind}
            onChange={(v) => setDocumentKind(v as DocumentKind | null)}
            data={[...new Set([...(documentKinds ?? []), ...DOCUMENT_KINDS])].map((kind) => ({
              value: kind,
              label: t(`families.document.kinds.${kind}`),
            }))}
          />
        )}
        {sections.length > 0 && (
          <Select
            label={t('files.fields.section')}
            value={section}
            onChange={(v) => setSection((v ?? '') as SensitiveSection | '')}
            data={[
              { value: '', label: t('files.noSection') },
              ...sections.map((s) => ({ value: s, label: t('files.restricted', { section: t(`families.sensitive.sections.${s}`) }) })),
            ]}
          />
        )}
        {pending.map((p, index) => (
          <Paper key={`${p.file.name}-${index}`} withBorder p="xs">
            <Text size="xs" c="dimmed" mb={4}>
              {p.file.name} · {sizeText(p.file.size)}
            </Text>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                label={t('files.fields.title')}
                withAsterisk
                style={{ flex: 1, minWidth: 200 }}
                maxLength={300}
                value={p.title}
                onChange={(e) => {
                  const title = e.currentTarget.value;
                  setPending((old) => old.map((x, i) => (i === index ? { ...x, title } : x)));
                }}
              />
              <TextInput
                type="date"
                label={t('files.fields.documentDate')}
                max={today()}
                value={p.documentDate}
                onChange={(e) => {
                  const documentDate = e.currentTarget.value;
                  setPending((old) => old.map((x, i) => (i === index ? { ...x, documentDate } : x)));
                }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('files.remove')}
                onClick={() => setPending((old) => old.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        {failures.map((f) => (
          <Text key={f} size="sm" c="red" role="alert">
            {f}
          </Text>
        ))}
        {progress && <Text size="sm">{t('files.uploading', progress)}</Text>}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button leftSection={<IconUpload size={16} />} disabled={!ready} loading={upload.isPending} onClick={() => upload.mutate()}>
            {t('files.upload')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EditModal({ item, onClose }: { item: AttachmentView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [title, setTitle] = useState(item.title);
  const [documentDate, setDocumentDate] = useState(item.documentDate ?? '');
  const save = useMutation({
    mutationFn: () => filesApi.edit(item.id, { title, documentDate: documentDate || null, version: item.version }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: fileKeys.all });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('files.edit')} centered>
      <Stack gap="sm">
        <TextInput
          label={t('files.fields.title')}
          withAsterisk
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('files.fields.documentDate')}
          max={today()}
          value={documentDate}
          onChange={(e) => setDocumentDate(e.currentTarget.value)}
        />
        <FormError error={save.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} disabled={title.trim() === ''} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function FileRow({ item, canManage }: { item: AttachmentView; canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [history, setHistory] = useState(false);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const replacer = useRef<HTMLInputElement>(null);
  const current = item.versions[0];
  const removed = item.removedAt !== null;
  const replace = useMutation({
    mutationFn: async (file: File) =>
      filesApi.replace(item.id, { fileName: file.name, contentBase64: await readBase64(file), version: item.version }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('files.replaced') });
      await client.invalidateQueries({ queryKey: fileKeys.all });
    },
    onError: (error) =>
      notifications.show({ color: 'red', message: isApiError(error) ? (error.fields[0]?.message ?? error.message) : String(error) }),
  });
  const remove = useMutation({
    mutationFn: () => filesApi.remove(item.id, item.version),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('files.removed') });
      setRemoving(false);
      await client.invalidateQueries({ queryKey: fileKeys.all });
    },
  });
  return (
    <Paper withBorder p="xs" data-testid="file-row" opacity={removed ? 0.6 : 1}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Thumbnail item={item} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Text fw={500} size="sm" style={{ wordBreak: 'break-word' }}>
              {item.title}
            </Text>
            {item.documentKind && (
              <Badge size="xs" variant="light">
                {t(`families.document.kinds.${item.documentKind}`)}
              </Badge>
            )}
            {item.section && (
              <Badge size="xs" color="grape" variant="light">
                {t('files.restricted', { section: t(`families.sensitive.sections.${item.section}`) })}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {[
              item.documentDate ? formatDate(item.documentDate) : null,
              current ? t(`files.kinds.${current.kind}`) : null,
              current?.pages ? t('files.pages', { count: current.pages }) : null,
              current ? sizeText(current.size) : null,
              item.versions.length > 1 ? t('files.versionN', { n: current?.number ?? 1 }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {removed && (
            <Text size="xs" c="red">
              {t('files.removedBy', { name: item.removedBy ?? '', date: formatDate(item.removedAt!.slice(0, 10)) })}
            </Text>
          )}
          {item.versions.length > 1 && (
            <>
              <Anchor component="button" type="button" size="xs" onClick={() => setHistory((v) => !v)}>
                <Group gap={4}>
                  <IconHistory size={12} />
                  {t('files.history', { count: item.versions.length })}
                </Group>
              </Anchor>
              <Collapse expanded={history}>
                <Stack gap={2} mt={4}>
                  {item.versions.map((v, i) => (
                    <Text key={v.number} size="xs">
                      {t('files.versionN', { n: v.number })}
                      {i === 0 ? ` (${t('files.current')})` : ''} —{' '}
                      {t('files.uploadedBy', { name: v.uploadedBy, date: formatDate(v.uploadedAt.slice(0, 10)) })} · {sizeText(v.size)}{' '}
                      {v.available && (
                        <Anchor href={contentUrl(item.id, { version: v.number })} download size="xs">
                          {t('files.download')}
                        </Anchor>
                      )}
                    </Text>
                  ))}
                </Stack>
              </Collapse>
            </>
          )}
        </Stack>
        {!removed && current?.available && (
          <Group gap={2} wrap="nowrap">
            <Tooltip label={t('files.download')}>
              <ActionIcon
                component="a"
                href={contentUrl(item.id)}
                download
                variant="subtle"
                aria-label={t('files.download')}
                data-testid="file-download"
              >
                <IconDownload size={18} />
              </ActionIcon>
            </Tooltip>
            {canManage && (
              <>
                <Tooltip label={t('files.replace')}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('files.replace')}
                    loading={replace.isPending}
                    onClick={() => replacer.current?.click()}
                  >
                    <IconReplace size={18} />
                  </ActionIcon>
                </Tooltip>
                <input
                  ref={replacer}
                  type="file"
                  accept={ACCEPT}
                  hidden
                  onChange={(e) => {
                    const file = e.currentTarget.files?.[0];
                    e.currentTarget.value = '';
                    if (file) replace.mutate(file);
                  }}
                />
                <Tooltip label={t('files.edit')}>
                  <ActionIcon variant="subtle" aria-label={t('files.edit')} onClick={() => setEditing(true)}>
                    <IconPencil size={18} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('files.remove')}>
                  <ActionIcon variant="subtle" color="red" aria-label={t('files.remove')} onClick={() => setRemoving(true)}>
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              </>
            )}
          </Group>
        )}
      </Group>
      {editing && <EditModal item={item} onClose={() => setEditing(false)} />}
      <ConfirmModal
        opened={removing}
        title={t('files.removeTitle')}
        message={t('files.removeConfirm', { title: item.title })}
        confirmLabel={t('files.remove')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setRemoving(false)}
      />
    </Paper>
  );
}

export function AttachmentsPanel({ ownerKind, ownerId, title, documentKinds, bare }: Props) {
  const { t } = useTranslation();
  const [showRemoved, setShowRemoved] = useState(false);
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: fileKeys.owner(ownerKind, ownerId, showRemoved),
    queryFn: () => filesApi.list(ownerKind, ownerId, showRemoved),
  });
  const heading = title ?? t(`files.titleOf.${ownerKind}`, { defaultValue: t('files.title') });
  const body = (
    <Stack gap="xs" data-testid={`files-${ownerKind}-${ownerId}`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        {!bare && (
          <Title order={4} size="h5">
            {heading}
          </Title>
        )}
        {list.data?.canManage && (
          <Button size="compact-sm" variant="light" leftSection={<IconUpload size={14} />} onClick={() => setAdding(true)}>
            {t('files.add')}
          </Button>
        )}
      </Group>
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <EmptyState>{t('files.empty')}</EmptyState>}
      {list.data?.items.map((item) => (
        <FileRow key={item.id} item={item} canManage={list.data.canManage} />
      ))}
      {list.data && (
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {t('files.limits', {
              maxFileMb: list.data.limits.maxFileMb,
              maxRecordMb: list.data.limits.maxRecordMb,
              used: (list.data.limits.usedBytes / MB).toFixed(1),
            })}
          </Text>
          <Checkbox
            size="xs"
            label={t('files.showRemoved')}
            checked={showRemoved}
            onChange={(e) => setShowRemoved(e.currentTarget.checked)}
          />
        </Group>
      )}
      {adding && list.data && (
        <UploadModal
          ownerKind={ownerKind}
          ownerId={ownerId}
          sections={list.data.sections}
          documentKinds={documentKinds}
          maxFileMb={list.data.limits.maxFileMb}
          onClose={() => setAdding(false)}
        />
      )}
    </Stack>
  );
  return bare ? (
    body
  ) : (
    <Paper withBorder p="sm">
      {body}
    </Paper>
  );
}

/** A «Файлы» button for a row of a list (a consent, a service, an agreement…) opening its files. */
export function AttachmentsButton({ ownerKind, ownerId, title }: { ownerKind: string; ownerId: string; title?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const heading = title ?? t(`files.titleOf.${ownerKind}`, { defaultValue: t('files.title') });
  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconPaperclip size={14} />}
        onClick={() => setOpen(true)}
        data-testid={`files-button-${ownerKind}`}
      >
        {t('files.title')}
      </Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={heading} size="lg" centered>
          <AttachmentsPanel ownerKind={ownerKind} ownerId={ownerId} bare />
        </Modal>
      )}
    </>
  );
}
