// A domain's score with its risk level, and a change against the previous assessment.
import { Badge, Group, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DomainChange, RiskLevel } from '../../domain/assessments/template.js';
import { DIRECTION_COLOR, formatDelta, formatScore, LEVEL_COLOR } from './labels.js';

export function LevelBadge({
  level,
  score,
  size = 'sm',
}: {
  level: RiskLevel | null;
  score?: number | null;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  const { t, i18n } = useTranslation();
  const scoreText = score === undefined ? '' : `${formatScore(score, i18n.language)} · `;
  if (!level) {
    return score === undefined || score === null ? null : (
      <Badge variant="light" color="gray" size={size}>
        {formatScore(score, i18n.language)}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={LEVEL_COLOR[level]} size={size} data-level={level}>
      {scoreText}
      {t(`assessments.levels.${level}`)}
    </Badge>
  );
}

export function ChangeMark({ change }: { change: Pick<DomainChange, 'delta' | 'direction'> | undefined }) {
  const { t, i18n } = useTranslation();
  if (!change || change.delta === null || change.direction === null) return null;
  const Icon = change.delta > 0 ? IconArrowUpRight : change.delta < 0 ? IconArrowDownRight : IconArrowRight;
  return (
    <Group gap={2} wrap="nowrap" c={DIRECTION_COLOR[change.direction]} data-direction={change.direction}>
      <Icon size={14} aria-hidden />
      <Text size="xs" fw={600} c="inherit">
        {t(`assessments.direction.${change.direction}`)} {change.direction !== 'same' && formatDelta(change.delta, i18n.language)}
      </Text>
    </Group>
  );
}
