// The structured editor of an assessment template: names in both languages, subject, roles, repeat
// interval, and the domains with their scoring, risk thresholds, sensitive section and questions
// (scale anchors, choice options). Validated with the shared schema; a save makes a new version, a
// stale one is a conflict; the server's field errors land next to their fields.
import { useState } from 'react';
import {
  Accordion,
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type FormErrors, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ROLE_CODES } from '../../domain/access/permissions.js';
import type { TemplateView } from '../../domain/assessments/contracts.js';
import { QUESTION_KINDS, RISK_LEVELS, TemplateInput } from '../../domain/assessments/template.js';
import { SENSITIVE_SECTIONS } from '../../domain/cases/sensitive.js';
import { isApiError, newIdempotencyKey } from '../app/api.js';
import { schemaValidator } from '../app/forms.js';
import { Page } from '../app/Page.js';
import { ErrorState, LoadingState } from '../app/states.js';
import { SaveError } from '../cases/ConflictAlert.js';
import { assessmentKeys, assessmentsApi } from './api.js';
import { useLocalized } from './labels.js';

type Definition = z.input<typeof TemplateInput>;
type DomainValues = Definition['domains'][number];
type QuestionValues = DomainValues['questions'][number];
type Values = Definition & { active: boolean };

type Form = UseFormReturnType<Values, Values, (values: Values) => FormErrors>;

const L = () => ({ ru: '', en: '' });
const newQuestion = (): QuestionValues => ({
  code: '',
  text: L(),
  kind: 'scale',
  aspect: 'need',
  scored: true,
  min: 0,
  max: 3,
  anchors: [],
  options: [],
});
const newDomain = (): DomainValues => ({
  code: '',
  title: L(),
  sensitiveSection: null,
  scoring: 'sum',
  higherIsBetter: false,
  thresholds: [
    { upTo: 1, level: 'low' },
    { upTo: 3, level: 'medium' },
    { upTo: 6, level: 'high' },
  ],
  questions: [newQuestion()],
});
const EMPTY: Values = {
  code: '',
  name: L(),
  description: null,
  subject: 'family',
  roles: ['case_worker'],
  repeatEveryDays: null,
  domains: [newDomain()],
  active: true,
};

const valuesOf = (view: TemplateView): Values => ({ ...structuredClone(view.definition), active: view.active });
const toDefinition = ({ active: _active, ...definition }: Values): Definition => definition;
const num = (value: number | string | undefined | null) => (typeof value === 'number' ? value : undefined);

function QuestionEditor({ form, di, qi }: { form: Form; di: number; qi: number }) {
  const { t } = useTranslation();
  const path = `domains.${di}.questions.${qi}`;
  const q = form.getValues().domains[di]!.questions[qi]!;
  const kind = q.kind;
  return (
    <Card
      withBorder
      padding="xs"
      bg="var(--mantine-color-default-hover)"
      component="fieldset"
      style={{ minWidth: 0 }}
      aria-label={t('assessments.templates.questionN', { n: qi + 1 })}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>
            {t('assessments.templates.questionN', { n: qi + 1 })}
          </Text>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('assessments.templates.removeQuestion')}
            onClick={() => form.removeListItem(`domains.${di}.questions`, qi)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput label={t('assessments.templates.code')} withAsterisk {...form.getInputProps(`${path}.code`)} />
          <Select
            label={t('assessments.templates.kind')}
            allowDeselect={false}
            data={QUESTION_KINDS.map((k) => ({ value: k, label: t(`assessments.templates.kinds.${k}`) }))}
            {...form.getInputProps(`${path}.kind`)}
          />
          <Select
            label={t('assessments.templates.aspect')}
            allowDeselect={false}
            data={(['need', 'risk', 'resource', 'other'] as const).map((a) => ({
              value: a,
              label: t(`assessments.templates.aspects.${a}`),
            }))}
            {...form.getInputProps(`${path}.aspect`)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput label={t('assessments.templates.textRu')} withAsterisk {...form.getInputProps(`${path}.text.ru`)} />
          <TextInput label={t('assessments.templates.textEn')} withAsterisk {...form.getInputProps(`${path}.text.en`)} />
        </SimpleGrid>
        <Group gap="sm" align="flex-end">
          {kind !== 'text' && (
            <Checkbox label={t('assessments.templates.scored')} {...form.getInputProps(`${path}.scored`, { type: 'checkbox' })} />
          )}
          {(kind === 'scale' || kind === 'number') && (
            <>
              <NumberInput label={t('assessments.templates.min')} w={110} {...form.getInputProps(`${path}.min`)} />
              <NumberInput label={t('assessments.templates.max')} w={110} {...form.getInputProps(`${path}.max`)} />
            </>
          )}
        </Group>
        {kind === 'scale' && (
          <Stack gap={4}>
            <Text size="xs" fw={500}>
              {t('assessments.templates.anchors')}
            </Text>
            {(q.anchors ?? []).map((_, ai) => (
              <Group key={ai} gap="xs" wrap="nowrap" align="flex-start">
                <NumberInput aria-label={t('assessments.templates.value')} w={80} {...form.getInputProps(`${path}.anchors.${ai}.value`)} />
                <TextInput
                  aria-label={t('assessments.templates.labelRu')}
                  placeholder={t('assessments.templates.labelRu')}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`${path}.anchors.${ai}.label.ru`)}
                />
                <TextInput
                  aria-label={t('assessments.templates.labelEn')}
                  placeholder={t('assessments.templates.labelEn')}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`${path}.anchors.${ai}.label.en`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={4}
                  aria-label={t('assessments.templates.remove')}
                  onClick={() => form.removeListItem(`${path}.anchors`, ai)}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => form.insertListItem(`${path}.anchors`, { value: num(q.min) ?? 0, label: L() })}
            >
              {t('assessments.templates.addAnchor')}
            </Button>
          </Stack>
        )}
        {(kind === 'single' || kind === 'multiple') && (
          <Stack gap={4}>
            <Text size="xs" fw={500}>
              {t('assessments.templates.options')}
            </Text>
            {(q.options ?? []).map((_, oi) => (
              <Group key={oi} gap="xs" wrap="nowrap" align="flex-start">
                <TextInput
                  aria-label={t('assessments.templates.code')}
                  placeholder={t('assessments.templates.code')}
                  w={120}
                  {...form.getInputProps(`${path}.options.${oi}.code`)}
                />
                <TextInput
                  aria-label={t('assessments.templates.labelRu')}
                  placeholder={t('assessments.templates.labelRu')}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`${path}.options.${oi}.label.ru`)}
                />
                <TextInput
                  aria-label={t('assessments.templates.labelEn')}
                  placeholder={t('assessments.templates.labelEn')}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`${path}.options.${oi}.label.en`)}
                />
                <NumberInput
                  aria-label={t('assessments.templates.optionScore')}
                  placeholder={t('assessments.templates.optionScore')}
                  w={80}
                  {...form.getInputProps(`${path}.options.${oi}.score`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={4}
                  aria-label={t('assessments.templates.remove')}
                  onClick={() => form.removeListItem(`${path}.options`, oi)}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            {form.errors[`${path}.options`] && (
              <Text size="xs" c="red">
                {form.errors[`${path}.options`]}
              </Text>
            )}
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => form.insertListItem(`${path}.options`, { code: '', label: L(), score: 0 })}
            >
              {t('assessments.templates.addOption')}
            </Button>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function DomainEditor({ form, di }: { form: Form; di: number }) {
  const { t } = useTranslation();
  const path = `domains.${di}`;
  const domain = form.getValues().domains[di]!;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <TextInput label={t('assessments.templates.code')} withAsterisk {...form.getInputProps(`${path}.code`)} />
        <TextInput label={t('assessments.templates.titleRu')} withAsterisk {...form.getInputProps(`${path}.title.ru`)} />
        <TextInput label={t('assessments.templates.titleEn')} withAsterisk {...form.getInputProps(`${path}.title.en`)} />
        <Select
          label={t('assessments.templates.scoring')}
          allowDeselect={false}
          data={(['sum', 'average'] as const).map((s) => ({ value: s, label: t(`assessments.templates.scorings.${s}`) }))}
          {...form.getInputProps(`${path}.scoring`)}
        />
        <Select
          label={t('assessments.templates.sensitiveSection')}
          data={[
            { value: '', label: t('assessments.templates.notSensitive') },
            ...SENSITIVE_SECTIONS.map((s) => ({ value: s, label: t(`families.sensitive.sections.${s}`) })),
          ]}
          allowDeselect={false}
          value={domain.sensitiveSection ?? ''}
          onChange={(value) =>
            form.setFieldValue(`${path}.sensitiveSection`, value ? (value as (typeof SENSITIVE_SECTIONS)[number]) : null)
          }
          error={form.errors[`${path}.sensitiveSection`]}
        />
        <Checkbox
          mt={28}
          label={t('assessments.templates.higherIsBetter')}
          {...form.getInputProps(`${path}.higherIsBetter`, { type: 'checkbox' })}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('assessments.templates.thresholds')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('assessments.templates.thresholdsHint')}
        </Text>
        {(domain.thresholds ?? []).map((_, ti) => (
          <Group key={ti} gap="xs" wrap="nowrap" align="flex-start">
            <NumberInput
              aria-label={t('assessments.templates.upTo')}
              placeholder={t('assessments.templates.upTo')}
              w={120}
              {...form.getInputProps(`${path}.thresholds.${ti}.upTo`)}
            />
            <Select
              aria-label={t('assessments.templates.level')}
              w={150}
              allowDeselect={false}
              data={RISK_LEVELS.map((l) => ({ value: l, label: t(`assessments.levels.${l}`) }))}
              {...form.getInputProps(`${path}.thresholds.${ti}.level`)}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={4}
              aria-label={t('assessments.templates.remove')}
              onClick={() => form.removeListItem(`${path}.thresholds`, ti)}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => form.insertListItem(`${path}.thresholds`, { upTo: (domain.thresholds ?? []).at(-1)?.upTo ?? 0, level: 'high' })}
        >
          {t('assessments.templates.addThreshold')}
        </Button>
      </Stack>
      <Text size="sm" fw={500}>
        {t('assessments.templates.questions')}
      </Text>
      {domain.questions.map((_, qi) => (
        <QuestionEditor key={qi} form={form} di={di} qi={qi} />
      ))}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => form.insertListItem(`${path}.questions`, newQuestion())}
      >
        {t('assessments.templates.addQuestion')}
      </Button>
    </Stack>
  );
}

function TemplateForm({ view }: { view: TemplateView | null }) {
  const { t } = useTranslation();
  const text = useLocalized();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [version, setVersion] = useState(view?.version ?? 0);
  const [open, setOpen] = useState<string[]>(view ? [] : ['0']);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: view ? valuesOf(view) : EMPTY,
    validate: schemaValidator(TemplateInput, toDefinition),
  });
  const values = form.getValues();
  // Open the domains that hold an error, so every red field can be seen.
  const openWithErrors = (errors: Record<string, unknown>) => {
    const withErrors = new Set(
      Object.keys(errors)
        .map((p) => /^domains\.(\d+)/.exec(p)?.[1])
        .filter((v): v is string => v !== undefined),
    );
    setOpen((prev) => [...new Set([...prev, ...withErrors])]);
  };
  const save = useMutation({
    mutationFn: (v: Values) =>
      view
        ? assessmentsApi.updateTemplate(view.code, { definition: toDefinition(v), active: v.active, version })
        : assessmentsApi.createTemplate(toDefinition(v), idempotencyKey),
    onSuccess: async (saved) => {
      notifications.show({
        color: 'green',
        message: view ? t('assessments.templates.saved', { version: saved.version }) : t('assessments.templates.created'),
      });
      setVersion(saved.version);
      client.setQueryData(assessmentKeys.template(saved.code), saved);
      await client.invalidateQueries({ queryKey: assessmentKeys.templates });
      if (!view) await navigate({ to: '/admin/templates/$code', params: { code: saved.code } });
    },
    onError: (error) => {
      if (!isApiError(error) || error.fields.length === 0) return;
      // The API names fields inside the definition ("definition.domains.1.questions.0.code").
      const errors: Record<string, string> = {};
      for (const f of error.fields) errors[f.path.replace(/^definition\./, '')] ??= f.message;
      form.setErrors(errors);
      openWithErrors(errors);
    },
  });
  const reload = async () => {
    if (!view) return;
    const fresh = await assessmentsApi.template(view.code);
    setVersion(fresh.version);
    form.setValues(valuesOf(fresh));
    form.clearErrors();
    save.reset();
  };
  const domainHasError = (di: number) => Object.keys(form.errors).some((p) => p === `domains.${di}` || p.startsWith(`domains.${di}.`));
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (v) => save.mutate(v),
        (errors) => openWithErrors(errors),
      )}
    >
      <Stack gap="md">
        <Card withBorder padding="sm">
          <Title order={4} mb="xs">
            {t('assessments.templates.general')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('assessments.templates.code')}
              description={t('assessments.templates.codeHint')}
              withAsterisk
              disabled={view !== null}
              {...form.getInputProps('code')}
            />
            <Select
              label={t('assessments.templates.subject')}
              allowDeselect={false}
              data={(['family', 'member', 'child'] as const).map((s) => ({ value: s, label: t(`assessments.templates.subjects.${s}`) }))}
              {...form.getInputProps('subject')}
            />
            <TextInput label={t('assessments.templates.nameRu')} withAsterisk {...form.getInputProps('name.ru')} />
            <TextInput label={t('assessments.templates.nameEn')} withAsterisk {...form.getInputProps('name.en')} />
            <MultiSelect
              label={t('assessments.templates.roles')}
              withAsterisk
              data={ROLE_CODES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              {...form.getInputProps('roles')}
            />
            <NumberInput
              label={t('assessments.templates.repeatEveryDays')}
              description={t('assessments.templates.repeatHint')}
              min={7}
              max={730}
              value={values.repeatEveryDays ?? ''}
              onChange={(v) => form.setFieldValue('repeatEveryDays', typeof v === 'number' ? v : null)}
              error={form.errors.repeatEveryDays}
            />
          </SimpleGrid>
          {view && <Switch mt="sm" label={t('assessments.templates.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
        </Card>
        <Group justify="space-between">
          <Title order={4}>{t('assessments.templates.domains')}</Title>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              form.insertListItem('domains', newDomain());
              setOpen((prev) => [...prev, String(values.domains.length)]);
            }}
          >
            {t('assessments.templates.addDomain')}
          </Button>
        </Group>
        {typeof form.errors.domains === 'string' && (
          <Text size="sm" c="red" role="alert">
            {form.errors.domains}
          </Text>
        )}
        <Accordion multiple value={open} onChange={setOpen} variant="separated">
          {values.domains.map((domain, di) => (
            <Accordion.Item key={di} value={String(di)}>
              <Group wrap="nowrap" gap={0}>
                <Accordion.Control icon={domainHasError(di) ? <IconAlertCircle size={16} color="var(--mantine-color-red-6)" /> : undefined}>
                  <Text fw={500} size="sm">
                    {text(domain.title) || t('assessments.templates.domainN', { n: di + 1 })}{' '}
                    <Text span c="dimmed" size="xs">
                      · {t('assessments.templates.questionsCount', { count: domain.questions.length })}
                    </Text>
                  </Text>
                </Accordion.Control>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mr="xs"
                  aria-label={t('assessments.templates.removeDomain')}
                  onClick={() => form.removeListItem('domains', di)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <Accordion.Panel>
                <DomainEditor form={form} di={di} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
        <SaveError
          error={isApiError(save.error) && save.error.fields.length > 0 ? null : save.error}
          onReload={() => void reload()}
          conflictMessage={t('assessments.templates.conflict')}
        />
        {Object.keys(form.errors).length > 0 && (
          <Text size="sm" c="red" role="alert">
            {t('assessments.templates.fixErrors')}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => void navigate({ to: '/admin/templates' })}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {view ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TemplateEditPage() {
  const { t } = useTranslation();
  const text = useLocalized();
  const { code } = useParams({ from: '/admin/templates/$code' });
  const isNew = code === 'new';
  const view = useQuery({ queryKey: assessmentKeys.template(code), queryFn: () => assessmentsApi.template(code), enabled: !isNew });
  if (isNew)
    return (
      <Page title={t('assessments.templates.new')}>
        <TemplateForm view={null} />
      </Page>
    );
  if (view.isPending) return <LoadingState />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  return (
    <Page title={text(view.data.definition.name)} documentTitle={t('assessments.templates.edit')}>
      <Text size="sm" c="dimmed" mt={-8}>
        {t('assessments.templates.versionN', { version: view.data.version })} · {t('assessments.templates.hint')}
      </Text>
      <TemplateForm key={view.data.code} view={view.data} />
    </Page>
  );
}
