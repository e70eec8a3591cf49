// Loading, empty and error states, the same everywhere.
import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api.js';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{t('common.loading')}</Text>
      </Group>
    </Center>
  );
}

export function EmptyState({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Stack align="center" gap="xs">
        <IconInbox size={32} stroke={1.5} color="var(--mantine-color-dimmed)" />
        <Text c="dimmed">{children ?? t('common.empty')}</Text>
      </Stack>
    </Center>
  );
}

/** The message of an error, in the UI language (the server already translated its own). */
export function errorMessage(error: unknown, fallback: string): string {
  return isApiError(error) || error instanceof Error ? error.message || fallback : fallback;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('web.errorTitle')} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error, t('errors.internal', { requestId: '—' }))}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** A submit error that is not about one field; a conflict offers to reload the record. */
export function FormError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const conflict = isApiError(error, 'conflict');
  return (
    <Alert color={conflict ? 'yellow' : 'red'} icon={<IconAlertTriangle />} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error, t('errors.internal', { requestId: '—' }))}</Text>
        {conflict && onReload && (
          <Button size="xs" variant="light" color="yellow" onClick={onReload}>
            {t('web.reloadRecord')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
