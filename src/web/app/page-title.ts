// Every page names itself in the browser tab (and for screen readers announcing the page).
import { useEffect } from 'react';

export const PRODUCT_NAME = 'ЛК ФИС ОКО';

export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} — ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [title]);
}
