// Password hashing and policy: the stored format, parameter upgrades, malformed records, the dummy check
// that hides unknown emails, and the NCSC/NIST-style password rules.
import { randomBytes, scryptSync } from 'node:crypto';
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  passwordProblems,
  verifyAgainstDummy,
  verifyPassword,
} from '../../../lib/identity/password-hashing';

// Each scrypt at N=2^17 takes around 0.6 s on the CI machines; several run per test.
const SLOW = 30_000;
const PHC = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** A stored hash made directly with node:crypto, to stand in for records hashed under older settings. */
function legacyHash(password: string, logN: number, r: number, p: number, keyLength = 32): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, keyLength, { N: 2 ** logN, r, p, maxmem: 256 * 1024 * 1024 });
  const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${logN},r=${r},p=${p}$${b64(salt)}$${b64(hash)}`;
}

describe('hashPassword and verifyPassword', () => {
  it(
    'stores OWASP scrypt parameters in a PHC string that plain node:crypto scrypt reproduces',
    async () => {
      const stored = await hashPassword('a long staff passphrase');
      const match = PHC.exec(stored);
      expect(match).not.toBeNull();
      const [, logN, r, p, salt, hash] = match!;
      expect([logN, r, p]).toEqual(['17', '8', '1']);
      expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
      expect(Buffer.from(hash!, 'base64')).toHaveLength(32);

      const recomputed = scryptSync('a long staff passphrase', Buffer.from(salt!, 'base64'), 32, {
        N: 2 ** 17,
        r: 8,
        p: 1,
        maxmem: 256 * 1024 * 1024,
      });
      expect(recomputed.equals(Buffer.from(hash!, 'base64'))).toBe(true);
    },
    SLOW,
  );

  it(
    'accepts the right password, refuses a wrong one, and salts each hash differently',
    async () => {
      const first = await hashPassword('a long staff passphrase');
      const second = await hashPassword('a long staff passphrase');
      expect(first).not.toBe(second);
      await expect(verifyPassword('a long staff passphrase', first)).resolves.toEqual({
        valid: true,
        needsRehash: false,
      });
      await expect(verifyPassword('a long staff passphrasE', first)).resolves.toEqual({
        valid: false,
        needsRehash: false,
      });
    },
    SLOW,
  );

  it(
    'treats composed and decomposed accents as the same password (NFKC)',
    async () => {
      const stored = await hashPassword('caf\u00e9 au lait every morning');
      await expect(verifyPassword('cafe\u0301 au lait every morning', stored)).resolves.toMatchObject({
        valid: true,
      });
    },
    SLOW,
  );

  it('asks for a rehash when a correct password was stored with weaker parameters', async () => {
    await expect(
      verifyPassword('old password here', legacyHash('old password here', 14, 8, 1)),
    ).resolves.toEqual({
      valid: true,
      needsRehash: true,
    });
    await expect(
      verifyPassword('old password here', legacyHash('old password here', 17, 4, 1)),
    ).resolves.toEqual({
      valid: true,
      needsRehash: true,
    });
    await expect(
      verifyPassword('old password here', legacyHash('old password here', 12, 8, 1, 16)),
    ).resolves.toEqual({ valid: true, needsRehash: true });
    // A wrong password never triggers a rehash: there is nothing trustworthy to rehash.
    await expect(
      verifyPassword('wrong password!!', legacyHash('old password here', 14, 8, 1)),
    ).resolves.toEqual({
      valid: false,
      needsRehash: false,
    });
  });

  it('reports a malformed or unreasonable stored string as not matching, without throwing', async () => {
    const good = legacyHash('whatever you like', 10, 8, 1);
    const [salt, hash] = good.split('$').slice(3);
    const malformed = [
      '',
      'not a hash',
      '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW', // bcrypt
      '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG',
      `$scrypt$ln=10,r=8,p=1$${salt}$`,
      `$scrypt$ln=10,r=8,p=1$$${hash}`,
      `$scrypt$ln=10,r=8,p=0$${salt}$${hash}`,
      `$scrypt$ln=0,r=8,p=1$${salt}$${hash}`,
      `$scrypt$ln=30,r=8,p=1$${salt}$${hash}`, // would need 128 GiB
      `$scrypt$ln=17,r=8,p=99$${salt}$${hash}`, // would take a minute
      `$scrypt$ln=10,r=8,p=1$${salt}$${hash!.slice(0, 8)}`, // truncated hash
      `$scrypt$ln=10,r=8,p=1$${salt}$${hash}$extra`,
      `$scrypt$ln=10,r=8,p=1$${salt}$${hash}!`,
      good.replace('$scrypt$', '$SCRYPT$'),
    ];
    for (const stored of malformed) {
      await expect(verifyPassword('whatever you like', stored)).resolves.toEqual({
        valid: false,
        needsRehash: false,
      });
    }
    // The same salt and hash, well-formed, do verify: the refusals above are about the format.
    await expect(verifyPassword('whatever you like', good)).resolves.toMatchObject({ valid: true });
  });
});

describe('dummy verification for unknown emails', () => {
  it('uses exactly the current parameters, so it costs what a real check costs', async () => {
    const match = PHC.exec(DUMMY_PASSWORD_HASH);
    expect(match?.slice(1, 4)).toEqual(['17', '8', '1']);
    expect(Buffer.from(match![4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(match![5]!, 'base64')).toHaveLength(32);
    // Well-formed and current: verifying it does the full scrypt work and asks for no rehash.
    await expect(verifyPassword('password1234', DUMMY_PASSWORD_HASH)).resolves.toEqual({
      valid: false,
      needsRehash: false,
    });
  });

  it(
    'always answers false and takes about as long as checking a real account',
    async () => {
      const real = await hashPassword('a real account password');
      const realStart = performance.now();
      await verifyPassword('a guess at the password', real);
      const realMs = performance.now() - realStart;

      const dummyStart = performance.now();
      await expect(verifyAgainstDummy('a guess at the password')).resolves.toBe(false);
      const dummyMs = performance.now() - dummyStart;
      // Loose bound so a busy machine cannot make it flaky; a skipped scrypt would be ~1000× faster.
      expect(dummyMs).toBeGreaterThan(realMs / 3);
    },
    SLOW,
  );
});

describe('passwordProblems', () => {
  it('accepts a long passphrase with no digits, capitals or symbols (no composition rules)', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
    expect(passwordProblems('x'.repeat(11) + 'y')).toEqual([]);
    expect(passwordProblems('a'.repeat(64) + 'b'.repeat(64))).toEqual([]);
  });

  it('asks for at least 12 and at most 128 characters', () => {
    expect(passwordProblems('short pass1')).toEqual(['Use at least 12 characters.']);
    expect(passwordProblems('')).toEqual(['Use at least 12 characters.']);
    expect(passwordProblems('ab'.repeat(64) + 'c')).toEqual(['Use at most 128 characters.']);
  });

  it('counts Unicode characters, not UTF-16 units', () => {
    // 6 emoji (12 UTF-16 units) + 5 letters = 11 characters: too short, although .length is 17.
    expect(passwordProblems('🦊🐻🐼🐨🐯🦁abcde')).toEqual(['Use at least 12 characters.']);
    expect(passwordProblems('🦊🐻🐼🐨🐯🦁abcdef')).toEqual([]);
  });

  it('refuses a password that is only whitespace or one repeated character', () => {
    expect(passwordProblems(' '.repeat(12))).toEqual(['The password cannot be only spaces.']);
    expect(passwordProblems('\t \u00a0'.repeat(5))).toEqual(['The password cannot be only spaces.']);
    expect(passwordProblems('Z'.repeat(12))).toEqual(['The password cannot be one character repeated.']);
  });

  it('refuses the most common long passwords whatever their capitalisation', () => {
    for (const common of ['password1234', 'Password1234', 'QWERTYUIOP12', 'qwertyuiop123', '123456789012']) {
      expect(passwordProblems(common)).toEqual([
        'This is one of the most commonly used passwords; choose something less guessable.',
      ]);
    }
    expect(passwordProblems('password1234 but longer')).toEqual([]);
  });
});
