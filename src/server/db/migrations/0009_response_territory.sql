-- A participant's territory follows its organization, whatever moves the organization.
--
-- responses.region_code and municipality_id are copies of the organization's, kept so that
-- monitoring's counts and lists read one table through its (collection_id, region_code, status)
-- and (collection_id, municipality_id, status) indexes, and scope filters (auth/scope.ts) read
-- them. A copy that stayed behind when an organization moved left its responses with the old
-- coordinators. Now the copy is bound to the organization by a foreign key on all three columns
-- that cascades updates: the operator's edit, an import, or plain SQL that changes an
-- organization's municipality or region changes its participant rows in the same statement, and a
-- participant row whose territory is not its organization's is refused.

ALTER TABLE organizations ADD CONSTRAINT organizations_territory_key UNIQUE (id, municipality_id, region_code);

-- Copies left behind by moves made before this migration are set right first.
UPDATE responses AS r
   SET municipality_id = o.municipality_id, region_code = o.region_code
  FROM organizations AS o
 WHERE o.id = r.organization_id
   AND (r.municipality_id, r.region_code) IS DISTINCT FROM (o.municipality_id, o.region_code);

ALTER TABLE responses ADD CONSTRAINT responses_territory_fkey
  FOREIGN KEY (organization_id, municipality_id, region_code)
  REFERENCES organizations (id, municipality_id, region_code) ON UPDATE CASCADE;

-- The single-column keys are implied by the new one (and the organization's own key to its
-- municipality and region); dropped so that a move's cascade does not check them again.
ALTER TABLE responses DROP CONSTRAINT responses_organization_id_fkey;
ALTER TABLE responses DROP CONSTRAINT responses_region_code_fkey;
ALTER TABLE responses DROP CONSTRAINT responses_municipality_id_fkey;
