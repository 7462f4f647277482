// The one place that decides what each role may do. Routes ask `can()` (through `authorize`
// in auth/plugin.ts); queries narrow rows with auth/scope.ts. PRODUCT.md "Who uses it" is the source.
import type { Role } from '../../shared/roles.js';
import type { CurrentUser } from './current-user.js';

export const ACTIONS = [
  'session.use', // sign out, change own password, see own profile
  'niko.read', // section «НИКО»
  'directory.read', // regions, municipalities, organizations, users within scope
  'directory.write', // create, edit, deactivate, import
  'users.resetPassword', // within scope, organization accounts only for coordinators
  'audit.read',
  'publications.read', // publications meant for the user (their audience is checked in the query)
  'publications.write', // write, schedule and delete publications and their files
  'forms.manage', // design forms and their versions
  'collections.manage', // create, close, reopen and extend collections; choose participants
  'responses.read', // read responses within scope (an organization: its own)
  'responses.fill', // type into and submit one's own organization's response
  'monitoring.read', // statistics, participant lists and exports within scope
] as const;
export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role, readonly Action[]> = {
  federal: [
    'session.use',
    'niko.read',
    'directory.read',
    'directory.write',
    'users.resetPassword',
    'audit.read',
    'publications.read',
    'publications.write',
    'forms.manage',
    'collections.manage',
    'responses.read',
    'monitoring.read',
  ],
  regional: [
    'session.use',
    'niko.read',
    'directory.read',
    'users.resetPassword',
    'publications.read',
    'responses.read',
    'monitoring.read',
  ],
  municipal: [
    'session.use',
    'niko.read',
    'directory.read',
    'publications.read',
    'responses.read',
    'monitoring.read',
  ],
  organization: ['session.use', 'niko.read', 'publications.read', 'responses.read', 'responses.fill'],
};

export function can(user: CurrentUser | null | undefined, action: Action): boolean {
  return !!user && GRANTS[user.role].includes(action);
}

/** Which roles' accounts a user may reset: coordinators reset organizations only. */
export function resettableRoles(user: CurrentUser): readonly Role[] {
  if (!can(user, 'users.resetPassword')) return [];
  return user.role === 'federal' ? ['federal', 'regional', 'municipal', 'organization'] : ['organization'];
}

export function permissionsOf(role: Role): readonly Action[] {
  return GRANTS[role];
}
