// Group work: sessions (parents' club, house meetings, workshops, group therapy, away shifts) by
// kind, series and date, with the number of attendees; a new session opens its attendance screen.
// The list holds only the sessions the server lets the user reach (groupScope); those who answer
// for results (indicators.read) get the figures too, and the M&E officer only the figures.
import { useMemo, useState } from 'react';
import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { today } from '../../domain/families/people.js';
import { GROUP_KINDS, type GroupSessionView } from '../../domain/services/contracts.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { groupsApi, serviceKeys } from '../services/api.js';
import { GroupCounts } from './GroupCounts.js';
import { GroupSessionModal } from './GroupSessionForm.js';

type Kind = (typeof GROUP_KINDS)[number];

export const KIND_COLOR: Record<Kind, string> = {
  parents_club: 'teal',
  house_meeting: 'blue',
  workshop: 'orange',
  group_therapy: 'grape',
  away_shift: 'green',
  other: 'gray',
};

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

export function sessionDates(session: Pick<GroupSessionView, 'date' | 'endDate'>): string {
  return session.endDate && session.endDate !== session.date
    ? `${formatDate(session.date)} – ${formatDate(session.endDate)}`
    : formatDate(session.date);
}

export function attendeeTotal(session: GroupSessionView): number {
  return session.attendeeCount + session.outsideAdults + session.outsideChildren;
}

function SessionCard({ session }: { session: GroupSessionView }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="group-session"
      renderRoot={(props) => <Link {...props} to="/groups/$sessionId" params={{ sessionId: session.id }} />}
      style={{ textDecoration: 'none', color: 'inherit' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Badge size="sm" variant="light" color={KIND_COLOR[session.kind]}>
              {t(`groups.kinds.${session.kind}`)}
            </Badge>
            {session.series && (
              <Text size="xs" c="dimmed">
                {session.series}
              </Text>
            )}
          </Group>
          <Text fw={600} data-testid="group-topic">
            {session.topic}
          </Text>
          <Text size="xs" c="dimmed">
            {sessionDates(session)} · {t('services.minutes', { count: session.durationMinutes })} ·{' '}
            {session.facilitators.map((f) => f.name).join(', ')}
          </Text>
        </Stack>
        <Badge
          size="lg"
          variant="outline"
          leftSection={<IconUsersGroup size={14} />}
          style={{ flexShrink: 0 }}
          data-testid="group-attendees"
        >
          {attendeeTotal(session)}
        </Badge>
      </Group>
    </Card>
  );
}

export function GroupsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [from, setFrom] = useState(daysAgo(90));
  const [to, setTo] = useState(today());
  const [kind, setKind] = useState<string | null>(null);
  const [series, setSeries] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const sessions = useQuery({
    queryKey: serviceKeys.groupList({ from, to }),
    queryFn: () => groupsApi.list({ from: from || undefined, to: to || undefined }),
    placeholderData: keepPreviousData,
    select: (data) => data.items,
    enabled: can('groups.manage'),
  });
  const allSeries = useMemo(() => [...new Set((sessions.data ?? []).map((s) => s.series).filter(Boolean))].sort(), [sessions.data]);
  const visible = (sessions.data ?? [])
    .filter((s) => (!kind || s.kind === kind) && (!series || s.series === series))
    .sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Page
      title={t('groups.title')}
      actions={
        can('groups.manage') && (
          <Group gap="xs">
            {/* The filters on screen: the period the list asks for, the kind and series it is filtered by. */}
            <ExportButtons url="/api/group-sessions" query={{ from, to, kind, series }} testId="groups-export" />
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('groups.new')}
            </Button>
          </Group>
        )
      }
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Select
          aria-label={t('groups.kind')}
          placeholder={t('groups.anyKind')}
          clearable
          size="xs"
          data={GROUP_KINDS.map((k) => ({ value: k, label: t(`groups.kinds.${k}`) }))}
          value={kind}
          onChange={setKind}
        />
        <Select
          aria-label={t('groups.series')}
          placeholder={t('groups.series')}
          clearable
          size="xs"
          data={allSeries}
          value={series}
          onChange={setSeries}
        />
        <TextInput type="date" size="xs" aria-label={t('common.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" size="xs" aria-label={t('common.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </SimpleGrid>
      {can('indicators.read') && <GroupCounts from={from} to={to} />}
      {!can('groups.manage') ? null : sessions.isPending ? (
        <LoadingState />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : visible.length === 0 ? (
        <EmptyState>{t('groups.empty')}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {visible.map((session) => (
            <SessionCard key={session.id} session={session} />
          ))}
        </SimpleGrid>
      )}
      <GroupSessionModal
        opened={creating}
        series={allSeries}
        onClose={(session) => {
          setCreating(false);
          if (session) void navigate({ to: '/groups/$sessionId', params: { sessionId: session.id } });
        }}
      />
    </Page>
  );
}
