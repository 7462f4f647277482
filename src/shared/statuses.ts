// How the UI and the exports name a participant's status and a collection's state
// (docs/PRODUCT.md "Participant statuses" and "Collections, deadlines and time zones").
export const RESPONSE_STATUSES = ['not_started', 'in_progress', 'submitted'] as const;
export type ResponseStatusCode = (typeof RESPONSE_STATUSES)[number];

export const RESPONSE_STATUS_LABELS: Record<ResponseStatusCode, string> = {
  not_started: 'Не приступило',
  in_progress: 'В работе',
  submitted: 'Сдано',
};

export const collectionStateLabel = (open: boolean) => (open ? 'Открыт' : 'Закрыт');
