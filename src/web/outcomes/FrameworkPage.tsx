// The outcome framework (admin or M&E officer, permission indicators.manage): the organisation's
// default and programmes' own frameworks; outcomes added, renamed, moved between terms, given an
// evidence rule or none, retired and restored. Retired outcomes stay in the families' history.
import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  EVIDENCE_RULES,
  OUTCOME_TERMS,
  OutcomeInput,
  type EvidenceRule,
  type FrameworkView,
  type OutcomeTerm,
  type OutcomeView,
} from '../../domain/outcomes/contracts.js';
import { useProgrammes } from '../access/queries.js';
import { newIdempotencyKey } from '../app/api.js';
import { schemaValidator, showFieldErrors } from '../app/forms.js';
import { Page } from '../app/Page.js';
import { ErrorState, FormError, LoadingState } from '../app/states.js';
import { outcomeKeys, outcomesApi } from './api.js';
import { outcomeName } from './labels.js';

interface Values {
  nameRu: string;
  nameEn: string;
  term: OutcomeTerm;
  rule: EvidenceRule | 'none';
  retired: boolean;
}

const toBody = (v: Values) => ({ name: { ru: v.nameRu, en: v.nameEn }, term: v.term, evidenceRule: v.rule === 'none' ? null : v.rule });

function OutcomeForm({ frameworkId, outcome, onDone }: { frameworkId: string; outcome: OutcomeView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    initialValues: outcome
      ? {
          nameRu: outcome.name.ru,
          nameEn: outcome.name.en,
          term: outcome.term,
          rule: outcome.evidenceRule ?? 'none',
          retired: outcome.retired,
        }
      : { nameRu: '', nameEn: '', term: 'short', rule: 'none', retired: false },
    validate: (values) => {
      const errors = schemaValidator(OutcomeInput, toBody)(values);
      return Object.fromEntries(
        Object.entries(errors).map(([path, message]) => [path === 'name.ru' ? 'nameRu' : path === 'name.en' ? 'nameEn' : path, message]),
      );
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      outcome
        ? outcomesApi.updateOutcome(outcome.id, { ...toBody(values), retired: values.retired, version: outcome.version })
        : outcomesApi.addOutcome(frameworkId, toBody(values), idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('outcomes.framework.saved') });
      await client.invalidateQueries({ queryKey: outcomeKeys.all });
      onDone();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="sm">
        <TextInput label={t('outcomes.framework.nameRu')} withAsterisk {...form.getInputProps('nameRu')} />
        <TextInput label={t('outcomes.framework.nameEn')} withAsterisk {...form.getInputProps('nameEn')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('outcomes.framework.term')}
            allowDeselect={false}
            data={OUTCOME_TERMS.map((term) => ({ value: term, label: t(`outcomes.terms.${term}`) }))}
            {...form.getInputProps('term')}
          />
          <Select
            label={t('outcomes.framework.rule')}
            allowDeselect={false}
            data={[
              { value: 'none', label: t('outcomes.rules.none') },
              ...EVIDENCE_RULES.map((rule) => ({ value: rule, label: t(`outcomes.rules.${rule}`) })),
            ]}
            {...form.getInputProps('rule')}
          />
        </SimpleGrid>
        {outcome && <Switch label={t('outcomes.framework.retired')} {...form.getInputProps('retired', { type: 'checkbox' })} />}
        <FormError error={save.error} onReload={() => void client.invalidateQueries({ queryKey: outcomeKeys.all }).then(onDone)} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('outcomes.framework.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FrameworkCard({ framework }: { framework: FrameworkView }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<OutcomeView | 'new' | null>(null);
  const title = framework.programmeId
    ? t('outcomes.framework.programme', { name: framework.programmeName ?? '' })
    : t('outcomes.framework.default');
  return (
    <Card withBorder padding="sm" component="section" aria-label={title} data-testid="framework">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        <Button size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
          {t('outcomes.framework.add')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('outcomes.framework.nameRu')}</Table.Th>
              <Table.Th>{t('outcomes.framework.term')}</Table.Th>
              <Table.Th>{t('outcomes.framework.rule')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {OUTCOME_TERMS.flatMap((term) => framework.outcomes.filter((o) => o.term === term)).map((o) => (
              <Table.Tr key={o.id} style={o.retired ? { opacity: 0.55 } : undefined}>
                <Table.Td>
                  {outcomeName(o)}
                  {o.retired && (
                    <Badge ml={6} size="xs" color="gray">
                      {t('outcomes.framework.retired')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t(`outcomes.terms.${o.term}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`outcomes.rules.${o.evidenceRule ?? 'none'}`)}</Text>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(o)}>
                    {t('outcomes.framework.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('outcomes.framework.add') : t('outcomes.framework.edit')}
      >
        {editing !== null && (
          <OutcomeForm frameworkId={framework.id} outcome={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Card>
  );
}

function CustomiseProgramme({ frameworks }: { frameworks: FrameworkView[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [idempotencyKey, setKey] = useState(newIdempotencyKey);
  const taken = new Set(frameworks.map((f) => f.programmeId));
  const create = useMutation({
    mutationFn: () => outcomesApi.createFramework(programmeId!, idempotencyKey),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('outcomes.framework.saved') });
      setProgrammeId(null);
      setKey(newIdempotencyKey());
      await client.invalidateQueries({ queryKey: outcomeKeys.all });
    },
  });
  return (
    <Card withBorder padding="sm">
      <Group align="flex-end">
        <Select
          label={t('outcomes.framework.customise')}
          data={(programmes.data ?? []).filter((p) => !taken.has(p.id)).map((p) => ({ value: p.id, label: p.name }))}
          value={programmeId}
          onChange={setProgrammeId}
          w={360}
        />
        <Button variant="light" disabled={!programmeId} loading={create.isPending} onClick={() => create.mutate()}>
          {t('outcomes.framework.customiseAction')}
        </Button>
      </Group>
      <FormError error={create.error} />
    </Card>
  );
}

export function FrameworkPage() {
  const { t } = useTranslation();
  const frameworks = useQuery({ queryKey: outcomeKeys.frameworks, queryFn: outcomesApi.frameworks, select: (d) => d.items });
  return (
    <Page title={t('outcomes.framework.title')}>
      <Text size="sm" c="dimmed">
        {t('outcomes.framework.intro')}
      </Text>
      {frameworks.isPending && <LoadingState />}
      {frameworks.isError && <ErrorState error={frameworks.error} onRetry={() => void frameworks.refetch()} />}
      {frameworks.data && (
        <Stack gap="md">
          {frameworks.data.map((f) => (
            <FrameworkCard key={f.id} framework={f} />
          ))}
          <CustomiseProgramme frameworks={frameworks.data} />
        </Stack>
      )}
    </Page>
  );
}
