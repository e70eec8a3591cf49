// Creating and editing an indicator definition: names in Russian and English, the section, the
// measure (a count, sum, average or median of one subject; a proportion with its numerator and
// denominator, or the average of per-family shares; a ratio of two indicators), filters, the
// breakdowns offered, and whether it belongs to one programme, which way is better and whether plan
// vs actual shows it without a target. The server decides
// whether it can be computed; its field errors are shown where they point. Saving an edit appends a
// version (the earlier ones are listed); an edit based on a stale version is refused with a message.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Group, List, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { IndicatorInput, type IndicatorDetail } from '../../domain/indicators/contracts.js';
import {
  DIRECTIONS,
  DISAGGREGATIONS,
  INDICATOR_GROUPS,
  MEASURE_KINDS,
  type Count,
  type IndicatorDefinition,
  type IndicatorGroup,
  type Measure,
} from '../../domain/indicators/definition.js';
import { useBranches, useProgrammes } from '../access/queries.js';
import { isApiError, newIdempotencyKey } from '../app/api.js';
import { formatDateTime } from '../app/format.js';
import { localFieldErrors } from '../app/forms.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { ErrorState, FormError, LoadingState } from '../app/states.js';
import { assessmentsApi } from '../assessments/api.js';
import { housingApi } from '../housing/api.js';
import { useServiceTypes } from '../services/labels.js';
import { indicatorKeys, indicatorsApi } from './api.js';
import { CountEditor, type CountState, type Options } from './CountEditor.js';

type Kind = Measure['kind'];
type Direction = (typeof DIRECTIONS)[number];
interface State {
  code: string;
  nameRu: string;
  nameEn: string;
  group: IndicatorGroup;
  kind: Kind;
  of: CountState;
  numerator: CountState;
  denominator: CountState;
  numeratorCode: string;
  denominatorCode: string;
  disaggregations: IndicatorDefinition['disaggregations'];
  /** '' = every programme's indicator. */
  programmeId: string;
  direction: Direction;
  alwaysInReport: boolean;
}

const emptyCount = (): CountState => ({ subject: '', filters: [] });
const toCountState = (count: Count | null): CountState => (count ? { subject: count.subject, filters: count.filters } : emptyCount());

function fromDefinition(d: IndicatorDefinition | null): State {
  const m = d?.measure;
  return {
    code: d?.code ?? '',
    nameRu: d?.name.ru ?? '',
    nameEn: d?.name.en ?? '',
    group: d?.group ?? 'work',
    kind: m?.kind ?? 'count',
    of: m && 'of' in m ? toCountState(m.of) : emptyCount(),
    numerator: m?.kind === 'proportion' || m?.kind === 'share_average' ? toCountState(m.numerator) : emptyCount(),
    denominator: m?.kind === 'proportion' || m?.kind === 'share_average' ? toCountState(m.denominator) : emptyCount(),
    numeratorCode: m?.kind === 'ratio' ? m.numeratorCode : '',
    denominatorCode: m?.kind === 'ratio' ? m.denominatorCode : '',
    disaggregations: d?.disaggregations ?? ['branch', 'programme'],
    programmeId: d?.programmeId ?? '',
    direction: d?.direction ?? 'higher',
    alwaysInReport: d?.alwaysInReport ?? false,
  };
}

/** What the form sends. An empty proportion part goes as null, so the server can say it is missing. */
function toDefinition(s: State): unknown {
  const count = (c: CountState) => ({ subject: c.subject, filters: c.filters });
  const part = (c: CountState) => (c.subject ? count(c) : null);
  const measure =
    s.kind === 'proportion' || s.kind === 'share_average'
      ? { kind: s.kind, numerator: part(s.numerator), denominator: part(s.denominator) }
      : s.kind === 'ratio'
        ? { kind: s.kind, numeratorCode: s.numeratorCode, denominatorCode: s.denominatorCode }
        : { kind: s.kind, of: count(s.of) };
  return {
    code: s.code,
    name: { ru: s.nameRu, en: s.nameEn },
    group: s.group,
    measure,
    disaggregations: s.disaggregations,
    // Optional parts are sent only when they say something, so an unchanged definition stays the same.
    ...(s.programmeId && { programmeId: s.programmeId }),
    ...(s.direction === 'lower' && { direction: s.direction }),
    ...(s.alwaysInReport && { alwaysInReport: true }),
  };
}

// The name inputs are two fields of one `name` object in the API.
const FIELD_OF_PATH: Record<string, string> = { 'definition.name.ru': 'nameRu', 'definition.name.en': 'nameEn' };

function Editor({ indicator }: { indicator: IndicatorDetail | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const navigate = useNavigate();
  const client = useQueryClient();
  const canManage = useCan()('indicators.manage');
  const [state, setState] = useState<State>(() => fromDefinition(indicator?.definition ?? null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(newIdempotencyKey);
  const set = (patch: Partial<State>) => setState((s) => ({ ...s, ...patch }));

  const library = useQuery({ queryKey: indicatorKeys.list, queryFn: indicatorsApi.list, select: (d) => d.items });
  const programmes = useProgrammes();
  const branches = useBranches();
  const facilities = useQuery({
    queryKey: ['indicators', 'facilities'],
    queryFn: housingApi.facilities,
    select: (d) => d.items,
    retry: false,
  });
  const serviceTypes = useServiceTypes();
  const templates = useQuery({ queryKey: ['indicators', 'templates'], queryFn: assessmentsApi.templates, select: (d) => d.items });
  const options: Options = {
    programmeId: (programmes.data ?? []).map((p) => ({ value: p.id, label: p.name })),
    branchId: (branches.data ?? []).map((b) => ({ value: b.id, label: b.name })),
    facilityId: (facilities.data ?? []).map((f) => ({ value: f.id, label: f.name })),
    serviceType: (serviceTypes.data ?? []).map((s) => ({ value: s.code, label: s.name[lang] })),
    templateCode: [...new Map((templates.data ?? []).map((tpl) => [tpl.code, tpl.definition.name[lang]])).entries()].map(
      ([value, label]) => ({
        value,
        label,
      }),
    ),
  };

  const save = useMutation({
    mutationFn: (definition: IndicatorDefinition) =>
      indicator
        ? indicatorsApi.update(indicator.id, { definition, version: indicator.version })
        : indicatorsApi.create({ definition }, idempotencyKey),
    onSuccess: async (saved) => {
      notifications.show({ color: 'green', message: t('indicators.saved', { version: saved.version }) });
      await client.invalidateQueries({ queryKey: indicatorKeys.all });
      await navigate({ to: '/indicators' });
    },
    onError: (error) => {
      if (isApiError(error) && error.fields.length)
        setErrors(Object.fromEntries(error.fields.map((f) => [FIELD_OF_PATH[f.path] ?? f.path, f.message])));
    },
  });
  const retire = useMutation({
    mutationFn: () => indicatorsApi.retire(indicator!.id, { version: indicator!.version, retired: !indicator!.retired }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: indicatorKeys.all });
      await navigate({ to: '/indicators' });
    },
  });

  const submit = () => {
    const parsed = IndicatorInput.safeParse({ definition: toDefinition(state) });
    if (!parsed.success) {
      const list = localFieldErrors(parsed.error.issues);
      setErrors(Object.fromEntries(list.map((f) => [FIELD_OF_PATH[f.path] ?? f.path, f.message])));
      return;
    }
    setErrors({});
    save.mutate(parsed.data.definition);
  };

  const codes = (library.data ?? [])
    .filter((i) => i.id !== indicator?.id)
    .map((i) => ({ value: i.code, label: `${i.definition.name[lang]} (${i.code})` }));
  const stale = isApiError(save.error, 'conflict') || isApiError(retire.error, 'conflict');
  const m = 'definition.measure';
  return (
    <Stack gap="md" maw={900}>
      {stale && (
        <Alert color="yellow" role="alert" data-testid="stale-edit">
          {t('indicators.staleEdit')}
        </Alert>
      )}
      {!stale && save.isError && !(isApiError(save.error) && save.error.fields.length) && <FormError error={save.error} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('indicators.fields.code')}
          description={t('indicators.fields.codeHint')}
          value={state.code}
          onChange={(e) => set({ code: e.currentTarget.value })}
          error={errors['definition.code']}
          disabled={indicator !== null}
          data-testid="code"
        />
        <Select
          label={t('indicators.fields.group')}
          data={INDICATOR_GROUPS.map((g) => ({ value: g, label: t(`indicators.groups.${g}`) }))}
          value={state.group}
          onChange={(g) => g && set({ group: g as IndicatorGroup })}
          error={errors['definition.group']}
          allowDeselect={false}
          data-testid="group"
        />
        <TextInput
          label={t('indicators.fields.nameRu')}
          value={state.nameRu}
          onChange={(e) => set({ nameRu: e.currentTarget.value })}
          error={errors.nameRu}
          data-testid="name-ru"
        />
        <TextInput
          label={t('indicators.fields.nameEn')}
          value={state.nameEn}
          onChange={(e) => set({ nameEn: e.currentTarget.value })}
          error={errors.nameEn}
          data-testid="name-en"
        />
      </SimpleGrid>
      <Select
        label={t('indicators.fields.measure')}
        data={MEASURE_KINDS.map((k) => ({ value: k, label: t(`indicators.measures.${k}`) }))}
        value={state.kind}
        onChange={(k) => k && set({ kind: k as Kind })}
        error={errors[m]}
        allowDeselect={false}
        data-testid="measure"
      />
      {state.kind === 'proportion' || state.kind === 'share_average' ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <CountEditor
            label={t('indicators.fields.numerator')}
            path={`${m}.numerator`}
            value={state.numerator}
            onChange={(numerator) => set({ numerator })}
            errors={errors}
            options={options}
            testId="numerator"
          />
          <CountEditor
            label={t('indicators.fields.denominator')}
            path={`${m}.denominator`}
            value={state.denominator}
            onChange={(denominator) => set({ denominator })}
            errors={errors}
            options={options}
            testId="denominator"
          />
        </SimpleGrid>
      ) : state.kind === 'ratio' ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Select
            label={t('indicators.fields.numeratorCode')}
            data={codes}
            value={state.numeratorCode || null}
            onChange={(c) => set({ numeratorCode: c ?? '' })}
            error={errors[`${m}.numeratorCode`]}
            searchable
            data-testid="numerator-code"
          />
          <Select
            label={t('indicators.fields.denominatorCode')}
            data={codes}
            value={state.denominatorCode || null}
            onChange={(c) => set({ denominatorCode: c ?? '' })}
            error={errors[`${m}.denominatorCode`]}
            searchable
            data-testid="denominator-code"
          />
        </SimpleGrid>
      ) : (
        <CountEditor
          label={t(`indicators.measures.${state.kind}`)}
          path={`${m}.of`}
          value={state.of}
          onChange={(of) => set({ of })}
          errors={errors}
          options={options}
          testId="of"
        />
      )}
      <Checkbox.Group
        label={t('indicators.fields.disaggregations')}
        value={state.disaggregations}
        onChange={(v) => set({ disaggregations: v as State['disaggregations'] })}
        error={errors['definition.disaggregations']}
      >
        <Group mt="xs">
          {DISAGGREGATIONS.map((d) => (
            <Checkbox key={d} value={d} label={t(`indicators.disaggregations.${d}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('indicators.fields.programmeOnly')}
          description={t('indicators.fields.programmeOnlyHint')}
          data={options.programmeId}
          value={state.programmeId || null}
          onChange={(p) => set({ programmeId: p ?? '' })}
          placeholder={t('indicators.allProgrammes')}
          error={errors['definition.programmeId']}
          clearable
          data-testid="programme-only"
        />
        <Select
          label={t('indicators.fields.direction')}
          data={DIRECTIONS.map((d) => ({ value: d, label: t(`indicators.directions.${d}`) }))}
          value={state.direction}
          onChange={(d) => d && set({ direction: d as Direction })}
          allowDeselect={false}
          data-testid="direction"
        />
        <Checkbox
          mt={{ sm: 28 }}
          label={t('indicators.fields.alwaysInReport')}
          checked={state.alwaysInReport}
          onChange={(e) => set({ alwaysInReport: e.currentTarget.checked })}
          data-testid="always-in-report"
        />
      </SimpleGrid>
      {canManage && (
        <Group>
          <Button onClick={submit} loading={save.isPending} data-testid="save-indicator">
            {t('indicators.fields.save')}
          </Button>
          <Button component={Link} to="/indicators" variant="default">
            {t('indicators.fields.cancel')}
          </Button>
          {indicator && (
            <Button variant="subtle" color={indicator.retired ? 'blue' : 'red'} onClick={() => retire.mutate()} loading={retire.isPending}>
              {indicator.retired ? t('indicators.restore') : t('indicators.retire')}
            </Button>
          )}
        </Group>
      )}
      {indicator && (
        <Card withBorder padding="sm">
          <Text fw={600} mb="xs">
            {t('indicators.history')}
          </Text>
          <List size="sm" data-testid="versions">
            {indicator.versions.map((v) => (
              <List.Item key={v.version}>
                {t('indicators.historyRow', {
                  version: v.version,
                  date: formatDateTime(v.createdAt),
                  author: v.createdBy ?? t('indicators.shippedAuthor'),
                })}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
    </Stack>
  );
}

export function NewIndicatorPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('indicators.newIndicator')}>
      <Editor indicator={null} />
    </Page>
  );
}

export function EditIndicatorPage() {
  const { t, i18n } = useTranslation();
  const { indicatorId } = useParams({ from: '/indicators/$indicatorId' });
  const indicator = useQuery({ queryKey: indicatorKeys.one(indicatorId), queryFn: () => indicatorsApi.get(indicatorId) });
  const name = indicator.data?.definition.name[i18n.language === 'en' ? 'en' : 'ru'] ?? '';
  return (
    <Page title={indicator.data ? t('indicators.editIndicator', { name }) : t('indicators.title')}>
      {indicator.isPending && <LoadingState />}
      {indicator.isError && <ErrorState error={indicator.error} onRetry={() => void indicator.refetch()} />}
      {/* Keyed by version: after a save or a reload the form starts from the current definition. */}
      {indicator.data && <Editor key={indicator.data.version} indicator={indicator.data} />}
    </Page>
  );
}
