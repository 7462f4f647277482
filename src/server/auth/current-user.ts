// The signed-in user as every route and query sees it; the same shape the browser receives.
import type { SessionUser } from '../../shared/session-user.js';

export type CurrentUser = SessionUser;
