/** Lengths of time in words, for messages such as how long the idle timeout is. */

/** "30 minutes", "1 minute", "45 seconds" (whole minutes when it is whole minutes, else seconds). */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60 || whole % 60 !== 0) return whole === 1 ? '1 second' : `${whole} seconds`;
  const minutes = whole / 60;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
