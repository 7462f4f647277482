// The one place that decides what each role may do. Routes ask `can()` (through `authorize`
// in auth/plugin.ts); queries narrow rows with the filters of auth/rows/. PRODUCT.md "Who uses it" is the source.
import { ACTIONS, type Action } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';
import type { CurrentUser } from './current-user.js';

export { ACTIONS, type Action };

const GRANTS: Record<Role, readonly Action[]> = {
  federal: [
    'session.use',
    'niko.read',
    'directory.read',
    'directory.write',
    'users.resetPassword',
    'users.issuePasswords',
    'audit.read',
    'publications.read',
    'publications.write',
    'forms.manage',
    'collections.manage',
    'responses.read',
    'responses.review',
    'monitoring.read',
    'reminders.send',
  ],
  regional: [
    'session.use',
    'niko.read',
    'directory.read',
    'users.resetPassword',
    'users.issuePasswords',
    'publications.read',
    'responses.read',
    'responses.review',
    'monitoring.read',
    'reminders.send',
  ],
  municipal: [
    'session.use',
    'niko.read',
    'directory.read',
    'users.issuePasswords',
    'publications.read',
    'responses.read',
    'responses.review',
    'monitoring.read',
    'reminders.send',
  ],
  organization: [
    'session.use',
    'niko.read',
    'publications.read',
    'responses.read',
    'responses.fill',
    'reminders.receive',
  ],
};

export function can(user: CurrentUser | null | undefined, action: Action): boolean {
  return !!user && GRANTS[user.role].includes(action);
}

/** What the session tells the browser the user may do: `can()` for every action. */
export function permissionsOf(user: CurrentUser): Action[] {
  return ACTIONS.filter((action) => can(user, action));
}
