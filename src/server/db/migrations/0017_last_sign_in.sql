-- When each account last signed in (issue 11 §3): «всем, кто ни разу не входил» issues one-time
-- passwords to the accounts where this is null. Written by a successful sign-in, in the
-- transaction that starts its session (auth/service.ts).
ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz;

-- The audit log has recorded every successful sign-in since the start: accounts that signed in
-- before this column existed are not "never signed in".
UPDATE users AS u
   SET last_sign_in_at = l.at
  FROM (SELECT actor_user_id, max(at) AS at
          FROM audit_log
         WHERE action = 'auth.login' AND actor_user_id IS NOT NULL
         GROUP BY actor_user_id) AS l
 WHERE u.id = l.actor_user_id;
