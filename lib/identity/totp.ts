// Time-based one-time codes (RFC 6238) for second-factor sign-in, over otplib v13, with replay
// protection: the caller stores the time step of each accepted code and passes it back next time.
import { generateSecret, generateURI, verify } from 'otplib';

// SHA-1, 6 digits, 30 s: the only combination every authenticator app honours (many ignore the URI's
// algorithm/digits/period parameters and silently use these).
const TOTP = { algorithm: 'sha1', digits: 6, period: 30 } as const;
// RFC 4226 asks for at least 128 bits; 160 bits matches the SHA-1 block output and what apps expect.
const SECRET_BYTES = 20;
// Accept the code for the current step and the one before it (a code typed just as it rolled over);
// never a future one, which would only widen the guessing window.
const EPOCH_TOLERANCE: [number, number] = [TOTP.period, 0];

/** A new base32 secret (20 random bytes) to show once as a QR code and store encrypted. */
export function createTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/** The otpauth:// URI an authenticator app scans, labelled `issuer:accountName`. */
export function totpUri({
  secret,
  accountName,
  issuer = 'Lantern',
}: {
  secret: string;
  accountName: string;
  issuer?: string;
}): string {
  // The Key URI format splits the label on the first colon, so one inside either part would mislabel it.
  if (accountName.length === 0 || accountName.includes(':') || issuer.includes(':')) {
    throw new Error('TOTP account name must be non-empty and neither it nor the issuer may contain ":"');
  }
  return generateURI({ issuer, label: accountName, secret, ...TOTP });
}

/**
 * Checks a code typed by the user at `now`. A valid result carries the code's time step, which the
 * caller must store and pass back as `lastUsedStep`: a code from that step or any earlier one is refused,
 * so an observed code cannot be replayed within its validity window.
 */
export async function verifyTotp({
  secret,
  code,
  now,
  lastUsedStep,
}: {
  secret: string;
  code: string;
  now: Date;
  lastUsedStep?: number;
}): Promise<{ valid: boolean; step?: number }> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return { valid: false };
  const epoch = Math.floor(now.getTime() / 1000);
  // otplib throws when afterTimeStep lies beyond the window it searches; every code in that window is
  // already used, so the answer is simply "not valid".
  if (lastUsedStep !== undefined && lastUsedStep >= Math.floor(epoch / TOTP.period)) return { valid: false };
  const result = await verify({
    secret,
    token,
    epoch,
    epochTolerance: EPOCH_TOLERANCE,
    ...(lastUsedStep === undefined ? {} : { afterTimeStep: lastUsedStep }),
    ...TOTP,
  });
  // otplib's result type also covers HOTP, which has no time step; a TOTP match always carries one.
  return result.valid && 'timeStep' in result ? { valid: true, step: result.timeStep } : { valid: false };
}
