/**
 * A new or rotated connector secret, shown once: Lantern keeps only its hash, so this panel says so
 * plainly and offers a copy button. The school id and push address go with it to the connector author.
 */
import { useEffect, useRef, useState } from 'react';
import type { IssuedConnectorCredential } from '../api/admin-mis-connectors';
import './mis-connectors.css';

type CopyState = 'idle' | 'copied' | 'failed';

export function ConnectorSecretPanel({
  issued,
  onDone,
}: {
  issued: IssuedConnectorCredential;
  onDone: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  // Focus the panel when it appears, so a screen reader reads the warning first.
  useEffect(() => headingRef.current?.focus(), [issued.secret]);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(issued.secret);
      setCopy('copied');
    } catch {
      // Clipboard access can be refused (permissions, an insecure origin): the secret stays selectable.
      setCopy('failed');
    }
  }

  return (
    <section className="connector-secret" aria-labelledby="connector-secret-heading">
      <h2 className="section-title" id="connector-secret-heading" ref={headingRef} tabIndex={-1}>
        Secret for {issued.credential.label}
      </h2>
      <p className="connector-secret__warning">
        Copy this secret now. You will not see it again: Lantern keeps only a fingerprint of it. If it is
        lost, rotate the credential to get a new one.
      </p>
      <dl className="connector-secret__details">
        <dt>Secret</dt>
        <dd>
          <code className="connector-secret__value" data-testid="connector-secret">
            {issued.secret}
          </code>
        </dd>
        <dt>School id</dt>
        <dd>
          <code className="connector-secret__value">{issued.schoolId}</code>
        </dd>
        <dt>Push address</dt>
        <dd>
          <code className="connector-secret__value">{`${window.location.origin}${issued.pushPath}`}</code>
        </dd>
      </dl>
      <p className="hint">
        Give these to whoever sets up the connector. It sends the secret as{' '}
        <code>Authorization: Bearer &lt;secret&gt;</code> and can push extracts for this school only.
      </p>
      <div className="button-group">
        <button className="button" type="button" onClick={() => void copySecret()}>
          Copy secret
        </button>
        <button className="button button--secondary" type="button" onClick={onDone}>
          I have copied it
        </button>
      </div>
      <p role="status" className="hint">
        {copy === 'copied' && 'The secret is on your clipboard.'}
        {copy === 'failed' && 'Your browser would not copy it: select the secret and copy it yourself.'}
      </p>
    </section>
  );
}
