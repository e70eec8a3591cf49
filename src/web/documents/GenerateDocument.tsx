// "Сформировать документ" on the case page: choose a template (the organisation's and the shipped
// ones), whom it is about (a consent for a child names the child), the addressee partner of a letter,
// DOCX or PDF — and download it; optionally keep it among the case's files. The server fills it from
// the case within the caller's reach and audits it.
import { useState } from 'react';
import { Alert, Button, Checkbox, Modal, SegmentedControl, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileText } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import type { DocumentFormat } from '../../domain/documents/contracts.js';
import { isApiError } from '../app/api.js';
import { PartnerSelect } from '../partners/PartnerPicker.js';
import { documentKeys, documentsApi, generateDocument } from './api.js';

function memberName(m: CaseDetail['family']['members'][number]): string {
  return [m.lastName, m.firstName, m.middleName].filter(Boolean).join(' ') || '—';
}

export function GenerateDocumentButton({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconFileText size={14} />}
        onClick={() => setOpened(true)}
        data-testid="generate-document"
      >
        {t('documents.generate.button')}
      </Button>
      {opened && <GenerateModal detail={detail} onClose={() => setOpened(false)} />}
    </>
  );
}

function GenerateModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const templates = useQuery({ queryKey: documentKeys.templates(false), queryFn: () => documentsApi.templates() });
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [format, setFormat] = useState<DocumentFormat>('docx');
  const [save, setSave] = useState(false);
  const template = templates.data?.items.find((x) => x.id === templateId);
  const usesPartner = template?.placeholders.some((p) => p.startsWith('партнёр.')) ?? false;
  const usesSubject = template?.placeholders.some((p) => p.startsWith('субъект.')) ?? false;
  const generate = useMutation({
    mutationFn: () =>
      generateDocument(detail.case.id, {
        templateId: templateId!,
        format,
        ...(memberId && usesSubject && { memberId }),
        ...(partnerId && usesPartner && { partnerId }),
        save,
      }),
    onSuccess: ({ savedFileId }) => {
      if (savedFileId) notifications.show({ color: 'green', message: t('documents.generate.saved') });
      onClose();
    },
  });
  const fieldError = (field: string) =>
    isApiError(generate.error, 'validation') ? generate.error.fields.find((f) => f.path === field)?.message : undefined;
  return (
    <Modal opened onClose={onClose} title={t('documents.generate.title')} size="lg">
      <Stack gap="sm">
        <Select
          label={t('documents.generate.template')}
          data={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={templateId}
          onChange={setTemplateId}
          searchable
          error={fieldError('templateId')}
          data-testid="document-template"
        />
        {usesSubject && (
          <Select
            label={t('documents.generate.member')}
            placeholder={t('documents.generate.memberDefault')}
            clearable
            data={detail.family.members.map((m) => ({ value: m.id, label: `${memberName(m)} (${t(`families.relation.${m.relation}`)})` }))}
            value={memberId}
            onChange={setMemberId}
            error={fieldError('memberId')}
            data-testid="document-member"
          />
        )}
        {usesPartner && (
          <PartnerSelect
            label={t('documents.generate.partner')}
            value={partnerId}
            onChange={setPartnerId}
            error={fieldError('partnerId')}
          />
        )}
        <SegmentedControl
          aria-label={t('documents.generate.format')}
          value={format}
          onChange={(value) => setFormat(value as DocumentFormat)}
          data={[
            { value: 'docx', label: 'DOCX (Word)' },
            { value: 'pdf', label: 'PDF' },
          ]}
        />
        <Checkbox label={t('documents.generate.save')} checked={save} onChange={(event) => setSave(event.currentTarget.checked)} />
        {generate.isError && !isApiError(generate.error, 'validation') && (
          <Alert color="red" role="alert">
            {generate.error.message}
          </Alert>
        )}
        <Button onClick={() => generate.mutate()} disabled={!templateId} loading={generate.isPending} data-testid="document-download">
          {t('documents.generate.download')}
        </Button>
      </Stack>
    </Modal>
  );
}
