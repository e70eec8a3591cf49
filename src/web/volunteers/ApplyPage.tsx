// The public volunteer application form (/apply/volunteer/<address>), shown without a log-in: the
// organisation's cities, the fields it asks, the consent text to agree to, and a honeypot field that
// people never see (hidden from screen readers and the keyboard too).
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Container, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { bindFields, errorsByPath } from '../app/fields.js';
import { FormError, LoadingState } from '../app/states.js';
import { BLANK_APPLICATION, volunteersApi } from './api.js';

export function ApplyPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const form = useQuery({ queryKey: ['public-form', slug], queryFn: () => volunteersApi.form(slug), retry: false, staleTime: Infinity });
  const [v, setV] = useState({ ...BLANK_APPLICATION, website: '' });
  const [consent, setConsent] = useState(false);
  const send = useMutation({
    mutationFn: () => volunteersApi.apply(slug, { ...v, consent: consent as true, formToken: form.data!.formToken }),
  });
  const errors = errorsByPath(send.error);
  const field = bindFields(v, setV, errors);
  const input = (name: keyof typeof v, label: string, required = false) => (
    <TextInput label={label} withAsterisk={required} {...field.text(name)} />
  );
  if (form.isPending) return <LoadingState />;
  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('volunteers.apply.title')}
        </Title>
        {form.isError ? (
          <Alert color="red">{t('volunteers.apply.unavailable')}</Alert>
        ) : send.isSuccess ? (
          <Alert color="green" data-testid="application-sent">
            {t('volunteers.apply.sent')}
          </Alert>
        ) : (
          <Card withBorder>
            <Stack gap="sm">
              <Text fw={600}>{form.data.organization}</Text>
              <Text size="sm">{t('volunteers.apply.intro')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {input('lastName', t('volunteers.fields.lastName'), true)}
                {input('firstName', t('volunteers.fields.firstName'), true)}
                {input('middleName', t('volunteers.fields.middleName'))}
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {input('phone', t('volunteers.fields.phone'), true)}
                {input('email', t('volunteers.fields.email'))}
                <Select
                  label={t('volunteers.apply.branch')}
                  withAsterisk
                  data={form.data.branches.map((b) => ({ value: b.id, label: b.city }))}
                  {...field.choice('branchId')}
                />
              </SimpleGrid>
              <Textarea label={t('volunteers.apply.skills')} {...field.text('skills')} />
              {input('availability', t('volunteers.apply.availability'))}
              {input('heardFrom', t('volunteers.apply.heardFrom'))}
              <div style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }} aria-hidden="true">
                <label>
                  {t('volunteers.apply.website')}
                  <input
                    name="website"
                    tabIndex={-1}
                    autoComplete="off"
                    value={v.website}
                    onChange={(e) => setV({ ...v, website: e.currentTarget.value })}
                  />
                </label>
              </div>
              <Text size="sm" fw={600}>
                {t('volunteers.apply.consentTitle')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {form.data.consentText}
              </Text>
              <Checkbox
                label={t('volunteers.apply.consent')}
                checked={consent}
                onChange={(e) => setConsent(e.currentTarget.checked)}
                error={errors.consent}
              />
              {errors.formToken && <Alert color="yellow">{errors.formToken}</Alert>}
              <FormError error={errors.formToken ? null : send.error} />
              <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!consent}>
                {t('volunteers.apply.send')}
              </Button>
            </Stack>
          </Card>
        )}
      </Stack>
    </Container>
  );
}
