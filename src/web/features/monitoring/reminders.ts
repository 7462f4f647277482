// Reminders in monitoring (issue 11 §2): how many a reminder would reach, sending it, and
// «Отправленные напоминания», through TanStack Query.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../shared/api/common.js';
import type { ReminderAudience, reminderResponses } from '../../../shared/api/reminders.js';
import { api } from '../../app/api.js';
import { MONITORING_KEY } from './queries.js';

export type ReminderRequest = {
  audience: ReminderAudience;
  organizationIds?: number[];
  regionCode?: string;
  message?: string;
};

const base = (collectionId: number) => `/api/monitoring/collections/${collectionId}/reminders`;
export const sentRemindersKey = (collectionId: number) => [MONITORING_KEY, 'reminders', collectionId];

/** Asked again whenever the choice changes; never cached: the counts move as schools work. */
export function useReminderPreview(collectionId: number, r: Omit<ReminderRequest, 'message'>) {
  return useQuery({
    queryKey: [MONITORING_KEY, 'reminder-preview', collectionId, r],
    queryFn: () => api.post<Answer<typeof reminderResponses.preview>>(`${base(collectionId)}/preview`, r),
    staleTime: 0,
    gcTime: 0,
  });
}

export function sendReminder(collectionId: number, r: ReminderRequest) {
  return api.post<Answer<typeof reminderResponses.send, 201>>(base(collectionId), r);
}

export function useSentReminders(collectionId: number, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: sentRemindersKey(collectionId),
    queryFn: () => api.get<Answer<typeof reminderResponses.sent>>(base(collectionId)),
    // Read counts grow as schools open their pages.
    refetchInterval: enabled ? 30_000 : false,
  });
}
