// The pages around OrganizationForm: a new organization, and editing one.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { OrganizationCreated } from '../../../../shared/api/directory.js';
import { api } from '../../../app/api.js';
import { usePageTitle } from '../../../app/page-title.js';
import { Loading, ProblemMessage } from '../../../ui/ProblemMessage.js';
import { OneTimePasswordDialog } from '../OneTimePasswordDialog.js';
import { DIRECTORY_KEY, useOrganization } from '../queries.js';
import { OrganizationForm, type OrganizationFormValues } from './OrganizationForm.js';

const EMPTY: OrganizationFormValues = {
  code: '',
  shortName: '',
  fullName: '',
  kind: 'school',
  regionCode: '',
  municipalityId: '',
};

export function OrganizationCreatePage() {
  usePageTitle('Новая организация');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The organization's account sch<code> is created with it; its password is shown once.
  const [created, setCreated] = useState<OrganizationCreated | null>(null);
  return (
    <>
      {created && (
        <OneTimePasswordDialog
          login={created.account.login}
          password={created.account.oneTimePassword}
          onClose={() => navigate(`/directory/organizations/${created.id}`)}
        />
      )}
      <p className="breadcrumbs">
        <Link to="/directory/organizations">Организации</Link>
      </p>
      <h1>Новая организация</h1>
      <OrganizationForm
        mode="create"
        initial={EMPTY}
        cancelTo="/directory/organizations"
        onSubmit={async (v) => {
          const result = await api.post<OrganizationCreated>('/api/organizations', {
            code: v.code.trim(),
            shortName: v.shortName.trim(),
            fullName: v.fullName.trim(),
            kind: v.kind,
            municipalityId: Number(v.municipalityId),
          });
          await queryClient.invalidateQueries({ queryKey: [DIRECTORY_KEY] });
          setCreated(result);
        }}
      />
    </>
  );
}

export function OrganizationEditPage() {
  const { id } = useParams();
  const org = useOrganization(id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle('Изменение организации');

  if (org.isLoading) return <Loading />;
  if (!org.data) return <ProblemMessage error={org.error} />;
  const o = org.data;
  const back = `/directory/organizations/${o.id}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={back}>{o.shortName}</Link>
      </p>
      <h1>Изменение организации</h1>
      <OrganizationForm
        mode="edit"
        cancelTo={back}
        initial={{
          code: o.code,
          shortName: o.shortName,
          fullName: o.fullName,
          kind: o.kind,
          regionCode: o.regionCode,
          municipalityId: String(o.municipalityId),
        }}
        onSubmit={async (v) => {
          await api.patch(`/api/organizations/${o.id}`, {
            shortName: v.shortName.trim(),
            fullName: v.fullName.trim(),
            kind: v.kind,
            municipalityId: Number(v.municipalityId),
          });
          await queryClient.invalidateQueries({ queryKey: [DIRECTORY_KEY] });
          navigate(back);
        }}
      />
    </>
  );
}
