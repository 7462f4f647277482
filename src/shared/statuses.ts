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

// The review of a submitted report (docs/PRODUCT.md "Review of submitted reports").
export const REVIEW_STATES = ['unchecked', 'accepted', 'returned'] as const;
export type ReviewStateCode = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_LABELS: Record<ReviewStateCode, string> = {
  unchecked: 'Не проверено',
  accepted: 'Принято',
  returned: 'На доработке',
};

/** The longest comment a coordinator may give when returning a report. */
export const REVIEW_COMMENT_MAX = 2000;
