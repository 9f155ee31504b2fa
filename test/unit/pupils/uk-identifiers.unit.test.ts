/** UPN check letters and ULN check digits, against examples computed by hand from the DfE and LRS rules. */
import {
  isTemporaryUpn,
  isValidUln,
  isValidUpn,
  ulnFrom,
  upnCheckLetter,
} from '../../../lib/pupils/uk-identifiers';

it('computes the UPN check letter (the worked example: 93 mod 23 = 1 → B)', () => {
  expect(upnCheckLetter('801200005001')).toBe('B');
  expect(isValidUpn('B801200005001')).toBe(true);
  expect(isValidUpn('A801200005001')).toBe(false);
});

it('computes check letters of other UPNs, skipping I, O and S', () => {
  // 9×2 + 9×3 + 9×4 + 2×5 + 0×6 + 0×7 + 1×8 + 2×9 + 4×10 + 0×11 + 0×12 + 7×13 = 248; 248 mod 23 = 18 → V
  expect(upnCheckLetter('999200124007')).toBe('V');
  // 3×2 + 3×3 + 1×4 = 19 → W (19 counts past I and O)
  expect(upnCheckLetter('331000000000')).toBe('W');
});

it('accepts a temporary UPN whose final letter counts as its table value', () => {
  // 9×2+9×3+9×4+2×5+0+0+1×8+2×9+4×10+0+0 = 157, plus A (0) × 13 = 157; 157 mod 23 = 19 → W
  expect(upnCheckLetter('99920012400A')).toBe('W');
  expect(isValidUpn('W99920012400A')).toBe(true);
  expect(isTemporaryUpn('W99920012400A')).toBe(true);
  expect(isTemporaryUpn('B801200005001')).toBe(false);
  expect(upnCheckLetter('99920012400I')).toBeUndefined();
});

it('checks ULNs: weights 10 … 1, sum mod 11 = 10, first digit not zero', () => {
  // 1×10+2×9+3×8+4×7+5×6+6×5+7×4+8×3+9×2 = 210; 210 + d = 10 (mod 11) → 210 mod 11 = 1, so d = 9
  expect(ulnFrom('123456789')).toBe('1234567899');
  expect(isValidUln('1234567899')).toBe(true);
  expect(isValidUln('1234567890')).toBe(false);
  expect(isValidUln('0234567899')).toBe(false);
  // 1×10 = 10 already: the check digit is 0.
  expect(ulnFrom('100000000')).toBe('1000000000');
  // 1×10 + 1×9 = 19 = 8 (mod 11): d would have to be 13 mod 11 = 2.
  expect(ulnFrom('110000000')).toBe('1100000002');
});
