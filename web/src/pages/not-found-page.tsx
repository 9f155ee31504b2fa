/** The page for any path the app does not know. */
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';

export function NotFoundPage({ signedIn }: { signedIn: boolean }) {
  useDocumentTitle('Page not found');
  return (
    <div className="panel panel--narrow">
      <h1 className="page-title" tabIndex={-1}>
        Page not found
      </h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>
        <Link href="/">{signedIn ? 'Go to the home page' : 'Go to the sign-in page'}</Link>
      </p>
    </div>
  );
}
