// A record's status as a light badge in the colour its area gives that status (mentors, volunteers):
// one look for a status in every register.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function StatusBadge<S extends string>({
  status,
  colors,
  labels,
}: {
  status: S;
  colors: Record<S, string>;
  /** The catalogue's group of the status words, e.g. `mentoring.statuses`. */
  labels: `${string}.statuses`;
}) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light">
      {/* The key is built from the group and the status; each area's catalogue holds every status. */}
      {t(`${labels}.${status}` as never)}
    </Badge>
  );
}
