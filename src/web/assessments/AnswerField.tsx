// One question of a template, drawn by its kind: a scale with its anchored points, yes/no, single or
// multiple choice, a number or free text.
import { Checkbox, Group, NumberInput, Radio, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, Question } from '../../domain/assessments/template.js';
import { useLocalized } from './labels.js';

interface Props {
  question: Question;
  value: AnswerValue;
  onChange: (value: AnswerValue) => void;
  error?: string;
}

function ScaleField({ question, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const text = useLocalized();
  const min = question.min ?? 0;
  const max = question.max ?? min;
  const points = Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
  const anchor = (point: number) => question.anchors.find((a) => a.value === point);
  const chosen = typeof value === 'number' ? anchor(value) : undefined;
  const first = anchor(min);
  const last = anchor(max);
  return (
    <Stack gap={4}>
      <SegmentedControl
        fullWidth
        value={typeof value === 'number' ? String(value) : ''}
        onChange={(next) => onChange(Number(next))}
        data={points.map((point) => ({
          value: String(point),
          label: <span title={anchor(point) ? text(anchor(point)!.label) : undefined}>{point}</span>,
        }))}
        aria-label={text(question.text)}
        color={typeof value === 'number' ? 'teal' : undefined}
      />
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {first && `${min} — ${text(first.label)}`}
        </Text>
        <Text size="xs" c="dimmed" ta="right">
          {last && `${max} — ${text(last.label)}`}
        </Text>
      </Group>
      <Group gap="xs" justify="space-between">
        <Text size="sm" fw={500} data-testid={`answer-${question.code}`}>
          {typeof value === 'number' ? `${value}${chosen ? ` — ${text(chosen.label)}` : ''}` : t('assessments.notAnswered')}
        </Text>
        {typeof value === 'number' && (
          <Text
            component="button"
            type="button"
            size="xs"
            c="dimmed"
            td="underline"
            bg="none"
            bd="none"
            style={{ cursor: 'pointer' }}
            onClick={() => onChange(null)}
          >
            {t('assessments.clearAnswer')}
          </Text>
        )}
      </Group>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

export function AnswerField(props: Props) {
  const { t } = useTranslation();
  const text = useLocalized();
  const { question, value, onChange, error } = props;
  const label = text(question.text);
  switch (question.kind) {
    case 'scale':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {label}
          </Text>
          <ScaleField {...props} />
        </Stack>
      );
    case 'yes_no':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {label}
          </Text>
          <SegmentedControl
            value={value === true ? 'yes' : value === false ? 'no' : ''}
            onChange={(next) => onChange(next === 'yes')}
            data={[
              { value: 'yes', label: t('common.yes') },
              { value: 'no', label: t('common.no') },
            ]}
            aria-label={label}
            style={{ alignSelf: 'flex-start' }}
          />
          {error && (
            <Text size="xs" c="red" role="alert">
              {error}
            </Text>
          )}
        </Stack>
      );
    case 'single':
      // A long list reads better as a drop-down; a short one shows every choice at once.
      return question.options.length > 6 ? (
        <Select
          label={label}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next)}
          data={question.options.map((o) => ({ value: o.code, label: text(o.label) }))}
          clearable
          error={error}
        />
      ) : (
        <Radio.Group label={label} value={typeof value === 'string' ? value : null} onChange={(next) => onChange(next)} error={error}>
          <Stack gap={6} mt={6}>
            {question.options.map((o) => (
              <Radio key={o.code} value={o.code} label={text(o.label)} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiple':
      return (
        <Checkbox.Group label={label} value={Array.isArray(value) ? value : []} onChange={(next) => onChange(next)} error={error}>
          <Stack gap={6} mt={6}>
            {question.options.map((o) => (
              <Checkbox key={o.code} value={o.code} label={text(o.label)} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'number':
      return (
        <NumberInput
          label={label}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : next === '' ? null : Number(next))}
          min={question.min}
          max={question.max}
          error={error}
          maw={220}
        />
      );
    case 'text':
      return (
        <Textarea
          label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
          error={error}
        />
      );
  }
}
