/**
 * The one CORS rule of the vault bucket: the app's origin may POST (presigned browser uploads).
 * Downloads are navigations to presigned GETs, which CORS does not govern. The Data stack and the
 * local runtime's S3 stand-in both apply this rule, so uploads are tested as they deploy.
 */
export interface VaultCorsRule {
  readonly allowedOrigins: string[];
  readonly allowedMethods: ['POST'];
  readonly allowedHeaders: string[];
  readonly maxAgeSeconds: number;
}

export function vaultCorsRule(appOrigin: string): VaultCorsRule {
  return {
    allowedOrigins: [appOrigin],
    allowedMethods: ['POST'],
    allowedHeaders: ['content-type'],
    maxAgeSeconds: 3000,
  };
}
