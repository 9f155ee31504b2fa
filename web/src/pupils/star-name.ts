/** How "Hide names" shows a name. "Harry Greenwood" → "H**** G********": each word keeps its first letter; hyphens and apostrophes stay. */
export function starName(name: string): string {
  return name.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const letters = [...word];
    return letters[0] + '*'.repeat(letters.length - 1);
  });
}
