// Accounts as a table, with the password reset where the viewer may do it.
import { Link } from 'react-router';
import type { DirectoryUser } from '../../../../shared/api/directory.js';
import { ROLE_LABELS } from '../../../../shared/roles.js';
import { StatusBadge } from '../../../ui/StatusBadge.js';
import { TableFrame } from '../../../ui/TableFrame.js';
import { ActiveBadge } from '../ActiveBadge.js';
import { ResetPasswordButton } from '../ResetPasswordButton.js';

/** Where the account belongs: its organization, else its municipality, else its region. */
export function scopeOf(u: DirectoryUser): string {
  if (u.organizationName) return `${u.organizationCode ?? ''} ${u.organizationName}`.trim();
  if (u.municipalityName) return u.municipalityName;
  if (u.scopeRegionCode) return `Регион ${u.scopeRegionCode}`;
  return 'Российская Федерация';
}

type Props = { users: DirectoryUser[]; caption: string; showScope?: boolean };

export function UsersTable({ users, caption, showScope = true }: Props) {
  return (
    <TableFrame>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Логин</th>
            <th scope="col">ФИО</th>
            <th scope="col">Роль</th>
            {showScope && <th scope="col">Организация или территория</th>}
            <th scope="col">Состояние</th>
            <th scope="col">
              <span className="visually-hidden">Действия</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <Link to={`/directory/users/${u.id}`}>{u.login}</Link>
              </td>
              <td>{u.fullName}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              {showScope && <td>{scopeOf(u)}</td>}
              <td>
                <ActiveBadge active={u.isActive} />{' '}
                {u.mustChangePassword && <StatusBadge tone="warning">Временный пароль</StatusBadge>}
              </td>
              <td className="cell-actions">
                <ResetPasswordButton user={u} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
