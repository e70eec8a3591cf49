// Scores of one template over time, a small line chart per domain. Drawn as plain SVG: Mantine has
// no chart package here, and a chart needs no new dependency or outside request.
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Domain } from '../../domain/assessments/template.js';
import { formatDate } from '../app/format.js';
import { formatScore, LEVEL_COLOR, useLocalized } from './labels.js';

export interface ChartPoint {
  date: string;
  score: number | null;
}

const W = 260;
const H = 110;
const PAD = { left: 26, right: 10, top: 10, bottom: 22 };

function DomainChart({ domain, points }: { domain: Domain; points: ChartPoint[] }) {
  const { i18n } = useTranslation();
  const text = useLocalized();
  const values = points.map((p) => p.score).filter((v): v is number => v !== null);
  const top = Math.max(...values, ...domain.thresholds.map((th) => th.upTo).filter((v) => v < 1000), 1);
  const bottom = Math.min(0, ...values);
  const x = (i: number) =>
    PAD.left + (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (points.length - 1));
  const y = (v: number) => PAD.top + ((top - v) * (H - PAD.top - PAD.bottom)) / (top - bottom || 1);
  const drawn = points.map((p, i) => ({ ...p, i })).filter((p): p is ChartPoint & { i: number; score: number } => p.score !== null);
  const path = drawn.map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p.i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const title = text(domain.title);
  const summary = drawn.map((p) => `${formatDate(p.date)}: ${formatScore(p.score, i18n.language)}`).join('; ');
  return (
    <Paper withBorder p={6}>
      <Text size="xs" fw={600} truncate>
        {title}
      </Text>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${title}: ${summary}`} data-testid={`chart-${domain.code}`}>
        {domain.thresholds.slice(0, -1).map((th) =>
          th.upTo > bottom && th.upTo < top ? (
            <g key={th.upTo}>
              <line
                x1={PAD.left}
                x2={W - PAD.right}
                y1={y(th.upTo)}
                y2={y(th.upTo)}
                stroke={`var(--mantine-color-${LEVEL_COLOR[th.level]}-4)`}
                strokeDasharray="3 3"
              />
            </g>
          ) : null,
        )}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} stroke="var(--mantine-color-gray-4)" />
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="var(--mantine-color-gray-4)" />
        <text x={PAD.left - 4} y={y(top) + 4} fontSize="10" textAnchor="end" fill="var(--mantine-color-dimmed)">
          {formatScore(top, i18n.language)}
        </text>
        <text x={PAD.left - 4} y={y(bottom)} fontSize="10" textAnchor="end" fill="var(--mantine-color-dimmed)">
          {formatScore(bottom, i18n.language)}
        </text>
        <path d={path} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth="2" />
        {drawn.map((p) => (
          <g key={p.i}>
            <circle cx={x(p.i)} cy={y(p.score)} r="3.5" fill="var(--mantine-color-blue-6)" />
            <text x={x(p.i)} y={y(p.score) - 6} fontSize="10" textAnchor="middle" fill="var(--mantine-color-text)">
              {formatScore(p.score, i18n.language)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          // Dates on the first, the last and, when there is room, every point.
          points.length <= 4 || i === 0 || i === points.length - 1 ? (
            <text
              key={p.date + String(i)}
              x={x(i)}
              y={H - 6}
              fontSize="9"
              textAnchor={points.length > 1 && i === 0 ? 'start' : points.length > 1 && i === points.length - 1 ? 'end' : 'middle'}
              fill="var(--mantine-color-dimmed)"
            >
              {formatDate(p.date)}
            </text>
          ) : null,
        )}
      </svg>
    </Paper>
  );
}

/** One chart per domain; `series` maps a domain code to its points in date order. */
export function ScoreChart({
  domains,
  dates,
  series,
}: {
  domains: readonly Domain[];
  dates: string[];
  series: Map<string, (number | null)[]>;
}) {
  const shown = domains.filter((d) => (series.get(d.code) ?? []).some((v) => v !== null));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
      {shown.map((domain) => (
        <DomainChart
          key={domain.code}
          domain={domain}
          points={dates.map((date, i) => ({ date, score: series.get(domain.code)?.[i] ?? null }))}
        />
      ))}
    </SimpleGrid>
  );
}
