// The region a request was signed for: stand-ins are not told their region, so ARNs they return echo
// the SigV4 credential scope, which is what the client expects.
import type { IncomingMessage } from 'node:http';

const FALLBACK_REGION = 'eu-west-2';

export function signingRegion(request: IncomingMessage): string {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(request.headers.authorization ?? '');
  return match?.[1] ?? FALLBACK_REGION;
}
