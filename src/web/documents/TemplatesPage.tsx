// The admin's document templates: the shipped ones and the organisation's own, uploaded as DOCX
// (refused with the reason — an unknown placeholder by its name), renamed, retired or restored,
// downloaded to edit in Word; and the catalogue of placeholders a template may use, with what each
// is filled with (in the interface's language).
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  FileInput,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TemplateView } from '../../domain/documents/contracts.js';
import { LIST_PLACEHOLDERS, PLACEHOLDER_GROUPS, SCALAR_PLACEHOLDERS } from '../../domain/documents/placeholders.js';
import { isApiError } from '../app/api.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { documentKeys, documentsApi, templateFileUrl } from './api.js';

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function UploadModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () => documentsApi.upload({ name, description, fileName: file!.name, contentBase64: await toBase64(file!) }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('documents.uploaded') });
      await client.invalidateQueries({ queryKey: ['documents', 'templates'] });
      onClose();
    },
  });
  const fieldError = (path: string) =>
    isApiError(upload.error, 'validation') ? upload.error.fields.find((f) => f.path === path)?.message : undefined;
  return (
    <Modal opened onClose={onClose} title={t('documents.upload')} size="lg">
      <Stack gap="sm">
        <TextInput
          label={t('documents.fields.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          error={fieldError('name')}
        />
        <Textarea
          label={t('documents.fields.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
          error={fieldError('description')}
        />
        <FileInput
          label={t('documents.fields.file')}
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          value={file}
          onChange={setFile}
          required
          error={fieldError('contentBase64') ?? fieldError('fileName')}
          data-testid="template-file"
        />
        {upload.isError && !isApiError(upload.error, 'validation') && (
          <Alert color="red" role="alert">
            {upload.error.message}
          </Alert>
        )}
        <Button
          leftSection={<IconUpload size={16} />}
          onClick={() => upload.mutate()}
          disabled={!file || !name.trim()}
          loading={upload.isPending}
        >
          {t('documents.upload')}
        </Button>
      </Stack>
    </Modal>
  );
}

function TemplateRow({ template }: { template: TemplateView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: () =>
      documentsApi.update(template.id, {
        name: template.name,
        description: template.description,
        active: !template.active,
        version: template.version,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['documents', 'templates'] }),
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {template.name}
        </Text>
        {template.description && (
          <Text size="xs" c="dimmed">
            {template.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={template.shippedCode ? 'blue' : 'grape'}>
          {t(template.shippedCode ? 'documents.shipped' : 'documents.own')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{template.placeholders.length}</Text>
      </Table.Td>
      <Table.Td>{!template.active && <Badge color="gray">{t('documents.retired')}</Badge>}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            component="a"
            href={templateFileUrl(template.id)}
            download
            size="compact-xs"
            variant="subtle"
            leftSection={<IconDownload size={12} />}
          >
            {t('documents.download')}
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            color={template.active ? 'red' : 'green'}
            loading={toggle.isPending}
            onClick={() => toggle.mutate()}
          >
            {t(template.active ? 'documents.retire' : 'documents.restore')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function Catalogue() {
  const { t } = useTranslation();
  // The catalogue's codes are data (domain/documents/placeholders.ts); each has its key in documents.placeholders.
  const meaning = (code: string) => t(`documents.placeholders.${code}` as 'documents.placeholders.today');
  return (
    <Stack gap="md">
      {PLACEHOLDER_GROUPS.map((group) => {
        const scalars = SCALAR_PLACEHOLDERS.filter((p) => p.group === group);
        const lists = LIST_PLACEHOLDERS.filter((l) => l.group === group);
        return (
          <Card key={group} withBorder padding="sm">
            <Title order={5} mb={6}>
              {t(`documents.groups.${group}`)}
            </Title>
            <Table withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {scalars.map((p) => (
                  <Table.Tr key={p.code}>
                    <Table.Td w="45%">
                      <Code>{`{${p.name}}`}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{meaning(p.code)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {lists.map((list) => (
              <Stack key={list.code} gap={2} mt="xs">
                <Text size="sm" fw={500}>
                  {meaning(list.code)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('documents.catalogue.listUsage', {
                    usage: `{#${list.name}} ${list.fields.map((f) => `{${f.name}}`).join(' ')} {/${list.name}}`,
                  })}
                </Text>
                <Table withRowBorders={false} verticalSpacing={2}>
                  <Table.Tbody>
                    {list.fields.map((f) => (
                      <Table.Tr key={f.code}>
                        <Table.Td w="45%" pl="md">
                          <Code>{`{${f.name}}`}</Code>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{meaning(f.code)}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            ))}
          </Card>
        );
      })}
    </Stack>
  );
}

export function DocumentTemplatesPage() {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const [uploading, setUploading] = useState(false);
  const templates = useQuery({ queryKey: documentKeys.templates(all), queryFn: () => documentsApi.templates(all) });
  return (
    <Page
      title={t('documents.title')}
      actions={
        <Button leftSection={<IconUpload size={16} />} onClick={() => setUploading(true)} data-testid="template-upload">
          {t('documents.upload')}
        </Button>
      }
    >
      <Text size="sm" c="dimmed">
        {t('documents.intro')}
      </Text>
      <Tabs defaultValue="templates">
        <Tabs.List>
          <Tabs.Tab value="templates">{t('documents.title')}</Tabs.Tab>
          <Tabs.Tab value="catalogue">{t('documents.catalogue.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="templates" pt="sm">
          <Stack gap="sm">
            <Switch label={t('documents.showRetired')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
            {templates.isPending ? (
              <LoadingState />
            ) : templates.isError ? (
              <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
            ) : templates.data.items.length === 0 ? (
              <EmptyState>{t('documents.empty')}</EmptyState>
            ) : (
              <Table striped data-testid="templates-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('documents.fields.name')}</Table.Th>
                    <Table.Th>{t('documents.fields.kind')}</Table.Th>
                    <Table.Th>{t('documents.fields.placeholders')}</Table.Th>
                    <Table.Th>{t('documents.fields.status')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {templates.data.items.map((template) => (
                    <TemplateRow key={template.id} template={template} />
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="catalogue" pt="sm">
          <Catalogue />
        </Tabs.Panel>
      </Tabs>
      {uploading && <UploadModal onClose={() => setUploading(false)} />}
    </Page>
  );
}
