// The rules a new password must meet, shared so that the browser warns with the very message the
// server would refuse with.
export const PASSWORD_MIN_LENGTH = 8;

export const PASSWORD_HINT = `Не короче ${PASSWORD_MIN_LENGTH} символов, буквы вместе с цифрами или знаками, без логина.`;

/** The Russian reason a password is too weak, or null. */
export function weakPasswordReason(login: string, password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов.`;
  if (login && password.toLowerCase().includes(login.toLowerCase()))
    return 'Пароль не должен содержать логин.';
  if (!/[^\p{L}]/u.test(password) || !/\p{L}/u.test(password))
    return 'Пароль должен содержать буквы и цифры или знаки.';
  return null;
}
