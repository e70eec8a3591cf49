// The occupancy board: every facility of the user's branches with its rooms and places (free,
// taken — with the resident's first name for the house desk — or closed), leavings in the next
// weeks and the waiting list. One column on a phone; the desk checks families in and out from here.
import { useState } from 'react';
import { Badge, Button, Card, Grid, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../domain/housing/contracts.js';
import { leavingOverdue } from '../../domain/housing/leaving.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { housingApi, housingKeys } from './api.js';
import { CheckInModal, StayModal } from './StayModals.js';

const COLOR = { free: 'green', occupied: 'blue', closed: 'gray' } as const;

function FacilityCard({ facility, on, onStay }: { facility: Board['facilities'][number]; on: string; onStay: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid={`facility-${facility.name}`}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <div>
          <Title order={4}>{facility.name}</Title>
          <Text size="xs" c="dimmed">
            {t(`housing.kinds.${facility.kind}`)} · {facility.branchName}
          </Text>
        </div>
        <Badge size="lg" color={facility.free.mother > 0 ? 'green' : 'red'} variant="light" data-testid="free-places">
          {t('housing.board_.free', facility.free)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs">
        {facility.rooms.map((room) => (
          <Paper key={room.id} withBorder p="xs" radius="sm" bg={room.closed ? 'gray.1' : undefined}>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                {room.name}
              </Text>
              {room.closed && <Badge color="gray">{t('housing.board_.closed')}</Badge>}
            </Group>
            <Stack gap={4}>
              {room.places.map((place) => {
                // "Комната 1: кровать 2" → "кровать 2": the room is the card's title already.
                const short = place.label.includes(': ') ? place.label.slice(place.label.indexOf(': ') + 2) : place.label;
                // A planned leaving already past is overdue: the desk should act on it.
                const late = place.plannedLeaveOn !== undefined && leavingOverdue({ plannedLeaveOn: place.plannedLeaveOn }, on);
                const body = (
                  <Group justify="space-between" gap="xs" wrap="nowrap" py={2}>
                    <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} title={t(`housing.placeKinds.${place.kind}`)}>
                      {short}
                    </Text>
                    {place.status === 'occupied' ? (
                      <div style={{ minWidth: 0, textAlign: 'right' }}>
                        <Text size="sm" fw={600} c="blue.8" truncate>
                          {place.firstName ?? t('housing.board_.occupiedHidden')}
                        </Text>
                        {place.plannedLeaveOn && (
                          <Text size="xs" c={late ? 'red.7' : 'dimmed'} data-overdue={late}>
                            {t('housing.board_.until', { date: formatDate(place.plannedLeaveOn) })}
                            {late && ` · ${t('stays.card.overdueShort')}`}
                          </Text>
                        )}
                      </div>
                    ) : (
                      <Badge color={COLOR[place.status]} variant="outline" style={{ flexShrink: 0 }}>
                        {t(`housing.placeStatus.${place.status}`)}
                      </Badge>
                    )}
                  </Group>
                );
                return place.stayId ? (
                  <UnstyledButton key={place.id} onClick={() => onStay(place.stayId!)}>
                    {/* The room is the card's title; a screen reader hears it with the bed. */}
                    <VisuallyHidden>{`${room.name}: `}</VisuallyHidden>
                    {body}
                  </UnstyledButton>
                ) : (
                  <div key={place.id}>{body}</div>
                );
              })}
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Card>
  );
}

export function BoardPage() {
  const { t } = useTranslation();
  const can = useCan();
  const board = useQuery({ queryKey: housingKeys.board, queryFn: () => housingApi.board({}) });
  const [stayId, setStayId] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<Board['waiting'][number] | null>(null);
  if (board.isPending) return <LoadingState />;
  if (board.isError) return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  const data = board.data;
  const desk = can('housing.stays');
  return (
    <Page title={t('housing.board')}>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {data.facilities.length === 0 && <EmptyState>{t('housing.board_.noFacilities')}</EmptyState>}
            {data.facilities.map((f) => (
              <FacilityCard key={f.id} facility={f} on={data.on} onStay={setStayId} />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <Card withBorder padding="sm">
              <Title order={4} mb="xs">
                {t('housing.board_.waiting')}
              </Title>
              {data.waiting.length === 0 && <Text c="dimmed">{t('housing.board_.noWaiting')}</Text>}
              <Stack gap="xs" data-testid="waiting-list">
                {data.waiting.map((w) => (
                  <Group key={w.caseId} justify="space-between" wrap="nowrap">
                    <div>
                      <Text size="sm" fw={500}>
                        {w.members
                          .filter((m) => m.relation !== 'unborn_child')
                          .map((m) => m.firstName)
                          .join(', ')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {w.branchName} · {t('housing.board_.waitingSince', { date: formatDate(w.openedOn) })}
                      </Text>
                    </div>
                    {desk && (
                      <Button size="xs" onClick={() => setWaiting(w)} style={{ flexShrink: 0 }}>
                        {t('housing.actions.checkIn')}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            </Card>
            <Card withBorder padding="sm">
              <Title order={4} mb="xs">
                {t('stays.board.leavings')}
              </Title>
              {data.leavings.length === 0 && <Text c="dimmed">{t('housing.board_.noLeavings')}</Text>}
              <Stack gap={4}>
                {data.leavings.map((l) => (
                  <UnstyledButton key={l.stayId} onClick={() => setStayId(l.stayId)}>
                    <Group justify="space-between">
                      <Text size="sm">
                        {l.firstName ?? t('housing.board_.occupiedHidden')} · {l.roomName}
                      </Text>
                      <Text size="sm" c={leavingOverdue(l, data.on) ? 'red.7' : 'dimmed'} data-overdue={leavingOverdue(l, data.on)}>
                        {formatDate(l.plannedLeaveOn)}
                        {leavingOverdue(l, data.on) && ` · ${t('stays.card.overdueShort')}`}
                      </Text>
                    </Group>
                  </UnstyledButton>
                ))}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      {waiting && <CheckInModal key={waiting.caseId} family={waiting} board={data} onClose={() => setWaiting(null)} />}
      <StayModal key={stayId ?? 'none'} stayId={stayId} board={data} canAct={desk} onClose={() => setStayId(null)} />
    </Page>
  );
}
