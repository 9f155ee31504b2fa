/**
 * An independent TOTP (RFC 6238 over RFC 4226 HOTP, SHA-1, 6 digits, 30 s) written from the RFCs with
 * node:crypto, so tests compute codes the way an authenticator app does rather than with the otplib
 * code under test.
 */
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_PERIOD_SECONDS = 30;

export function base32Decode(text: string): Buffer {
  let bits = '';
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`Not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 4226 §5.3: HMAC-SHA-1 of the counter, dynamically truncated to `digits` decimal digits. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code an authenticator app shows for a base32 secret in time step `step`. */
export function totpForStep(base32Secret: string, step: number): string {
  return hotp(base32Decode(base32Secret), step);
}

export function currentStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The current time step, after waiting out the end of a step if fewer than `marginSeconds` remain, so
 * a code computed now is still current when the server checks it.
 */
export async function settledStep(marginSeconds = 3): Promise<number> {
  const secondsIntoStep = (Date.now() / 1000) % TOTP_PERIOD_SECONDS;
  const remaining = TOTP_PERIOD_SECONDS - secondsIntoStep;
  if (remaining < marginSeconds) await new Promise((resolve) => setTimeout(resolve, remaining * 1000 + 50));
  return currentStep();
}

/** A six-digit code that is valid in none of the given steps (for "wrong code" tests). */
export function wrongCode(base32Secret: string, steps: readonly number[]): string {
  const valid = new Set(steps.map((step) => totpForStep(base32Secret, step)));
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}
