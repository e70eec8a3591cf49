// Server state of the access area: query keys and the queries pages share.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { UserListQuery } from '../../domain/access/contracts.js';
import { api } from '../app/api.js';

export const keys = {
  users: ['users'] as const,
  roles: ['roles'] as const,
  branches: ['branches'] as const,
  programmes: ['programmes'] as const,
  organization: ['organization'] as const,
};

export function useUsers(filters: z.input<typeof UserListQuery>, enabled = true) {
  return useQuery({ queryKey: [...keys.users, filters], queryFn: () => api.users.list(filters), enabled });
}

export function useRoles(enabled = true) {
  return useQuery({ queryKey: keys.roles, queryFn: api.roles.list, select: (data) => data.items, enabled });
}

export function useBranches(enabled = true) {
  return useQuery({ queryKey: keys.branches, queryFn: api.branches.list, select: (data) => data.items, enabled });
}

export function useProgrammes() {
  return useQuery({ queryKey: keys.programmes, queryFn: api.programmes.list, select: (data) => data.items });
}

export function useOrganization() {
  return useQuery({ queryKey: keys.organization, queryFn: api.organization.get });
}
