/**
 * A success message to show on the admin page an action leads to ("Sam Ahmed has been added"), kept
 * only in memory and only for that path, so it is not shown again on a later visit.
 */
interface PendingNotice {
  readonly path: string;
  readonly text: string;
}

let pending: PendingNotice | undefined;

/** Call just before navigating to `path`. */
export function noticeForNextPage(path: string, text: string): void {
  pending = { path, text };
}

/** The notice waiting for this path, if any. */
export function noticeFor(path: string): string | undefined {
  return pending?.path === path ? pending.text : undefined;
}

/** Forgets a notice meant for another page, once the person has moved on. */
export function forgetNoticesExceptFor(path: string): void {
  if (pending && pending.path !== path) pending = undefined;
}
