// The signed-in user as the server resolves it from the session and sends it to the browser
// (GET /api/auth/session): role plus the ids that bound its scope.
import type { Role } from './roles.js';

export type SessionUser = {
  id: number;
  login: string;
  role: Role;
  fullName: string;
  mustChangePassword: boolean;
  /** The region the user's scope lies in: its own for regional, its municipality's or organization's otherwise. */
  regionCode: string | null;
  municipalityId: number | null;
  organizationId: number | null;
  /** What the header shows next to the role: the organization's, municipality's or region's name. */
  scopeName: string;
  regionTimezone: string | null;
};
