// Who a publication is for, in words: «для всех» or the chosen roles and regions.
import type { AUDIENCE_ROLES } from '../../../shared/publication-rules.js';

export const AUDIENCE_ROLE_LABELS: Record<(typeof AUDIENCE_ROLES)[number], string> = {
  regional: 'региональные координаторы',
  municipal: 'муниципальные координаторы',
  organization: 'образовательные организации',
};

export function audienceSummary(roles: string[], regions: string[]): string {
  const who = roles.length
    ? roles.map((r) => AUDIENCE_ROLE_LABELS[r as keyof typeof AUDIENCE_ROLE_LABELS] ?? r).join(', ')
    : 'все роли';
  const where = regions.length ? `регионы ${regions.join(', ')}` : 'все регионы';
  return `Для кого: ${who}; ${where}.`;
}
