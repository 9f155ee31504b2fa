/**
 * UPN and ULN check characters (/work/shared/docs/uk-standards.md). The demo pupil generator makes
 * valid ones; the MIS import checks the ones it receives with the same functions.
 */

/** A=0 … Z=22; I, O and S are never used. */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

function characterValue(character: string): number | undefined {
  if (/^[0-9]$/.test(character)) return Number(character);
  const index = CHECK_LETTERS.indexOf(character);
  return index === -1 ? undefined : index;
}

/**
 * The check letter for positions 2–13 of a UPN (12 characters: 11 digits and a final digit, or a
 * letter for a temporary UPN): each value times its position (2…13), summed, modulo 23.
 */
export function upnCheckLetter(body: string): string | undefined {
  if (!/^[0-9]{11}[0-9A-Z]$/.test(body)) return undefined;
  let sum = 0;
  for (let index = 0; index < body.length; index += 1) {
    const value = characterValue(body[index] ?? '');
    if (value === undefined) return undefined;
    sum += value * (index + 2);
  }
  return CHECK_LETTERS[sum % 23];
}

/** A well-formed UPN whose check letter is right (permanent or temporary). */
export function isValidUpn(upn: string): boolean {
  return upn.length === 13 && upnCheckLetter(upn.slice(1)) === upn[0];
}

/** A temporary UPN ends in a letter; it never matches for transfers. */
export function isTemporaryUpn(upn: string): boolean {
  return /[A-Z]$/.test(upn);
}

/** 10 digits, the first not zero; digits times 10, 9 … 1, summed, modulo 11 is 10. */
export function isValidUln(uln: string): boolean {
  if (!/^[1-9][0-9]{9}$/.test(uln)) return false;
  return weightedSum(uln) % 11 === 10;
}

function weightedSum(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) sum += Number(digits[index]) * (10 - index);
  return sum;
}

/** The ULN that starts with these 9 digits, or undefined when no last digit makes it valid. */
export function ulnFrom(first9: string): string | undefined {
  if (!/^[1-9][0-9]{8}$/.test(first9)) return undefined;
  const last = (10 - (weightedSum(first9) % 11) + 11) % 11;
  return last === 10 ? undefined : `${first9}${last}`;
}
