/**
 * The frame of every admin screen: its heading (which takes focus after navigation, as on every page),
 * an optional introduction and a success notice left by the action that led here.
 */
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../routing/use-document-title';

interface AdminPageProps {
  title: string;
  lede?: ReactNode;
  /** "Sam Ahmed has been added": focused on arrival, so it is read out before the page. */
  notice?: string | undefined;
  children?: ReactNode;
}

export function AdminPage({ title, lede, notice, children }: AdminPageProps) {
  useDocumentTitle(`${title} – Admin`);
  return (
    <div className="panel admin-page">
      {notice && (
        <p className="notice notice--success" role="status" tabIndex={-1} data-autofocus>
          {notice}
        </p>
      )}
      <h1 className="page-title" tabIndex={-1}>
        {title}
      </h1>
      {lede && <p className="lede">{lede}</p>}
      {children}
    </div>
  );
}
