// Retention and destruction: the organisation's retention periods, the records due for destruction
// (with those still held and why, on request), and destroying one for good with the reason for its act.
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DESTRUCTION_BASES, type DestructionActView, type DueItem, type RetentionSettings } from '../../domain/privacy/contracts.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { actPdfUrl, errorsByPath, privacyApi, privacyKeys } from './api.js';

function SettingsCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({ queryKey: privacyKeys.retention, queryFn: privacyApi.retention });
  const [edit, setEdit] = useState<RetentionSettings | null>(null);
  const save = useMutation({
    mutationFn: () => privacyApi.setRetention(edit!),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      setEdit(null);
      await client.invalidateQueries({ queryKey: privacyKeys.all });
    },
  });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const v = edit ?? query.data;
  const errors = errorsByPath(save.error);
  const field = (
    key: 'closedCaseYears' | 'declinedReferralMonths' | 'volunteerApplicationMonths' | 'formerVolunteerYears',
    max: number,
  ) => (
    <NumberInput
      label={t(`privacy.retention.${key}`)}
      value={v[key]}
      min={1}
      max={max}
      onChange={(value) => setEdit({ ...v, [key]: Number(value) || 0 })}
      error={errors[key]}
      data-testid={`retention-${key}`}
    />
  );
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3}>{t('privacy.retention.settings')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {field('closedCaseYears', 75)}
          {field('declinedReferralMonths', 120)}
          {field('volunteerApplicationMonths', 120)}
          {field('formerVolunteerYears', 50)}
        </SimpleGrid>
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={edit === null} data-testid="retention-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function DestroyForm({ item, onDone }: { item: DueItem; onDone: (act: DestructionActView) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [basis, setBasis] = useState<(typeof DESTRUCTION_BASES)[number]>(item.hold === null ? 'retention' : 'subject_request');
  const [requestId, setRequestId] = useState<string | null>(null);
  const [reason, setReason] = useState(t('privacy.retention.reasonDefault'));
  const [sure, setSure] = useState(false);
  const requests = useQuery({
    queryKey: privacyKeys.requests({ status: 'open', mine: 'false' }),
    queryFn: () => privacyApi.requests({ status: 'open', mine: 'false' }),
  });
  const destroy = useMutation({
    mutationFn: () =>
      privacyApi.destroy({
        recordKind: item.recordKind,
        recordId: item.recordId,
        basis,
        reason,
        confirm: true,
        ...(basis !== 'retention' && requestId && { requestId }),
      }),
    onSuccess: async (act) => {
      notifications.show({ color: 'green', message: t('privacy.retention.destroyed', { number: act.number }) });
      await client.invalidateQueries({ queryKey: privacyKeys.all });
      onDone(act);
    },
  });
  const errors = errorsByPath(destroy.error);
  const eligible = (requests.data?.items ?? []).filter((r) => r.kind === 'deletion' || r.kind === 'consent_withdrawal');
  return (
    <Stack gap="sm">
      <Text size="sm">{t('privacy.retention.confirmText')}</Text>
      <Text size="sm" fw={600}>
        {item.label} · {item.branchName}
      </Text>
      <Select
        label={t('privacy.retention.basis')}
        data={DESTRUCTION_BASES.map((b) => ({ value: b, label: t(`privacy.codes.basis.${b}`) }))}
        value={basis}
        onChange={(value) => value && setBasis(value as (typeof DESTRUCTION_BASES)[number])}
        allowDeselect={false}
      />
      {basis !== 'retention' && (
        <Select
          label={t('privacy.retention.request')}
          data={eligible.map((r) => ({
            value: r.id,
            label: `${t(`privacy.requests.kinds.${r.kind}`)} · ${r.subjectName} · ${formatDate(r.receivedOn)}`,
          }))}
          value={requestId}
          onChange={setRequestId}
          error={errors.requestId}
        />
      )}
      <Textarea
        label={t('privacy.retention.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
        autosize
        minRows={2}
      />
      <Checkbox
        label={t('privacy.retention.confirm')}
        checked={sure}
        onChange={(e) => setSure(e.currentTarget.checked)}
        data-testid="destroy-sure"
      />
      <FormError error={destroy.error} />
      <Group justify="flex-end">
        <Button color="red" onClick={() => destroy.mutate()} loading={destroy.isPending} disabled={!sure} data-testid="destroy-confirm">
          {t('privacy.retention.destroy')}
        </Button>
      </Group>
    </Stack>
  );
}

export function RetentionPage() {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const [target, setTarget] = useState<DueItem | null>(null);
  const [done, setDone] = useState<DestructionActView | null>(null);
  const due = useQuery({ queryKey: privacyKeys.due(all ? 'all' : 'due'), queryFn: () => privacyApi.due(all ? 'all' : 'due') });
  return (
    <Page title={t('privacy.retention.title')}>
      <SettingsCard />
      <Group justify="space-between">
        <Title order={3}>{t('privacy.retention.due')}</Title>
        <Checkbox label={t('privacy.retention.showAll')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
      </Group>
      {done && (
        <Card withBorder data-testid="destroyed-act">
          <Group justify="space-between">
            <Text>{t('privacy.retention.destroyed', { number: done.number })}</Text>
            <Button
              component="a"
              href={actPdfUrl(done.id)}
              download
              size="xs"
              variant="light"
              leftSection={<IconDownload size={14} />}
              data-testid="act-download"
            >
              {t('privacy.acts.download')}
            </Button>
          </Group>
        </Card>
      )}
      {due.isPending ? (
        <LoadingState />
      ) : due.isError ? (
        <ErrorState error={due.error} onRetry={() => void due.refetch()} />
      ) : due.data.items.length === 0 ? (
        <EmptyState>{t('privacy.retention.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.retention.record')}</Table.Th>
                <Table.Th>{t('privacy.retention.endedOn')}</Table.Th>
                <Table.Th>{t('privacy.retention.dueFrom')}</Table.Th>
                <Table.Th>{t('privacy.retention.hold')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {due.data.items.map((item) => (
                <Table.Tr key={`${item.recordKind}:${item.recordId}`} data-testid="due-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {item.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`privacy.codes.recordKind.${item.recordKind}`)} · {item.branchName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(item.endedOn)}</Table.Td>
                  <Table.Td>{formatDate(item.dueFrom)}</Table.Td>
                  <Table.Td>
                    {item.hold ? (
                      <Badge variant="light" color="gray">
                        {t(`privacy.holds.${item.hold}`)}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" color="red" variant="light" onClick={() => setTarget(item)} data-testid="due-destroy">
                      {t('privacy.retention.destroy')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={target !== null} onClose={() => setTarget(null)} title={t('privacy.retention.confirmTitle')}>
        {target && (
          <DestroyForm
            item={target}
            onDone={(act) => {
              setTarget(null);
              setDone(act);
            }}
          />
        )}
      </Modal>
    </Page>
  );
}
