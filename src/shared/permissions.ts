// The actions the policy (src/server/auth/policy.ts) grants to roles. The session sends the
// user's list to the browser, which shows or hides pages by it; the server decides
// (docs/PRODUCT.md "Roles").
export const ACTIONS = [
  'session.use', // sign out, change own password, see own profile
  'niko.read', // section «НИКО»
  'directory.read', // regions, municipalities, organizations, users within scope
  'directory.write', // create, edit, deactivate, import
  'users.resetPassword', // within scope, organization accounts only for coordinators
  'users.issuePasswords', // one-time passwords for organizations' accounts in scope, as a file
  'audit.read',
  'publications.read', // publications meant for the user (their audience is checked in the query)
  'publications.write', // write, schedule and delete publications and their files
  'forms.manage', // design forms and their versions
  'collections.manage', // create, close, reopen and extend collections; choose participants
  'responses.read', // read responses within scope (an organization: its own)
  'responses.fill', // type into and submit one's own organization's response
  'responses.review', // accept a submitted report or return it for revision, within scope
  'monitoring.read', // statistics, participant lists and exports within scope
  'reminders.send', // «Напомнить»: notices to participating organizations within scope, and the sent list
  'reminders.receive', // an organization's own notices: read and dismiss them
] as const;
export type Action = (typeof ACTIONS)[number];
