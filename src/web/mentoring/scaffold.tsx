// The scaffolding the mentoring pages share: a list that shows loading, error (with a retry) and
// empty states the same way; a form's error and save button; a dialog that fills a phone's screen.
import type { ReactNode } from 'react';
import { Button, Group, Modal, type ModalProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';

/** What QueryState reads of a TanStack query. */
interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch?: () => unknown;
}

/**
 * A query's loading and error states, then `empty` when `isEmpty(data)` holds, else `children(data)`.
 * Without `retry` the error has no retry button (a panel inside a card, reloaded with its card).
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  retry = true,
  children,
}: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  retry?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError || query.data === undefined)
    return <ErrorState error={query.error} onRetry={retry && query.refetch ? () => void query.refetch!() : undefined} />;
  if (isEmpty?.(query.data)) return <EmptyState>{empty}</EmptyState>;
  return <>{children(query.data)}</>;
}

/** A form's closing lines: the error that is not about one field, and the save button. */
export function SaveBar({
  save,
  disabled,
  label,
}: {
  save: { error: unknown; isPending: boolean; mutate: () => void };
  disabled?: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={disabled}>
          {label ?? t('common.save')}
        </Button>
      </Group>
    </>
  );
}

/** A dialog of the mentoring pages: full screen on a phone. */
export function MentoringModal(props: ModalProps) {
  const phone = useMediaQuery('(max-width: 48em)');
  return <Modal fullScreen={phone} {...props} />;
}
