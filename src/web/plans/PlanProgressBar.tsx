// Plan progress at a glance: the share of tasks done and the goals achieved (case page, case list).
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanProgress } from '../../domain/plans/contracts.js';
import { Meter } from '../app/Meter.js';

export function PlanProgressBar({ progress, compact = false }: { progress: PlanProgress | null; compact?: boolean }) {
  const { t } = useTranslation();
  if (!progress)
    return compact ? null : (
      <Text size="sm" c="dimmed">
        {t('plans.noPlan')}
      </Text>
    );
  const percent = Math.round((progress.share ?? 0) * 100);
  const label = t('plans.progressText', {
    done: progress.tasksDone,
    total: progress.tasksTotal,
    achieved: progress.goalsAchieved,
    goals: progress.goalsTotal,
  });
  if (compact)
    return (
      <Stack gap={2} miw={90} title={label}>
        <Meter value={percent} size="sm" color={percent >= 100 ? 'green' : 'blue'} label={label} />
        <Text size="xs" c="dimmed">
          {progress.share === null ? '—' : `${percent}%`}
        </Text>
      </Stack>
    );
  return (
    <Stack gap={4} data-testid="plan-progress">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {t('plans.progress')}
        </Text>
        <Text size="sm" fw={600}>
          {progress.share === null ? '—' : `${percent}%`}
        </Text>
      </Group>
      <Meter value={percent} size="lg" color={percent >= 100 ? 'green' : 'blue'} label={label} />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}
