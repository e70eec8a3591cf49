// One group session and its attendance: the user picks families from her cases and ticks which
// adults and children came. Saving replaces the attendance of the cases she can see; attendees of
// other families are only counted.
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconX } from '@tabler/icons-react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { GroupSessionView } from '../../domain/services/contracts.js';
import { isApiError } from '../app/api.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { caseKeys, casesApi } from '../cases/api.js';
import { isChild, memberLabel } from '../cases/labels.js';
import { groupsApi, serviceKeys } from '../services/api.js';
import { CasePicker } from '../services/CasePicker.js';
import { attendeeTotal, KIND_COLOR, sessionDates } from './GroupsPage.js';

/** caseId → chosen member ids. */
type Selection = Map<string, Set<string>>;

function selectionOf(session: GroupSessionView): Selection {
  const selection: Selection = new Map();
  for (const attendee of session.attendees) {
    const members = selection.get(attendee.caseId) ?? new Set<string>();
    members.add(attendee.memberId);
    selection.set(attendee.caseId, members);
  }
  return selection;
}

function FamilyAttendance({
  caseId,
  chosen,
  onToggle,
  onRemove,
}: {
  caseId: string;
  chosen: Set<string>;
  onToggle: (memberId: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: caseKeys.one(caseId), queryFn: () => casesApi.get(caseId) });
  const members = detail.data?.family.members ?? [];
  const adults = members.filter((m) => !isChild(m) && m.relation !== 'unborn_child');
  const children = members.filter((m) => isChild(m) && m.relation !== 'unborn_child');
  const column = (title: string, list: typeof members) => (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" fw={600}>
        {title}
      </Text>
      {list.map((member) => (
        <Checkbox key={member.id} label={memberLabel(member)} checked={chosen.has(member.id)} onChange={() => onToggle(member.id)} />
      ))}
    </Stack>
  );
  return (
    <Card withBorder padding="sm" data-testid="attendance-family" aria-label={detail.data?.case.familyName}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Text fw={600}>{detail.data?.case.familyName ?? '…'}</Text>
        <ActionIcon variant="subtle" color="gray" aria-label={t('common.close')} onClick={onRemove}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
      {detail.isPending ? (
        <LoadingState />
      ) : detail.isError ? (
        <ErrorState error={detail.error} />
      ) : (
        <SimpleGrid cols={2} spacing="sm">
          {column(t('groups.adults'), adults)}
          {column(t('groups.children'), children)}
        </SimpleGrid>
      )}
    </Card>
  );
}

function SessionView({ session }: { session: GroupSessionView }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [selection, setSelection] = useState<Selection>(() => selectionOf(session));
  useEffect(() => setSelection(selectionOf(session)), [session]);
  // Families picked stay in the order they were added.
  const caseIds = [...selection.keys()];
  useQueries({ queries: caseIds.map((caseId) => ({ queryKey: caseKeys.one(caseId), queryFn: () => casesApi.get(caseId) })) });
  const save = useMutation({
    mutationFn: () =>
      groupsApi.attendance({
        sessionId: session.id,
        attendees: [...selection].flatMap(([caseId, members]) => [...members].map((memberId) => ({ caseId, memberId }))),
      }),
    onSuccess: async (fresh) => {
      client.setQueryData(serviceKeys.group(session.id), fresh);
      notifications.show({ color: 'green', message: t('groups.attendanceSaved') });
      await Promise.all([
        client.invalidateQueries({ queryKey: serviceKeys.groups }),
        ...caseIds.map((caseId) => client.invalidateQueries({ queryKey: caseKeys.one(caseId) })),
      ]);
    },
  });
  const toggle = (caseId: string) => (memberId: string) =>
    setSelection((current) => {
      const next = new Map(current);
      const members = new Set(next.get(caseId));
      if (members.has(memberId)) members.delete(memberId);
      else members.add(memberId);
      next.set(caseId, members);
      return next;
    });
  const chosenCount = [...selection.values()].reduce((sum, members) => sum + members.size, 0);
  const others = session.attendeeCount - session.attendees.length;
  return (
    <Page title={session.topic}>
      <Group gap="xs" mt={-8}>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconArrowLeft size={14} />}
          renderRoot={(props) => <Link {...props} to="/groups" />}
        >
          {t('groups.back')}
        </Button>
        <Badge variant="light" color={KIND_COLOR[session.kind]}>
          {t(`groups.kinds.${session.kind}`)}
        </Badge>
        {session.series && <Text size="sm">{session.series}</Text>}
        <Text size="sm" c="dimmed">
          {sessionDates(session)} · {t('services.minutes', { count: session.durationMinutes })} ·{' '}
          {session.facilitators.map((f) => f.name).join(', ')}
        </Text>
      </Group>
      <Card withBorder padding="sm">
        <Group justify="space-between" gap="xs">
          <Text fw={700} data-testid="session-attendee-total">
            {t('groups.attendees', { count: attendeeTotal(session) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('groups.attendeesBreakdown', {
              fromCases: session.attendeeCount,
              adults: session.outsideAdults,
              children: session.outsideChildren,
            })}
          </Text>
        </Group>
        {session.summary && (
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {session.summary}
          </Text>
        )}
      </Card>
      <Stack gap="sm" component="section" aria-labelledby="attendance-title">
        <Title order={3} id="attendance-title">
          {t('groups.attendance')}
        </Title>
        {others > 0 && <Text size="sm">{t('groups.others', { count: others })}</Text>}
        <CasePicker
          label={t('groups.pickFamily')}
          placeholder={t('groups.pickFamilyPlaceholder')}
          maw={420}
          value={null}
          onChange={(picked) => {
            if (picked && !selection.has(picked.id)) setSelection((current) => new Map(current).set(picked.id, new Set()));
          }}
        />
        {caseIds.length === 0 ? (
          <Alert color="gray" p="xs">
            {t('groups.noAttendees')}
          </Alert>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {caseIds.map((caseId) => (
              <FamilyAttendance
                key={caseId}
                caseId={caseId}
                chosen={selection.get(caseId) ?? new Set()}
                onToggle={toggle(caseId)}
                onRemove={() =>
                  setSelection((current) => {
                    const next = new Map(current);
                    next.delete(caseId);
                    return next;
                  })
                }
              />
            ))}
          </SimpleGrid>
        )}
        <FormError error={save.error} />
        {can('groups.manage') && (
          <Group justify="flex-end">
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('groups.saveAttendance')} ({chosenCount})
            </Button>
          </Group>
        )}
      </Stack>
    </Page>
  );
}

export function GroupSessionPage() {
  const { t } = useTranslation();
  const { sessionId } = useParams({ from: '/groups/$sessionId' });
  const session = useQuery({ queryKey: serviceKeys.group(sessionId), queryFn: () => groupsApi.get(sessionId) });
  if (session.isPending) return <LoadingState />;
  if (session.isError) {
    if (isApiError(session.error, 'not_found') || isApiError(session.error, 'validation'))
      return (
        <Page title={t('groups.title')}>
          <EmptyState>{t('errors.not_found')}</EmptyState>
        </Page>
      );
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  return <SessionView session={session.data} />;
}
