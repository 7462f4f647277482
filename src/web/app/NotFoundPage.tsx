// An address that matches no page.
import { Link } from 'react-router';
import { usePageTitle } from './page-title.js';

export function NotFoundPage() {
  usePageTitle('Страница не найдена');
  return (
    <>
      <h1>Страница не найдена</h1>
      <p>
        Проверьте адрес или перейдите в раздел <Link to="/niko">«НИКО»</Link>.
      </p>
    </>
  );
}
