// A deterministic directory sized by the national registry: which municipalities and
// organizations each region gets. Pure, so the demo seeder and the benchmark data generator
// (national size, scale 1) share it.
import type { OrganizationKind } from '../db/schema.js';
import { MOSCOW_OKRUGS, placeName } from './names.js';

export type RegionSize = { code: string; name: string; registryOrganizations: number };

export type PlannedMunicipality = { code: string; regionCode: string; name: string };
export type PlannedOrganization = {
  code: string;
  regionCode: string;
  municipalityCode: string;
  kind: OrganizationKind;
  shortName: string;
  fullName: string;
};

export type PlanOptions = {
  /** Fraction of the registry's size to create: 1 for the national benchmark, ~0.07 for the demo. */
  scale: number;
  minPerRegion: number;
  /** Floors for particular regions, e.g. Moscow needs at least 30 for the demo journeys. */
  floors?: Record<string, number>;
};

export function organizationsFor(region: RegionSize, opts: PlanOptions): number {
  const scaled = Math.round(region.registryOrganizations * opts.scale);
  return Math.min(9999, Math.max(scaled, opts.minPerRegion, opts.floors?.[region.code] ?? 0));
}

type MunicipalityName = { name: string; place: string };

function municipalitiesFor(region: RegionSize, orgCount: number): MunicipalityName[] {
  if (region.code === '77') return MOSCOW_OKRUGS.map((name) => ({ name, place: 'Московский' }));
  const count = Math.min(40, Math.max(2, Math.ceil(orgCount / 10)));
  return Array.from({ length: count }, (_, i) => {
    const place = placeName(i + Number(region.code));
    // The word list has 30 places; a region with more municipalities numbers the repeats.
    const suffix = i >= 30 ? ` ${Math.floor(i / 30) + 1}` : '';
    const name = i === 0 ? `Городской округ «${place}»${suffix}` : `${place} муниципальный район${suffix}`;
    return { name, place };
  });
}

const SPO_PROFILES = ['политехнический', 'педагогический', 'медицинский', 'аграрный', 'строительный'];

function organizationNames(region: RegionSize, kind: OrganizationKind, n: number, place: string) {
  switch (kind) {
    case 'school':
      if (region.code === '77')
        return {
          shortName: `ГБОУ Школа № ${1000 + n}`,
          fullName: `Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № ${1000 + n}»`,
        };
      if (n % 7 === 3)
        return {
          shortName: `МБОУ Гимназия № ${n}`,
          fullName: `Муниципальное бюджетное общеобразовательное учреждение «Гимназия № ${n}»`,
        };
      return {
        shortName: `МБОУ СОШ № ${n}`,
        fullName: `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${n}»`,
      };
    case 'spo': {
      const college = `${place} ${SPO_PROFILES[n % SPO_PROFILES.length]} колледж`;
      return {
        shortName: `ГБПОУ «${college}» (${n})`,
        fullName: `Государственное бюджетное профессиональное образовательное учреждение «${college}» (${n})`,
      };
    }
    case 'other':
      return {
        shortName: `МБУ ДО ЦДТ № ${n}`,
        fullName: `Муниципальное бюджетное учреждение дополнительного образования «Центр детского творчества № ${n}»`,
      };
  }
}

export function planDirectory(regions: RegionSize[], opts: PlanOptions) {
  const municipalities: PlannedMunicipality[] = [];
  const organizations: PlannedOrganization[] = [];
  for (const region of regions) {
    const orgCount = organizationsFor(region, opts);
    const munNames = municipalitiesFor(region, orgCount);
    const munCodes = munNames.map(({ name }, i) => {
      const code = `${region.code}${String(i + 1).padStart(3, '0')}`;
      municipalities.push({ code, regionCode: region.code, name });
      return code;
    });
    for (let i = 0; i < orgCount; i++) {
      // Eight in ten are schools, then colleges (СПО), then the rest.
      const kind: OrganizationKind = i % 10 === 8 ? 'spo' : i % 10 === 9 ? 'other' : 'school';
      const munIndex = i % munCodes.length;
      organizations.push({
        code: `${region.code}${String(i + 1).padStart(4, '0')}`,
        regionCode: region.code,
        municipalityCode: munCodes[munIndex] as string,
        kind,
        ...organizationNames(region, kind, i + 1, (munNames[munIndex] as MunicipalityName).place),
      });
    }
  }
  return { municipalities, organizations };
}
