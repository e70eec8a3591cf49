// Log-in: e-mail and password, then — when the account has a second factor — the code from the
// authenticator app. Errors are the server's, in the chosen language.
import { useState } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LoginInput } from '../../domain/access/contracts.js';
import { isApiError } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { useLogin } from '../app/session.js';
import { errorMessage } from '../app/states.js';
import { AuthLayout } from './AuthLayout.js';

interface Values {
  email: string;
  password: string;
  totp: string;
}

const toInput = (values: Values) => ({ email: values.email, password: values.password, totp: values.totp || undefined });

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [needTotp, setNeedTotp] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: { email: '', password: '', totp: '' }, validate: schemaValidator(LoginInput, toInput) });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    login.mutate(toInput(values), {
      onError: (error) => {
        if (isApiError(error) && error.id === 'auth.totpRequired') {
          setNeedTotp(true);
          return;
        }
        if (isApiError(error) && error.id === 'auth.totpInvalid') {
          form.setFieldError('totp', error.message);
          return;
        }
        if (!showFieldErrors(form, error)) setFailure(errorMessage(error, t('errors.network')));
      },
    });
  });

  return (
    <AuthLayout title={t('auth.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {failure && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert" data-testid="login-error">
              {failure}
            </Alert>
          )}
          <TextInput label={t('auth.email')} type="email" autoComplete="username" autoFocus withAsterisk {...form.getInputProps('email')} />
          <PasswordInput label={t('auth.password')} autoComplete="current-password" withAsterisk {...form.getInputProps('password')} />
          {needTotp && (
            <>
              <Alert color="blue" icon={<IconInfoCircle />}>
                {t('auth.totpRequired')}
              </Alert>
              <TextInput
                label={t('auth.totp')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                withAsterisk
                {...form.getInputProps('totp')}
              />
            </>
          )}
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.login')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
