/** The browser's check of an email address's shape, shared by every form that asks for one. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with an (already trimmed) email address, or undefined if it looks right. */
export function emailAddressProblem(email: string): string | undefined {
  if (email === '') return 'Enter your email address';
  if (!EMAIL_PATTERN.test(email)) {
    return 'Enter an email address in the correct format, like name@school.sch.uk';
  }
  return undefined;
}
