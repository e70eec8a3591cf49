// The case page's «Файлы» tab: where a family's papers are found — the family's documents, each
// person's document scans (passport, birth certificate, SNILS… by the documents recorded for them)
// and other files, and the case's own files. Consents, services, stays, hand-overs keep their scans
// with them (the «Файлы» button on each).
import { Accordion, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import { memberLabel } from '../cases/labels.js';
import { AttachmentsPanel } from './AttachmentsPanel.js';

export function CaseFilesTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const members = detail.family.members.filter((m) => m.relation !== 'unborn_child');
  return (
    <Stack gap="md">
      <AttachmentsPanel ownerKind="family" ownerId={detail.family.id} />
      <Accordion multiple variant="separated" defaultValue={members.slice(0, 1).map((m) => m.id)}>
        {members.map((member) => (
          <Accordion.Item key={member.id} value={member.id}>
            <Accordion.Control>
              <Text fw={500}>{memberLabel(member)}</Text>
              <Text size="xs" c="dimmed">
                {t(`families.relation.${member.relation}`)}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                <AttachmentsPanel ownerKind="person_document" ownerId={member.id} documentKinds={member.documents.map((d) => d.kind)} />
                <AttachmentsPanel ownerKind="person" ownerId={member.id} />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <AttachmentsPanel ownerKind="case" ownerId={detail.case.id} />
    </Stack>
  );
}
