// Filling in an assessment from a template: the domains as sections, each question by its kind, the
// domain scores and risk levels computed live with the same pure rules the server uses. Used for a
// new assessment and for an amendment (which names its reason and sends only what changed).
import { useMemo, useState, type ReactNode } from 'react';
import { Badge, Button, Card, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  answerProblem,
  overallLevel,
  scoreDomains,
  type AnswerValue,
  type Answers,
  type TemplateInput,
} from '../../domain/assessments/template.js';
import { isApiError } from '../app/api.js';
import { FormError } from '../app/states.js';
import { AnswerField } from './AnswerField.js';
import { useLocalized } from './labels.js';
import { LevelBadge } from './LevelBadge.js';

export interface AssessmentFormValues {
  answers: Answers;
  conductedOn: string;
  memberId: string | null;
  notes: string;
  reason: string;
}

interface Props {
  template: TemplateInput;
  /** Sensitive sections the user may see on this family; other sensitive domains are not offered. */
  visibleSections: readonly string[];
  mode: 'new' | 'amend';
  initialAnswers?: Answers;
  members?: { value: string; label: string }[];
  saving: boolean;
  error: unknown;
  onSubmit: (values: AssessmentFormValues) => void;
  onCancel: () => void;
  /** Extra content above the domains (e.g. the original answers' date when amending). */
  header?: ReactNode;
}

const today = () => new Date().toISOString().slice(0, 10);

export function AssessmentForm({
  template,
  visibleSections,
  mode,
  initialAnswers = {},
  members = [],
  saving,
  error,
  onSubmit,
  onCancel,
  header,
}: Props) {
  const { t } = useTranslation();
  const text = useLocalized();
  const [answers, setAnswers] = useState<Answers>(initialAnswers);
  const [conductedOn, setConductedOn] = useState(today);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const domains = useMemo(
    () => template.domains.filter((d) => d.sensitiveSection === null || visibleSections.includes(d.sensitiveSection)),
    [template, visibleSections],
  );
  const scores = useMemo(() => scoreDomains(domains, answers), [domains, answers]);
  const overall = overallLevel(scores);
  const answeredCount = domains.flatMap((d) => d.questions).filter((q) => answers[q.code] !== undefined && answers[q.code] !== null).length;
  const questionCount = domains.flatMap((d) => d.questions).length;

  // The server's field errors ("answers.housing_need", "conductedOn") land next to their fields.
  const serverErrors: Record<string, string> = {};
  if (isApiError(error)) for (const field of error.fields) serverErrors[field.path] ??= field.message;
  const errors = { ...serverErrors, ...localErrors };
  const unplaced = isApiError(error) && error.fields.length > 0 ? null : error;

  const set = (code: string, value: AnswerValue) => {
    setAnswers((prev) => ({ ...prev, [code]: value }));
    setLocalErrors(({ [`answers.${code}`]: _dropped, ...rest }) => rest);
  };

  const submit = () => {
    const problems: Record<string, string> = {};
    for (const q of domains.flatMap((d) => d.questions)) {
      const problem = answerProblem(q, answers[q.code] ?? null);
      if (problem) problems[`answers.${q.code}`] = t(`validation.${problem as 'out_of_scale'}`);
    }
    if (mode === 'new' && !conductedOn) problems.conductedOn = t('validation.required');
    if (mode === 'new' && conductedOn > today()) problems.conductedOn = t('validation.date_in_future');
    if (mode === 'new' && template.subject !== 'family' && !memberId) problems.memberId = t('validation.required');
    if (mode === 'amend' && !reason.trim()) problems.reason = t('validation.required');
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    // Unanswered questions are simply left out: a partial assessment is still an assessment.
    const given = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)));
    onSubmit({ answers: given, conductedOn, memberId, notes, reason });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {header}
        {mode === 'new' && (
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              type="date"
              label={t('assessments.conductedOn')}
              withAsterisk
              value={conductedOn}
              max={today()}
              onChange={(event) => setConductedOn(event.currentTarget.value)}
              error={errors.conductedOn}
            />
            {template.subject !== 'family' ? (
              <Select
                label={t(template.subject === 'child' ? 'assessments.subjectChild' : 'assessments.subjectMember')}
                withAsterisk
                data={members}
                value={memberId}
                onChange={setMemberId}
                error={errors.memberId}
                miw={240}
              />
            ) : (
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('assessments.subject')}
                </Text>
                <Badge variant="light" size="lg">
                  {t('assessments.subjects.family')}
                </Badge>
              </Stack>
            )}
          </Group>
        )}
        <Paper
          withBorder
          p="sm"
          pos="sticky"
          top={56}
          style={{ zIndex: 5 }}
          bg="var(--mantine-color-body)"
          aria-label={t('assessments.liveScores')}
          data-testid="live-scores"
        >
          <Group justify="space-between" gap="xs">
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {t('assessments.overall')}:
              </Text>
              {overall ? (
                <LevelBadge level={overall} size="md" />
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {t('assessments.answeredOf', { answered: answeredCount, total: questionCount })}
            </Text>
          </Group>
        </Paper>
        {domains.map((domain) => {
          const score = scores.find((s) => s.domain === domain.code);
          return (
            <Card key={domain.code} withBorder padding="sm" component="section" aria-label={text(domain.title)}>
              <Group justify="space-between" mb="xs" gap="xs" wrap="nowrap" align="flex-start">
                <Group gap={6} wrap="nowrap">
                  {domain.sensitiveSection && <IconLock size={16} aria-label={t('assessments.sensitive')} />}
                  <Title order={4}>{text(domain.title)}</Title>
                </Group>
                <span data-testid={`score-${domain.code}`}>
                  {score && score.score !== null ? <LevelBadge level={score.level} score={score.score} /> : null}
                </span>
              </Group>
              <Stack gap="md">
                {domain.questions.map((q) => (
                  <AnswerField
                    key={q.code}
                    question={q}
                    value={answers[q.code] ?? null}
                    onChange={(v) => set(q.code, v)}
                    error={errors[`answers.${q.code}`]}
                  />
                ))}
              </Stack>
            </Card>
          );
        })}
        {mode === 'new' ? (
          <Textarea
            label={t('assessments.notes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={2}
            error={errors.notes}
          />
        ) : (
          <Textarea
            label={t('assessments.reason')}
            description={t('assessments.reasonHint')}
            withAsterisk
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            error={errors.reason}
          />
        )}
        <FormError error={unplaced} />
        {isApiError(error) && error.fields.length > 0 && (
          <Text size="sm" c="red" role="alert">
            {error.message}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {mode === 'new' ? t('assessments.save') : t('assessments.saveAmendment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
