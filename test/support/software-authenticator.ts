/**
 * A software WebAuthn authenticator for integration tests, written from the WebAuthn Level 3 spec with
 * node:crypto: a P-256 (ES256) credential, "none" attestation, authenticator data and CBOR built by
 * hand. It answers the options the API hands out the way a browser plus a security key would, and can
 * be told to claim another origin, as a phishing site's page would.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// --- Just enough CBOR (RFC 8949) for attestation objects and COSE keys -----------------------------

type CborValue = number | string | Buffer | Map<CborValue, CborValue>;

function cborHeader(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) {
    const header = Buffer.alloc(3);
    header[0] = (major << 5) | 25;
    header.writeUInt16BE(length, 1);
    return header;
  }
  const header = Buffer.alloc(5);
  header[0] = (major << 5) | 26;
  header.writeUInt32BE(length, 1);
  return header;
}

export function cborEncode(value: CborValue): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('Only integers are supported');
    return value >= 0 ? cborHeader(0, value) : cborHeader(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHeader(3, bytes.length), bytes]);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([cborHeader(2, value.length), value]);
  const parts: Buffer[] = [cborHeader(5, value.size)];
  for (const [key, entry] of value) parts.push(cborEncode(key), cborEncode(entry));
  return Buffer.concat(parts);
}

// --- The authenticator ------------------------------------------------------------------------------

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL = 0x40;

function sha256(data: Buffer | string): Buffer {
  return createHash('sha256').update(data).digest();
}

function b64url(data: Buffer): string {
  return data.toString('base64url');
}

export interface RegistrationResponseJson {
  id: string;
  rawId: string;
  response: { clientDataJSON: string; attestationObject: string; transports: string[] };
  authenticatorAttachment: 'cross-platform';
  clientExtensionResults: Record<string, never>;
  type: 'public-key';
}

export interface AuthenticationResponseJson {
  id: string;
  rawId: string;
  response: { clientDataJSON: string; authenticatorData: string; signature: string };
  authenticatorAttachment: 'cross-platform';
  clientExtensionResults: Record<string, never>;
  type: 'public-key';
}

export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private signCount = 0;

  /** `origin` is where the "browser" says the page is; the RP id comes from the options, as in a browser. */
  constructor(private readonly origin: string) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get credentialIdBase64url(): string {
    return b64url(this.credentialId);
  }

  /** COSE_Key (RFC 9053): kty EC2, alg ES256, crv P-256, x, y. */
  private coseKey(): Buffer {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return cborEncode(
      new Map<CborValue, CborValue>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin?: string): Buffer {
    return Buffer.from(
      JSON.stringify({ type, challenge, origin: origin ?? this.origin, crossOrigin: false }),
      'utf8',
    );
  }

  private counterBytes(): Buffer {
    this.signCount += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.signCount);
    return counter;
  }

  /** navigator.credentials.create() with "none" attestation, for options from the registration endpoint. */
  register(
    options: { challenge: string; rp: { id?: string } },
    overrides: { origin?: string } = {},
  ): RegistrationResponseJson {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const credentialIdLength = Buffer.alloc(2);
    credentialIdLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_CREDENTIAL]),
      this.counterBytes(),
      Buffer.alloc(16), // AAGUID: all zeros, as "none" attestation allows
      credentialIdLength,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cborEncode(
      new Map<CborValue, CborValue>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return {
      id: this.credentialIdBase64url,
      rawId: this.credentialIdBase64url,
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, overrides.origin)),
        attestationObject: b64url(attestationObject),
        transports: ['usb'],
      },
      authenticatorAttachment: 'cross-platform',
      clientExtensionResults: {},
      type: 'public-key',
    };
  }

  /** navigator.credentials.get(), for options from the elevation options endpoint. */
  authenticate(
    options: { challenge: string; rpId?: string },
    overrides: { origin?: string } = {},
  ): AuthenticationResponseJson {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const authenticatorData = Buffer.concat([
      sha256(rpId),
      Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED]),
      this.counterBytes(),
    ]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides.origin);
    // ES256: ECDSA over SHA-256 of authenticatorData ‖ SHA-256(clientDataJSON), DER-encoded.
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
      this.privateKey,
    );
    return {
      id: this.credentialIdBase64url,
      rawId: this.credentialIdBase64url,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
      },
      authenticatorAttachment: 'cross-platform',
      clientExtensionResults: {},
      type: 'public-key',
    };
  }
}
