// An admin sets a new password for a staff member who forgot theirs; their sessions end.
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { UserView } from '../../domain/access/contracts.js';
import { password } from '../../domain/validation.js';
import { api } from '../app/api.js';
import { fullName } from '../app/format.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { FormError } from '../app/states.js';

// The body of POST /api/users/:id/password (the route declares the same shape).
const PasswordReset = z.strictObject({ password });

function ResetPasswordForm({ user, onDone }: { user: UserView; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { password: '' }, validate: schemaValidator(PasswordReset) });
  const reset = useMutation({
    mutationFn: (values: { password: string }) => api.users.resetPassword(user.id, values.password),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('web.users.passwordReset') });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => reset.mutate(values))} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('web.users.resetPasswordHint', { name: fullName(user) })}</Text>
        <PasswordInput
          label={t('auth.newPassword')}
          description={t('validation.weak_password')}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <FormError error={reset.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={reset.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={t('web.users.resetPassword')}>
      {user && <ResetPasswordForm user={user} onDone={onClose} />}
    </Modal>
  );
}
