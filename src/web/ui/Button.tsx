// Buttons look the same everywhere; `type` defaults to "button" so no button submits a form by accident.
import type { ComponentPropsWithRef } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'link';

type Props = ComponentPropsWithRef<'button'> & { variant?: ButtonVariant; busy?: boolean };

export function Button({ variant = 'secondary', busy = false, className, type, disabled, ...rest }: Props) {
  const classes = ['btn', `btn-${variant}`, className].filter(Boolean).join(' ');
  return (
    <button
      type={type ?? 'button'}
      className={classes}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    />
  );
}
