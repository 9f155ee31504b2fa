// Opaque tokens: shape, randomness, the stored hash, and constant-time comparison.
import { createHash } from 'node:crypto';
import { constantTimeEqual, hashToken, newOpaqueToken } from '../../../lib/identity/opaque-token';

describe('newOpaqueToken', () => {
  it('is the prefix followed by 32 random bytes in unpadded base64url', () => {
    const token = newOpaqueToken('ls_');
    expect(token).toMatch(/^ls_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice('ls_'.length), 'base64url')).toHaveLength(32);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newOpaqueToken('csrf_')));
    expect(tokens.size).toBe(1000);
  });

  it('refuses prefixes that would make token kinds ambiguous or unsafe in a cookie', () => {
    for (const prefix of ['', 'ls', 'LS_', '_', 'a b_', 'ls;_', '1x_']) {
      expect(() => newOpaqueToken(prefix)).toThrow(/prefix/);
    }
    expect(newOpaqueToken('lantern_reset_')).toMatch(/^lantern_reset_[A-Za-z0-9_-]{43}$/);
  });
});

describe('hashToken', () => {
  it('is the SHA-256 of the token in lower-case hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = newOpaqueToken('ls_');
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(newOpaqueToken('ls_')));
  });
});

describe('constantTimeEqual', () => {
  it('is true only for identical strings, including across lengths and Unicode', () => {
    const token = newOpaqueToken('csrf_');
    expect(constantTimeEqual(token, token)).toBe(true);
    expect(constantTimeEqual(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(constantTimeEqual(token, token.slice(0, -1))).toBe(false);
    expect(constantTimeEqual(token, `${token}x`)).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('', token)).toBe(false);
    expect(constantTimeEqual('café', 'cafe\u0301')).toBe(false);
  });
});
