// Changing one's own password; the server ends every other session of the user.
import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PasswordChangeInput } from '../../domain/access/contracts.js';
import { api } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { i18n } from '../app/i18n.js';
import { FormError } from '../app/states.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

const checkInput = schemaValidator(PasswordChangeInput, ({ currentPassword, newPassword }: Values) => ({ currentPassword, newPassword }));

function validate(values: Values): Record<string, string> {
  const errors = checkInput(values);
  if (values.confirmation !== values.newPassword) errors.confirmation = i18n.t('web.profile.passwordsDiffer');
  return errors;
}

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useMutation({ mutationFn: api.auth.changePassword });
  const form = useForm<Values>({ initialValues: { currentPassword: '', newPassword: '', confirmation: '' }, validate });
  const submit = form.onSubmit(({ currentPassword, newPassword }) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifications.show({ color: 'green', message: t('auth.passwordChanged') });
        },
        onError: (error) => showFieldErrors(form, error),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <PasswordInput label={t('auth.currentPassword')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
        <PasswordInput
          label={t('auth.newPassword')}
          description={t('validation.weak_password')}
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label={t('web.profile.confirmPassword')} autoComplete="new-password" {...form.getInputProps('confirmation')} />
        <FormError error={change.error} />
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('auth.changePassword')}
        </Button>
      </Stack>
    </form>
  );
}
