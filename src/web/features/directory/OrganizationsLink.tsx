// A count of organizations that opens «Организации» filtered to that region or municipality.
import { Link } from 'react-router';
import { formatCount } from '../../../shared/plural.js';
import { countOf } from './labels.js';

export function OrganizationsLink(props: {
  regionCode: string;
  municipalityId?: number;
  count: number | string | undefined;
}) {
  const query = new URLSearchParams({ regionCode: props.regionCode });
  if (props.municipalityId !== undefined) query.set('municipalityId', String(props.municipalityId));
  return <Link to={`/directory/organizations?${query}`}>{formatCount(countOf(props.count))}</Link>;
}
