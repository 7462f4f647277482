// What a page that crashed while rendering shows instead of a blank screen. Inside the shell it
// fills the page area; outside it (the login page, the shell itself) it is a page of its own.
import { useRouteError } from 'react-router';
import { LowVisionBar } from '../features/low-vision/LowVisionBar.js';
import { errorMessage } from './api.js';
import { usePageTitle } from './page-title.js';

export function RouteError() {
  usePageTitle('Ошибка');
  const error = useRouteError();
  return (
    <>
      <h1>Произошла ошибка</h1>
      <div className="message message-error" role="alert">
        {errorMessage(error)}
      </div>
      <p>
        <a href="/niko">Вернуться в раздел «НИКО»</a>
      </p>
    </>
  );
}

export function RouteErrorPage() {
  return (
    <>
      <header>
        <LowVisionBar />
      </header>
      <main id="content" className="page page-narrow">
        <RouteError />
      </main>
    </>
  );
}
