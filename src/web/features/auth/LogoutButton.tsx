// «Выйти»: ends the session on the server, then shows the login page.
import { useState } from 'react';
import { api } from '../../app/api.js';
import { leaveToLogin } from '../../app/auth-redirects.js';
import { Button } from '../../ui/Button.js';

export function LogoutButton() {
  const [busy, setBusy] = useState(false);
  async function logOut() {
    setBusy(true);
    try {
      await api.post('/api/auth/logout');
    } catch {
      // Signing out must never get stuck: the login page is where the user wants to be anyway.
    } finally {
      leaveToLogin();
    }
  }
  return (
    <Button variant="link" className="logout-button" onClick={logOut} busy={busy}>
      Выйти
    </Button>
  );
}
