// A Select of the organisation's branches, loaded here so a form need not load them itself. The
// volunteers' pages name a branch by its city first (`withCity`: «Хабаровск — Дом для мамы»), since
// volunteers are recruited by city; the mentoring pages by its name.
import { Select, type SelectProps } from '@mantine/core';
import { useBranches } from './queries.js';

export function BranchSelect({ withCity = false, ...props }: Omit<SelectProps, 'data'> & { withCity?: boolean }) {
  const branches = useBranches();
  const data = (branches.data ?? []).map((b) => ({ value: b.id, label: withCity ? `${b.city} — ${b.name}` : b.name }));
  return <Select data={data} {...props} />;
}
