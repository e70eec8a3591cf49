// Setting up the TOTP second factor: a new secret to add to an authenticator app (typed in, or the
// otpauth:// address opened on the phone), confirmed with a first code.
import { ActionIcon, Button, Code, CopyButton, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TotpCodeInput, type Session } from '../../domain/access/contracts.js';
import { api } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';

function Secret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', flex: 1 }} data-testid={testId}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('web.copied') : t('web.copy')}>
              <ActionIcon variant="subtle" onClick={copy} aria-label={t('web.copy')}>
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

export function TotpSetup({ onEnabled }: { onEnabled: (session: Session) => void }) {
  const { t } = useTranslation();
  const setup = useMutation({ mutationFn: api.auth.totpSetup });
  const enable = useMutation({ mutationFn: api.auth.totpEnable });
  const form = useForm({ initialValues: { code: '' }, validate: schemaValidator(TotpCodeInput) });

  if (!setup.data) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('web.totp.intro')}</Text>
        <FormError error={setup.error} />
        <Button onClick={() => setup.mutate()} loading={setup.isPending}>
          {t('auth.totpEnable')}
        </Button>
      </Stack>
    );
  }

  const submit = form.onSubmit((values) =>
    enable.mutate(values, {
      onSuccess: onEnabled,
      onError: (error) => showFieldErrors(form, error),
    }),
  );

  return (
    <Stack gap="sm">
      <Text size="sm">{t('web.totp.addKey')}</Text>
      <Secret label={t('auth.enrolSecret')} value={setup.data.secret} testId="totp-secret" />
      <Secret label={t('web.totp.otpauthUrl')} value={setup.data.otpauthUrl} testId="totp-url" />
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
          <FormError error={enable.error} />
          <Button type="submit" loading={enable.isPending}>
            {t('auth.enrolConfirm')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
