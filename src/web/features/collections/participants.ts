// Who takes part in a collection: organizations chosen by region and kind, or listed by code.
// The server takes one or the other, never both.
import { ORGANIZATION_KINDS, type OrganizationKindCode } from '../../../shared/roles.js';

export type ParticipantsDraft = {
  mode: 'filters' | 'codes';
  allRegions: boolean;
  regionCodes: string[];
  kinds: OrganizationKindCode[];
  /** The codes found in the uploaded file; null until a file is read. */
  codes: string[] | null;
  fileName: string | null;
};

export type ParticipantsBody =
  | { regionCodes?: string[]; kinds?: OrganizationKindCode[] }
  | { codes: string[] };

export const EMPTY_PARTICIPANTS: ParticipantsDraft = {
  mode: 'filters',
  allRegions: true,
  regionCodes: [],
  kinds: [...ORGANIZATION_KINDS],
  codes: null,
  fileName: null,
};

/** Errors by field: regionCodes, kinds, codes. */
export function checkParticipants(p: ParticipantsDraft): Record<string, string> {
  if (p.mode === 'codes') {
    if (p.codes === null) return { codes: 'Выберите файл со списком кодов.' };
    if (p.codes.length === 0)
      return { codes: 'В файле не найдено ни одного шестизначного кода организации.' };
    return {};
  }
  const errors: Record<string, string> = {};
  if (!p.allRegions && p.regionCodes.length === 0) errors.regionCodes = 'Выберите хотя бы один регион.';
  if (p.kinds.length === 0) errors.kinds = 'Выберите хотя бы один вид организаций.';
  return errors;
}

/** The request's `participants`: a filter left empty means "all", so it is left out. */
export function participantsBody(p: ParticipantsDraft): ParticipantsBody {
  if (p.mode === 'codes') return { codes: p.codes ?? [] };
  const body: { regionCodes?: string[]; kinds?: OrganizationKindCode[] } = {};
  if (!p.allRegions) body.regionCodes = p.regionCodes;
  if (p.kinds.length < ORGANIZATION_KINDS.length) body.kinds = p.kinds;
  return body;
}
