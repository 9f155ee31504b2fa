// Password hashing with scrypt (built into node:crypto, so no native module in the Lambda bundle),
// stored as a self-describing PHC-style string so the cost can be raised later without a migration.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify<string | Buffer, Buffer, number, ScryptOptions, Buffer>(scryptCallback);

// OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1. That needs 128 × N × r = 128 MiB, four times
// Node's default `maxmem` of 32 MiB, so the limit is raised explicitly (the Lambda needs ≥ 256 MB).
const CURRENT = { logN: 17, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

// Upper bounds on what a stored string may ask for, so a corrupted or planted record cannot make one
// sign-in burn gigabytes or minutes of CPU.
const LIMITS = { logN: 20, r: 32, p: 4, minKeyLength: 16, maxKeyLength: 64, minSaltLength: 8 } as const;

interface ScryptParameters {
  logN: number;
  r: number;
  p: number;
}

interface ParsedHash extends ScryptParameters {
  salt: Buffer;
  hash: Buffer;
}

/** Hashes a password for storage: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (unpadded base64, as PHC). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(CURRENT.saltLength);
  const hash = await derive(password, salt, CURRENT, CURRENT.keyLength);
  return `$scrypt$ln=${CURRENT.logN},r=${CURRENT.r},p=${CURRENT.p}$${b64(salt)}$${b64(hash)}`;
}

/**
 * Checks a password against a stored hash. `needsRehash` asks the caller to store a fresh hash (made
 * with the now-known password) because the stored one uses weaker parameters than today's. A stored
 * string that cannot be parsed is reported as not matching rather than thrown, so a bad record can
 * only ever deny access.
 */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<{ valid: boolean; needsRehash: boolean }> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return { valid: false, needsRehash: false };
  let candidate: Buffer;
  try {
    candidate = await derive(password, parsed.salt, parsed, parsed.hash.length);
  } catch {
    return { valid: false, needsRehash: false };
  }
  const valid = timingSafeEqual(candidate, parsed.hash);
  return { valid, needsRehash: valid && isWeakerThanCurrent(parsed) };
}

/**
 * A real hash, at today's parameters, of 32 random bytes that were thrown away; nothing matches it.
 * Its parameters must stay equal to CURRENT (a unit test checks), or the dummy check would cost a
 * different time from a real one.
 */
export const DUMMY_PASSWORD_HASH =
  '$scrypt$ln=17,r=8,p=1$tMOZuU5ZEaDAAHGKu/Pi5g$Sv20NqZ9S1z63IspPM1aEjDdk+wsvgXEn66JnmR2kkY';

/**
 * Spends the same scrypt work as checking a real account, for sign-ins naming an unknown email, so
 * response time does not reveal which emails have accounts. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_PASSWORD_HASH);
  return false;
}

async function derive(
  password: string,
  salt: Buffer,
  { logN, r, p }: ScryptParameters,
  keyLength: number,
): Promise<Buffer> {
  // NIST SP 800-63B asks for Unicode normalisation, so the same password typed on a Mac and on
  // Windows (composed vs decomposed accents) hashes the same.
  return scrypt(password.normalize('NFKC'), salt, keyLength, {
    N: 2 ** logN,
    r,
    p,
    maxmem: MAX_MEMORY_BYTES,
  });
}

function parseStoredHash(stored: string): ParsedHash | undefined {
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
    stored,
  );
  if (!match) return undefined;
  const [, ln = '', rText = '', pText = '', saltText = '', hashText = ''] = match;
  const parsed: ParsedHash = {
    logN: Number(ln),
    r: Number(rText),
    p: Number(pText),
    salt: Buffer.from(saltText, 'base64'),
    hash: Buffer.from(hashText, 'base64'),
  };
  const { logN, r, p } = parsed;
  const withinLimits =
    logN >= 1 &&
    logN <= LIMITS.logN &&
    r >= 1 &&
    r <= LIMITS.r &&
    p >= 1 &&
    p <= LIMITS.p &&
    128 * 2 ** logN * r <= MAX_MEMORY_BYTES &&
    parsed.salt.length >= LIMITS.minSaltLength &&
    parsed.hash.length >= LIMITS.minKeyLength &&
    parsed.hash.length <= LIMITS.maxKeyLength;
  return withinLimits ? parsed : undefined;
}

function isWeakerThanCurrent(parsed: ParsedHash): boolean {
  return (
    parsed.logN < CURRENT.logN ||
    parsed.r < CURRENT.r ||
    parsed.p < CURRENT.p ||
    parsed.hash.length < CURRENT.keyLength ||
    parsed.salt.length < CURRENT.saltLength
  );
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

// Password policy, NCSC / NIST SP 800-63B style: length and a blocklist, no composition rules (they push
// people to "Password1!" patterns without adding strength). Only entries of 12+ characters are listed,
// since anything shorter already fails the length check.
const MIN_LENGTH = 12;
const MAX_LENGTH = 128;
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123123123123',
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789abc',
  '123qweasdzxc',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'abc123456789',
  'abcdefghijkl',
  'administrator',
  'asdfghjkl123',
  'changeme1234',
  'football1234',
  'iloveyou1234',
  'letmein12345',
  'monkey123456',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'princess1234',
  'qazwsxedcrfv',
  'qwerty123456',
  'qwertyqwerty',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyuiopasdf',
  'sunshine1234',
  'trustno1trustno1',
  'welcome12345',
  'zaq12wsxcde3',
]);

/** Reasons a new password is not acceptable, worded for the person choosing it; empty when it is fine. */
export function passwordProblems(password: string): string[] {
  const normalised = password.normalize('NFKC');
  // NIST counts each Unicode code point as one character, so an emoji or accented letter counts once.
  const length = [...normalised].length;
  const problems: string[] = [];
  if (length < MIN_LENGTH) problems.push(`Use at least ${MIN_LENGTH} characters.`);
  if (length > MAX_LENGTH) problems.push(`Use at most ${MAX_LENGTH} characters.`);
  const lowered = normalised.toLowerCase();
  if (length > 0 && normalised.trim().length === 0) {
    problems.push('The password cannot be only spaces.');
  } else if (COMMON_PASSWORDS.has(lowered)) {
    problems.push('This is one of the most commonly used passwords; choose something less guessable.');
  } else if (length >= MIN_LENGTH && /^(.)\1*$/su.test(lowered)) {
    problems.push('The password cannot be one character repeated.');
  }
  return problems;
}
