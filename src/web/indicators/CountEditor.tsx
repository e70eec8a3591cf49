// One counted part of an indicator: the subject (what is counted) and its filters, each filter's
// values chosen from what the subject accepts (closed lists with their labels, the organisation's
// programmes, branches, facilities, service types and templates, the list of citizenships, a
// number for thresholds). Errors from the server are shown on the part, subject or filter they name.
import { ActionIcon, Button, Card, Group, MultiSelect, NumberInput, Select, Stack, TagsInput, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { citizenshipOptions } from '../../domain/families/citizenship.js';
import { SUBJECT_CODES, SUBJECTS, type FilterValues, type Subject } from '../../domain/indicators/definition.js';
import { valueKey } from './labels.js';

export interface FilterState {
  field: string;
  values: (string | number)[];
}
export interface CountState {
  subject: Subject | '';
  filters: FilterState[];
}

export type Options = Record<
  'programmeId' | 'branchId' | 'facilityId' | 'serviceType' | 'templateCode',
  { value: string; label: string }[]
>;

interface Props {
  label: string;
  /** Path of this part in the API's field errors, e.g. definition.measure.numerator. */
  path: string;
  value: CountState;
  onChange: (value: CountState) => void;
  errors: Record<string, string>;
  options: Options;
  testId: string;
}

function accepted(subject: Subject | '', field: string): FilterValues | undefined {
  if (!subject) return undefined;
  const filters = SUBJECTS[subject].filters as Record<string, FilterValues>;
  return Object.hasOwn(filters, field) ? filters[field] : undefined;
}

function ValuesInput({
  subject,
  filter,
  error,
  options,
  onChange,
  testId,
}: {
  subject: Subject | '';
  filter: FilterState;
  error?: string;
  options: Options;
  onChange: (values: (string | number)[]) => void;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const kind = accepted(subject, filter.field);
  const label = t('indicators.fields.values');
  const strings = filter.values.map(String);
  if (kind === 'number')
    return (
      <NumberInput
        label={label}
        value={typeof filter.values[0] === 'number' ? filter.values[0] : ''}
        onChange={(v) => onChange(typeof v === 'number' ? [v] : [])}
        error={error}
        min={0}
        step={0.5}
        data-testid={testId}
      />
    );
  if (Array.isArray(kind))
    return (
      <MultiSelect
        label={label}
        data={kind.map((v: string) => ({ value: v, label: t(valueKey(filter.field, v) as never) }))}
        value={strings}
        onChange={onChange}
        error={error}
        data-testid={testId}
      />
    );
  // Citizenship is a closed list of codes (issue 11, defect 6): chosen by country name, never typed.
  if (filter.field === 'citizenship')
    return (
      <MultiSelect
        label={label}
        data={citizenshipOptions(i18n.language === 'en' ? 'en' : 'ru')}
        value={strings}
        onChange={onChange}
        error={error}
        searchable
        data-testid={testId}
      />
    );
  if (filter.field in options)
    return (
      <MultiSelect
        label={label}
        data={options[filter.field as keyof Options]}
        value={strings}
        onChange={onChange}
        error={error}
        searchable
        data-testid={testId}
      />
    );
  return <TagsInput label={label} value={strings} onChange={onChange} error={error} data-testid={testId} />;
}

export function CountEditor({ label, path, value, onChange, errors, options, testId }: Props) {
  const { t } = useTranslation();
  const fields = value.subject ? Object.keys(SUBJECTS[value.subject].filters) : [];
  const setFilter = (i: number, next: FilterState) => onChange({ ...value, filters: value.filters.map((f, j) => (j === i ? next : f)) });
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Stack gap="xs">
        <Text fw={600}>{label}</Text>
        <Select
          label={t('indicators.fields.subject')}
          placeholder={t('indicators.fields.chooseSubject')}
          data={SUBJECT_CODES.map((s) => ({ value: s, label: t(`indicators.subjects.${s}`) }))}
          value={value.subject || null}
          onChange={(subject) =>
            // Filters a new subject does not know are kept so the server can name them; the user removes them.
            onChange({ ...value, subject: (subject ?? '') as Subject | '' })
          }
          error={errors[`${path}.subject`] ?? errors[path]}
          clearable
          data-testid={`${testId}-subject`}
        />
        {value.filters.map((filter, i) => (
          <Group key={i} align="flex-start" wrap="nowrap" data-testid={`${testId}-filter-${i}`}>
            <Select
              label={t('indicators.fields.field')}
              data={[...new Set([...fields, filter.field].filter(Boolean))].map((f) => ({
                value: f,
                label: fields.includes(f) ? t(`indicators.filterFields.${f}`, { defaultValue: f }) : f,
              }))}
              value={filter.field || null}
              onChange={(field) => setFilter(i, { field: field ?? '', values: [] })}
              error={errors[`${path}.filters.${i}.field`]}
              w={220}
              data-testid={`${testId}-filter-${i}-field`}
            />
            <div style={{ flex: 1 }}>
              <ValuesInput
                subject={value.subject}
                filter={filter}
                error={errors[`${path}.filters.${i}.values`]}
                options={options}
                onChange={(values) => setFilter(i, { ...filter, values })}
                testId={`${testId}-filter-${i}-values`}
              />
            </div>
            <ActionIcon
              mt={26}
              variant="subtle"
              color="red"
              aria-label={t('indicators.fields.removeFilter')}
              onClick={() => onChange({ ...value, filters: value.filters.filter((_, j) => j !== i) })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            disabled={!value.subject}
            onClick={() => onChange({ ...value, filters: [...value.filters, { field: '', values: [] }] })}
            data-testid={`${testId}-add-filter`}
          >
            {t('indicators.fields.addFilter')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
