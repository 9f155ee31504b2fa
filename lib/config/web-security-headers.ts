/**
 * Security headers for the web app's documents. CloudFront's response headers policy (Web stack)
 * and the local runtime's static server both use these values, so what is tested locally is
 * what is deployed.
 */
/**
 * The web app's Content-Security-Policy. `uploadOrigin` is the document vault bucket's origin: the
 * browser sends uploads straight to it with a presigned POST made by XMLHttpRequest (for progress),
 * which connect-src governs. It is not an HTML form submission, so form-action stays 'self'; and
 * downloads are navigations to presigned GETs, which CSP does not restrict.
 */
export function contentSecurityPolicy(uploadOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    uploadOrigin ? `connect-src 'self' ${uploadOrigin}` : "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** The policy with no upload origin: pages that upload nothing (and tests of the rest). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const HSTS_MAX_AGE_SECONDS = 63_072_000;

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

export function webSecurityHeaders(uploadOrigin?: string): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(uploadOrigin),
    'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains; preload`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': PERMISSIONS_POLICY,
  };
}

export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = webSecurityHeaders();
