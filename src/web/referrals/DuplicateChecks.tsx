// Possible duplicates to check (issue 11): new referrals that look like families of the branches the
// coordinator oversees, registered by someone who may not see those families. The coordinator
// compares the person with the family and says whether it is the same family. Shown only when there
// is something to check.
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DuplicateCheckView } from '../../domain/referrals/contracts.js';
import { formatDate } from '../app/format.js';
import { referralKeys, referralsApi } from './api.js';

function CheckRow({ check }: { check: DuplicateCheckView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const resolve = useMutation({
    mutationFn: (outcome: 'same_family' | 'not_same') => referralsApi.resolveDuplicate(check.id, { outcome, version: check.version }),
    onSettled: () => client.invalidateQueries({ queryKey: referralKeys.duplicateChecks }),
  });
  const r = check.referral;
  const person = [r.clientLastName, r.clientFirstName, r.clientMiddleName].filter(Boolean).join(' ');
  const details = [r.clientBirthDate && t('duplicates.born', { date: formatDate(r.clientBirthDate) }), r.clientPhone].filter(Boolean);
  const reasons = check.reasons.map((reason) => t(`families.matches.reasons.${reason}`)).join(', ');
  return (
    <Group justify="space-between" wrap="wrap" gap="xs" data-testid="duplicate-check">
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {person}
          {details.length > 0 && ` · ${details.join(' · ')}`}
        </Text>
        <Text size="xs" c="dimmed">
          {t('duplicates.referral', { date: formatDate(r.receivedAt), branch: r.branchName })}
        </Text>
        <Text size="xs">
          {t('duplicates.family')}: {check.family.name} ({check.family.branchName}) · {t('duplicates.by', { reasons })}
        </Text>
      </Stack>
      <Group gap="xs">
        <Button size="xs" variant="light" loading={resolve.isPending} onClick={() => resolve.mutate('same_family')}>
          {t('duplicates.same')}
        </Button>
        <Button size="xs" variant="default" loading={resolve.isPending} onClick={() => resolve.mutate('not_same')}>
          {t('duplicates.notSame')}
        </Button>
      </Group>
    </Group>
  );
}

export function DuplicateChecks() {
  const { t } = useTranslation();
  const checks = useQuery({ queryKey: referralKeys.duplicateChecks, queryFn: referralsApi.duplicateChecks, select: (data) => data.items });
  if (!checks.data || checks.data.length === 0) return null;
  return (
    <Paper withBorder p="sm" role="region" aria-label={t('duplicates.title')}>
      <Group gap={6} mb={4}>
        <IconCopy size={16} />
        <Text fw={600}>{t('duplicates.title')}</Text>
        <Badge size="sm" variant="light">
          {checks.data.length}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t('duplicates.hint')}
      </Text>
      <Stack gap="sm">
        {checks.data.map((check) => (
          <CheckRow key={check.id} check={check} />
        ))}
      </Stack>
    </Paper>
  );
}
