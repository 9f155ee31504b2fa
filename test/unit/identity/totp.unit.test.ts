// TOTP: otplib-backed verification checked against an independent RFC 4226/6238 implementation and the
// RFCs' published vectors, plus the replay, window and format rules Lantern adds.
import { createHmac } from 'node:crypto';
import { createTotpSecret, totpUri, verifyTotp } from '../../../lib/identity/totp';

// --- A deliberately separate HOTP/TOTP, written from RFC 4226 §5.3 and RFC 6238 §4 ---------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(bytes: Buffer): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += BASE32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

function base32Decode(text: string): Buffer {
  let bits = '';
  for (const char of text) bits += BASE32.indexOf(char).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f; // dynamic truncation
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function totpAt(key: Buffer, unixSeconds: number, digits = 6): string {
  return hotp(key, Math.floor(unixSeconds / 30), digits);
}

// ------------------------------------------------------------------------------------------------------

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = base32Encode(RFC_KEY);

// RFC 6238 Appendix B, SHA-1 rows (8-digit values).
const RFC_6238_SHA1: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];

const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe('the independent reference implementation', () => {
  it('encodes the RFC key as the usual base32 secret', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(RFC_SECRET).equals(RFC_KEY)).toBe(true);
  });

  it('reproduces RFC 4226 Appendix D (HOTP, counters 0–9)', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter, 6))).toEqual(expected);
  });

  it.each(RFC_6238_SHA1)('reproduces RFC 6238 Appendix B at T=%i (%s)', (seconds, eightDigits) => {
    expect(totpAt(RFC_KEY, seconds, 8)).toBe(eightDigits);
  });
});

describe('verifyTotp', () => {
  it.each(RFC_6238_SHA1)(
    'accepts the RFC 6238 code at T=%i and returns its time step',
    async (seconds, eight) => {
      const code = eight.slice(-6);
      expect(totpAt(RFC_KEY, seconds)).toBe(code);
      await expect(verifyTotp({ secret: RFC_SECRET, code, now: at(seconds) })).resolves.toEqual({
        valid: true,
        step: Math.floor(seconds / 30),
      });
    },
  );

  it('accepts a code typed with spaces', async () => {
    const code = totpAt(RFC_KEY, 1234567890);
    await expect(
      verifyTotp({ secret: RFC_SECRET, code: ` ${code.slice(0, 3)} ${code.slice(3)} `, now: at(1234567890) }),
    ).resolves.toEqual({ valid: true, step: 41152263 });
  });

  it('accepts the previous step’s code but not one two steps old or one from the next step', async () => {
    const now = 1234567890; // step 41152263, 0 s into the step
    const step = Math.floor(now / 30);
    const codeFor = (s: number) => hotp(RFC_KEY, s, 6);
    await expect(verifyTotp({ secret: RFC_SECRET, code: codeFor(step - 1), now: at(now) })).resolves.toEqual({
      valid: true,
      step: step - 1,
    });
    await expect(verifyTotp({ secret: RFC_SECRET, code: codeFor(step - 2), now: at(now) })).resolves.toEqual({
      valid: false,
    });
    await expect(verifyTotp({ secret: RFC_SECRET, code: codeFor(step + 1), now: at(now) })).resolves.toEqual({
      valid: false,
    });
  });

  it('refuses a replayed code, and any code from an earlier step once a later one was used', async () => {
    const now = 2000000000;
    const step = Math.floor(now / 30);
    const current = hotp(RFC_KEY, step, 6);
    const previous = hotp(RFC_KEY, step - 1, 6);

    const first = await verifyTotp({ secret: RFC_SECRET, code: current, now: at(now) });
    expect(first).toEqual({ valid: true, step });
    const lastUsedStep = first.step!;
    // Same code again, a few seconds later but within its window: refused.
    await expect(
      verifyTotp({ secret: RFC_SECRET, code: current, now: at(now + 5), lastUsedStep }),
    ).resolves.toEqual({ valid: false });
    // The previous step's code is still inside the window but older than the one used: refused.
    await expect(
      verifyTotp({ secret: RFC_SECRET, code: previous, now: at(now), lastUsedStep }),
    ).resolves.toEqual({
      valid: false,
    });
    // The next step's code, typed in the next step, is fresh: accepted.
    const next = hotp(RFC_KEY, step + 1, 6);
    await expect(
      verifyTotp({ secret: RFC_SECRET, code: next, now: at(now + 30), lastUsedStep }),
    ).resolves.toEqual({
      valid: true,
      step: step + 1,
    });
  });

  it('accepts the current code when only the previous step was used before', async () => {
    const now = 1111111111;
    const step = Math.floor(now / 30);
    await expect(
      verifyTotp({ secret: RFC_SECRET, code: hotp(RFC_KEY, step, 6), now: at(now), lastUsedStep: step - 1 }),
    ).resolves.toEqual({ valid: true, step });
  });

  it('refuses rather than throws when the stored step is ahead of the clock', async () => {
    const now = 1111111111;
    const step = Math.floor(now / 30);
    await expect(
      verifyTotp({ secret: RFC_SECRET, code: hotp(RFC_KEY, step, 6), now: at(now), lastUsedStep: step + 5 }),
    ).resolves.toEqual({ valid: false });
  });

  it.each(['', '12345', '1234567', '12345a', 'abcdef', '-12345', '１２３４５６', '12 34 5', '94287082'])(
    'refuses the malformed code %p',
    async (code) => {
      await expect(verifyTotp({ secret: RFC_SECRET, code, now: at(59) })).resolves.toEqual({ valid: false });
    },
  );
});

describe('createTotpSecret', () => {
  it('makes a fresh 20-byte base32 secret whose codes an independent implementation agrees with', async () => {
    const secret = createTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(createTotpSecret()).not.toBe(secret);

    const now = Math.floor(Date.now() / 1000);
    const code = totpAt(base32Decode(secret), now);
    await expect(verifyTotp({ secret, code, now: at(now) })).resolves.toEqual({
      valid: true,
      step: Math.floor(now / 30),
    });
  });
});

describe('totpUri', () => {
  it('builds an otpauth URI labelled issuer:account with the secret and issuer', () => {
    const secret = createTotpSecret();
    const uri = new URL(totpUri({ secret, accountName: 'jo.bloggs@oakfield.sch.uk', issuer: 'Lantern' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Lantern:jo.bloggs@oakfield.sch.uk');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Lantern');
    // Anything other than SHA-1 / 6 digits / 30 s would have to be spelled out in the URI.
    for (const name of ['algorithm', 'digits', 'period']) {
      const value = uri.searchParams.get(name);
      expect(value === null || ['SHA1', '6', '30'].includes(value)).toBe(true);
    }
  });

  it('defaults the issuer to Lantern and refuses labels the URI format cannot carry', () => {
    const secret = createTotpSecret();
    expect(totpUri({ secret, accountName: 'dsl@school.sch.uk' })).toContain('issuer=Lantern');
    expect(() => totpUri({ secret, accountName: 'a:b' })).toThrow();
    expect(() => totpUri({ secret, accountName: '' })).toThrow();
  });
});
