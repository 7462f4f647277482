// Pages and role areas load as chunks of their own, so a school does not download the directory,
// the import, the audit or the monitoring code it can never open (docs/ARCHITECTURE.md, «Размер
// страниц»). While a chunk loads the page says so; when it cannot load (a deploy replaced the
// files, the link dropped) the page says that too and offers to reload, instead of going blank.
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { Button } from '../ui/Button.js';
import { Loading } from '../ui/ProblemMessage.js';

type Frame = 'inside-shell' | 'standalone';

/**
 * A component that loads `name` from the module `load` imports, showing «Загрузка…» meanwhile.
 * `standalone` is for pages outside the shell (the login page), which bring their own <main>.
 */
export function lazyComponent<M, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
  frame: Frame = 'inside-shell',
): ComponentType {
  const Loaded = lazy(() =>
    load().then(
      (module) => ({ default: module[name] as ComponentType }),
      (error: unknown) => {
        // The reason goes to the console for whoever debugs; the person gets plain words.
        console.error(`Не удалось загрузить ${name}`, error);
        return { default: () => <ChunkLoadFailed frame={frame} /> };
      },
    ),
  );
  function LazyComponent() {
    return (
      <Suspense fallback={<Framed frame={frame}>{<Loading />}</Framed>}>
        <Loaded />
      </Suspense>
    );
  }
  LazyComponent.displayName = `Lazy(${name})`;
  return LazyComponent;
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
