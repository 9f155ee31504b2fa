/** Sets the browser tab's title for the current page. */
import { useEffect } from 'react';

export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = `${pageTitle} – Lantern`;
  }, [pageTitle]);
}
