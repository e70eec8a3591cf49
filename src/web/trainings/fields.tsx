// Fields the trainings and consultations forms share: the branch (of those the caller works in),
// the programme whose figures a record counts towards, and academic hours (a quarter-hour precision).
import { NumberInput, Select, type NumberInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/session.js';
import { useBranches, useProgrammes } from '../access/queries.js';

export function OwnBranchSelect({ value, onChange, error }: { value: string; onChange: (branchId: string) => void; error?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const branches = useBranches();
  return (
    <Select
      label={t('trainings.fields.branch')}
      allowDeselect={false}
      data={(branches.data ?? []).filter((b) => me.branchIds.includes(b.id)).map((b) => ({ value: b.id, label: b.name }))}
      value={value}
      onChange={(branchId) => branchId && onChange(branchId)}
      error={error}
    />
  );
}

export function ProgrammeSelect({ value, onChange, error }: { value: string; onChange: (programmeId: string) => void; error?: string }) {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  return (
    <Select
      label={t('trainings.fields.programme')}
      clearable
      data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
      value={value || null}
      onChange={(programmeId) => onChange(programmeId ?? '')}
      error={error}
    />
  );
}

/** The first error of a list field (`specialistIds.2`) or of the list itself. */
export function listError(errors: Record<string, string>, name: string): string | undefined {
  return errors[name] ?? Object.entries(errors).find(([path]) => path.startsWith(`${name}.`))?.[1];
}

/** Academic hours, as the server takes them: positive, in quarters of an hour. */
export function HoursInput(props: NumberInputProps) {
  return <NumberInput min={0.25} step={0.5} decimalScale={2} {...props} />;
}
