// The key endpoints' contracts: what a request may carry, and what an answer can never carry.
import { ElevateInputSchema, confirmTotpRegistration } from '../../../../lib/identity/keys/keys-api';
import { keyView, KeyViewSchema } from '../../../../lib/identity/keys/second-factor-key';

it('accepts a TOTP code as six digits, optionally split in two', () => {
  expect(ElevateInputSchema.safeParse({ method: 'totp', code: '123456' }).success).toBe(true);
  expect(ElevateInputSchema.safeParse({ method: 'totp', code: '123 456' }).success).toBe(true);
  for (const code of ['12345', '1234567', 'abcdef', '', '12-3456']) {
    expect(ElevateInputSchema.safeParse({ method: 'totp', code }).success).toBe(false);
  }
});

it('tells the two ways to elevate apart and refuses anything else', () => {
  expect(ElevateInputSchema.safeParse({ method: 'password', code: '123456' }).success).toBe(false);
  expect(ElevateInputSchema.safeParse({ method: 'webauthn', code: '123456' }).success).toBe(false);
  expect(ElevateInputSchema.safeParse({ method: 'totp', code: '123456', extra: true }).success).toBe(false);
});

it('needs a label of at most 60 characters to confirm a key', () => {
  const body = confirmTotpRegistration.body!;
  const input = { registrationId: '55555555-5555-4555-8555-555555555555', code: '123456' };
  expect(body.safeParse({ ...input, label: '  Work phone ' }).data?.label).toBe('Work phone');
  expect(body.safeParse({ ...input, label: '   ' }).success).toBe(false);
  expect(body.safeParse({ ...input, label: 'x'.repeat(61) }).success).toBe(false);
});

it('never shows a secret or credential material in what it says about a key', () => {
  const view = keyView({
    type: 'totp',
    keyId: '44444444-4444-4444-8444-444444444444',
    personId: '11111111-1111-4111-8111-111111111111',
    label: 'Phone',
    createdAt: '2025-03-04T10:00:00.000Z',
    encryptedSecret: 'c2VjcmV0',
    lastUsedStep: 5,
  });
  expect(view).toEqual({
    keyId: '44444444-4444-4444-8444-444444444444',
    type: 'totp',
    label: 'Phone',
    createdAt: '2025-03-04T10:00:00.000Z',
  });
  // And the response schema drops such fields even if a service ever passed them along.
  expect(KeyViewSchema.parse({ ...view, encryptedSecret: 'c2VjcmV0', publicKey: 'AA' })).toEqual(view);
});
