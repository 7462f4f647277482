// Reading the directory through TanStack Query. Keys start with 'directory' so that one
// invalidation after a write refreshes every list.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../shared/api/common.js';
import type { directoryResponses as answers } from '../../../shared/api/directory.js';
import { api, type Query } from '../../app/api.js';

export const DIRECTORY_KEY = 'directory';

export function useRegions(enabled = true) {
  return useQuery({
    queryKey: [DIRECTORY_KEY, 'regions'],
    queryFn: () => api.get<Answer<typeof answers.regions>>('/api/regions'),
    // 89 regions that change once in years.
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useRegion(code: string | undefined) {
  return useQuery({
    queryKey: [DIRECTORY_KEY, 'region', code],
    queryFn: () => api.get<Answer<typeof answers.region>>(`/api/regions/${encodeURIComponent(code ?? '')}`),
    enabled: !!code,
    staleTime: 60_000,
  });
}

export function useMunicipalities(filter: Query) {
  return useQuery({
    queryKey: [DIRECTORY_KEY, 'municipalities', filter],
    queryFn: () => api.get<Answer<typeof answers.municipalities>>('/api/municipalities', filter),
    placeholderData: keepPreviousData,
  });
}

export function useOrganizations(filter: Query, enabled = true) {
  return useQuery({
    queryKey: [DIRECTORY_KEY, 'organizations', filter],
    queryFn: () => api.get<Answer<typeof answers.organizations>>('/api/organizations', filter),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: [DIRECTORY_KEY, 'organization', id],
    queryFn: () =>
      api.get<Answer<typeof answers.organization>>(`/api/organizations/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

export function useUsers(filter: Query) {
  return useQuery({
    queryKey: [DIRECTORY_KEY, 'users', filter],
    queryFn: () => api.get<Answer<typeof answers.users>>('/api/users', filter),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: [DIRECTORY_KEY, 'user', id],
    queryFn: () => api.get<Answer<typeof answers.user>>(`/api/users/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}
