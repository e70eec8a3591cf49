// A stale save (409): someone else changed the record. Nothing was overwritten; the user reloads
// the current version and makes the change again.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../app/api.js';
import { FormError } from '../app/states.js';

/** Shows a submit error; a version conflict gets the case wording and a reload button. */
export function SaveError({ error, onReload, conflictMessage }: { error: unknown; onReload: () => void; conflictMessage?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  // A transition the lifecycle no longer allows is also a 409, but reloading shows why: same handling.
  if (!isApiError(error, 'conflict')) return <FormError error={error} />;
  return (
    <Alert color="yellow" icon={<IconAlertTriangle />} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error.id === 'errors.conflict' ? (conflictMessage ?? error.message) : error.message}</Text>
        <Button size="xs" variant="light" color="yellow" onClick={onReload}>
          {t('common.reload')}
        </Button>
      </Stack>
    </Alert>
  );
}
