// Is this family already known? Matches by name (typos, ё/е), birth date and phone, asked while the
// user types. A match outside the user's reach is told only as "a possible match exists" — no branch,
// name or what matched (issue 11); in a new referral, its coordinator is asked to check it.
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { FamilyMatch, MatchQuery } from '../../domain/families/contracts.js';
import { familiesApi, familyKeys } from './api.js';

type Query = z.input<typeof MatchQuery>;
type Match = z.infer<typeof FamilyMatch>;

function worthAsking(query: Query): boolean {
  const name = `${query.lastName ?? ''}${query.firstName ?? ''}`.trim();
  const digits = (query.phone ?? '').replace(/\D/g, '');
  return name.length >= 3 || digits.length >= 6 || Boolean(query.birthDate);
}

/** Possible matches for what is typed, asked at most every 400 ms and only once there is enough to go on. */
export function useFamilyMatches(query: Query, enabled = true) {
  const clean: Query = Object.fromEntries(Object.entries(query).filter(([, value]) => value)) as Query;
  const [debounced] = useDebouncedValue(clean, 400);
  return useQuery({
    queryKey: familyKeys.matches(debounced),
    queryFn: () => familiesApi.matches(debounced),
    enabled: enabled && worthAsking(debounced),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function FamilyMatchesList({
  matches,
  outsideReach = false,
  referral = false,
  loading = false,
  linkedId,
  onLink,
}: {
  matches: Match[];
  /** A family the user may not reach looks alike: said in one line, nothing more. */
  outsideReach?: boolean;
  /** In a new referral, saving it asks that family's coordinator to check the match. */
  referral?: boolean;
  loading?: boolean;
  linkedId?: string | null;
  onLink?: (familyId: string, name: string) => void;
}) {
  const { t } = useTranslation();
  if (matches.length === 0 && !outsideReach && !loading) return null;
  return (
    <Paper withBorder p="sm" bg="yellow.0" role="region" aria-label={t('families.matches.title')}>
      <Group gap={6} mb={6}>
        <IconUsers size={16} />
        <Text size="sm" fw={600}>
          {t('families.matches.title')}
        </Text>
        {loading && <Loader size="xs" />}
      </Group>
      <Stack gap={6}>
        {outsideReach && (
          <Alert color="gray" p="xs" data-testid="match-outside-reach">
            <Text size="sm">{t(referral ? 'families.matches.outsideReachReferral' : 'families.matches.outsideReach')}</Text>
          </Alert>
        )}
        {matches.map((match) => {
          const reasons = match.reasons.map((reason) => t(`families.matches.reasons.${reason}`)).join(', ');
          const linked = linkedId === match.familyId;
          const familyId = match.familyId;
          return (
            <Group key={familyId} justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {match.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {match.branchName} · {t('families.matches.by', { reasons })}
                </Text>
              </Stack>
              {onLink &&
                (linked ? (
                  <Badge color="green" leftSection={<IconCheck size={12} />}>
                    {t('families.matches.linked')}
                  </Badge>
                ) : (
                  <Button size="xs" variant="light" onClick={() => onLink(familyId, match.name)}>
                    {t('families.matches.link')}
                  </Button>
                ))}
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
