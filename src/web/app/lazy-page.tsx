// Pages and role areas load as chunks of their own, so a school does not download the directory,
// the import, the audit or the monitoring code it can never open (docs/ARCHITECTURE.md, «Bundle
// size»). While a chunk loads the page says so; when it cannot load (a deploy replaced the files,
// the link dropped) the page says that too and offers to reload, instead of going blank.
import { type ComponentType, lazy, type ReactElement, type ReactNode, Suspense } from 'react';
import { Button } from '../ui/Button.js';
import { Loading } from '../ui/ProblemMessage.js';

type Frame = 'inside-shell' | 'standalone';

/**
 * The element of a page (or part of one) that loads `name` from the module `load` imports, showing
 * «Загрузка…» meanwhile. Made once, at module level, and reused on every render. `standalone` is
 * for pages outside the shell (the login page), which bring their own <main>.
 */
export function lazyPage<M, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
  frame: Frame = 'inside-shell',
): ReactElement {
  const component = lazy(() =>
    load().then(
      (module) => ({ default: module[name] as ComponentType }),
      (error: unknown) => {
        // The reason goes to the console for whoever debugs; the person gets plain words.
        console.error(`Не удалось загрузить ${name}`, error);
        return { default: () => <ChunkLoadFailed frame={frame} /> };
      },
    ),
  );
  return <LazyBoundary component={component} frame={frame} />;
}

function LazyBoundary({ component: Loaded, frame }: { component: ComponentType; frame: Frame }) {
  return (
    <Suspense
      fallback={
        <Framed frame={frame}>
          <Loading />
        </Framed>
      }
    >
      <Loaded />
    </Suspense>
  );
}

function Framed({ frame, children }: { frame: Frame; children: ReactNode }) {
  if (frame === 'inside-shell') return children;
  return (
    <main id="content" className="page page-narrow">
      {children}
    </main>
  );
}

/** A reload fetches the page anew with the addresses of the current files. */
function ChunkLoadFailed({ frame }: { frame: Frame }) {
  return (
    <Framed frame={frame}>
      <div className="message message-error" role="alert">
        <p>
          Не удалось загрузить эту часть страницы. Возможно, прервалась связь или кабинет только что
          обновился.
        </p>
        <p>Обновите страницу, чтобы продолжить.</p>
      </div>
      <Button variant="primary" onClick={() => window.location.reload()}>
        Обновить страницу
      </Button>
    </Framed>
  );
}
