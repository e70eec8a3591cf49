// A volunteer's families: first names and ages only — what she needs to bring the right nappies or
// play with the right toys, and nothing that identifies the family outside its team.
import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Page } from '../app/Page.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { caseKeys, casesApi } from './api.js';
import { ageCode } from './labels.js';

export function VolunteerFamiliesPage() {
  const { t } = useTranslation();
  const families = useQuery({ queryKey: caseKeys.volunteer, queryFn: casesApi.volunteerFamilies });
  return (
    <Page title={t('cases.volunteerTitle')}>
      <Text size="sm" c="dimmed">
        {t('cases.volunteerHint')}
      </Text>
      {families.isPending ? (
        <LoadingState />
      ) : families.isError ? (
        <ErrorState error={families.error} onRetry={() => void families.refetch()} />
      ) : families.data.items.length === 0 ? (
        <EmptyState>{t('cases.volunteerEmpty')}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {families.data.items.map((family) => (
            <Card key={family.caseId} withBorder padding="sm">
              <Stack gap={4}>
                {family.people.map((person, index) => (
                  <Group key={index} justify="space-between">
                    <Text size="sm">{person.firstName || '—'}</Text>
                    <Badge variant="light" color="grape">
                      {ageCode(t, person.age)}
                    </Badge>
                  </Group>
                ))}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Page>
  );
}
