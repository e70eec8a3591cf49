// The aid of one case (a tab of the case page): what was asked, decided and handed out, and the form
// with which the family's worker asks for more — items or works, why, how it reaches the family.
import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DELIVERY_MODES } from '../../domain/aid/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { aidApi, aidKeys } from './api.js';
import { isoToday } from './labels.js';
import { emptyLine, errorsByPath, LinesEditor, linesBody, type Line } from './LinesEditor.js';
import { RequestCard } from './RequestCard.js';

function RequestAidForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  const [reason, setReason] = useState('');
  const [delivery, setDelivery] = useState<(typeof DELIVERY_MODES)[number]>('home');
  const [requestedOn, setRequestedOn] = useState(isoToday());
  const save = useMutation({
    mutationFn: () => aidApi.requestAid(caseId, { lines: linesBody(lines), reason, delivery, requestedOn }, key),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: aidKeys.all });
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  return (
    <Stack gap="sm">
      <LinesEditor lines={lines} onChange={setLines} errors={errors} />
      <Textarea
        label={t('aid.fields.reason')}
        withAsterisk
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
      />
      <div>
        <Text size="sm" fw={500} mb={2}>
          {t('aid.fields.delivery')}
        </Text>
        <SegmentedControl
          value={delivery}
          onChange={(v) => setDelivery(v as typeof delivery)}
          data={DELIVERY_MODES.map((mode) => ({ value: mode, label: t(`aid.delivery.${mode}`) }))}
        />
      </div>
      <TextInput
        type="date"
        label={t('aid.fields.requestedOn')}
        value={requestedOn}
        onChange={(e) => setRequestedOn(e.currentTarget.value)}
        error={errors.requestedOn}
      />
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('aid.actions.request')}
        </Button>
      </Group>
    </Stack>
  );
}

export function CaseAid({ caseId, closed }: { caseId: string; closed: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const [asking, setAsking] = useState(false);
  const list = useQuery({ queryKey: aidKeys.ofCase(caseId), queryFn: () => aidApi.ofCase(caseId) });
  return (
    <Stack gap="sm">
      {can('aid.request') && !closed && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAsking(true)}>
            {t('aid.actions.request')}
          </Button>
        </Group>
      )}
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('aid.caseEmpty')}</EmptyState>
      ) : (
        list.data.items.map((request) => <RequestCard key={request.id} request={request} />)
      )}
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('aid.actions.request')} size="xl">
        {asking && <RequestAidForm caseId={caseId} onDone={() => setAsking(false)} />}
      </Modal>
    </Stack>
  );
}
