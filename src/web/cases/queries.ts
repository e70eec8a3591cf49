// Server state of cases shared by pages: the staff directory (leads, teams, intake workers).
import { useQuery } from '@tanstack/react-query';
import { useCan } from '../app/session.js';
import { caseKeys, casesApi, type StaffMember } from './api.js';

/** Active staff, for choosing a lead, a team member or an intake worker; empty without the right. */
export function useStaff() {
  const can = useCan();
  return useQuery({
    queryKey: caseKeys.staff,
    queryFn: casesApi.staff,
    select: (data) => data.items,
    enabled: can('referrals.read'),
    staleTime: 5 * 60_000,
  });
}

export function staffOptions(staff: readonly StaffMember[] | undefined) {
  return (staff ?? []).map((person) => ({ value: person.id, label: person.name }));
}

export function staffNames(staff: readonly StaffMember[] | undefined): Map<string, string> {
  return new Map((staff ?? []).map((person) => [person.id, person.name]));
}
