// Reading forms through TanStack Query. Keys start with 'forms' so that one invalidation after a
// save refreshes the list and every version.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../shared/api/common.js';
import type { formResponses } from '../../../shared/api/forms.js';
import { api } from '../../app/api.js';

export const FORMS_KEY = 'forms';

export function useFormVersions() {
  return useQuery({
    queryKey: [FORMS_KEY, 'list'],
    queryFn: () => api.get<Answer<typeof formResponses.list>>('/api/forms'),
  });
}

export function useFormVersion(id: string | undefined) {
  return useQuery({
    queryKey: [FORMS_KEY, 'version', id],
    queryFn: () =>
      api.get<Answer<typeof formResponses.version>>(`/api/form-versions/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

/** «Форма», версия 2 → «Форма — версия 2». */
export function versionLabel(title: string, version: number): string {
  return `${title} — версия ${version}`;
}
