// An organization's reminders (issue 11 §2): the list on «НИКО» and the count in the header share
// one query, so a dismissal updates both.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../shared/api/common.js';
import type { reminderResponses } from '../../../shared/api/reminders.js';
import { api } from '../../app/api.js';
import { useCan } from '../../app/session.js';

export const NOTICES_KEY = ['niko', 'reminders'];

export function useNotices() {
  const enabled = useCan('reminders.receive');
  return useQuery({
    enabled,
    queryKey: NOTICES_KEY,
    queryFn: () => api.get<Answer<typeof reminderResponses.notices>>('/api/niko/reminders'),
    // A new reminder shows within a few minutes, and whenever the window gets focus again.
    refetchInterval: enabled ? 300_000 : false,
  });
}

export function markNoticesRead(ids: number[]) {
  return api.post<Answer<typeof reminderResponses.read>>('/api/niko/reminders/read', { ids });
}

export function dismissNotice(id: number) {
  return api.post<Answer<typeof reminderResponses.dismiss>>(`/api/niko/reminders/${id}/dismiss`, {});
}
