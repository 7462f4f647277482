// A file the server sends, as a link that looks like a button: the browser downloads it with the
// session cookie, shows its own progress, and the page stays as it is.
import type { ReactNode } from 'react';

type Props = { href: string; children: ReactNode; 'data-testid'?: string };

export function DownloadLink({ href, children, ...rest }: Props) {
  return (
    <a className="btn btn-secondary" href={href} download {...rest}>
      {children}
    </a>
  );
}
