/**
 * Headers CloudFront adds to every /api/* request. The Web stack sets them, the API's WAF checks
 * them, and the API bundle reads the viewer's address from them.
 */

/** Set by CloudFront as an origin custom header; a request without the right value did not come through it. */
export const ORIGIN_VERIFY_HEADER = 'x-lantern-origin-verify';
/** Set by a CloudFront Function from `event.viewer.ip`; a viewer cannot forge it through CloudFront. */
export const VIEWER_IP_HEADER = 'x-lantern-viewer-ip';
