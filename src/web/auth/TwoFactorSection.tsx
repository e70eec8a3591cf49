// The user's own second factor: set it up, or turn it off with a current code (unless the
// organisation requires it for one of the user's roles — the server says so).
import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TotpCodeInput, type Session } from '../../domain/access/contracts.js';
import { api } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { SESSION_KEY } from '../app/queryClient.js';
import { useAcceptSession, useMe } from '../app/session.js';
import { FormError } from '../app/states.js';
import { TotpSetup } from './TotpSetup.js';

function DisableTotpForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const disable = useMutation({ mutationFn: api.auth.totpDisable });
  const form = useForm({ initialValues: { code: '' }, validate: schemaValidator(TotpCodeInput) });
  const submit = form.onSubmit((values) =>
    disable.mutate(values, {
      onSuccess: async () => {
        notifications.show({ message: t('web.totp.disabled') });
        await client.invalidateQueries({ queryKey: SESSION_KEY });
      },
      onError: (error) => showFieldErrors(form, error),
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" align="flex-start">
        <TextInput
          label={t('auth.totp')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          w={220}
          {...form.getInputProps('code')}
        />
        <FormError error={disable.error} />
        <Button type="submit" color="red" variant="light" loading={disable.isPending}>
          {t('auth.totpDisable')}
        </Button>
      </Stack>
    </form>
  );
}

export function TwoFactorSection() {
  const { t } = useTranslation();
  const me = useMe();
  const accept = useAcceptSession();
  const enabled = (session: Session) => {
    accept(session);
    notifications.show({ color: 'green', message: t('auth.totpEnabled') });
  };
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text size="sm">{t('web.totp.status')}</Text>
        <Badge color={me.totpEnabled ? 'green' : 'gray'} variant="light">
          {me.totpEnabled ? t('web.totp.on') : t('web.totp.off')}
        </Badge>
      </Group>
      {me.totpEnabled ? <DisableTotpForm /> : <TotpSetup onEnabled={enabled} />}
    </Stack>
  );
}
