/** Paths of the dashboard's own pages (web/src/routing/routes.ts maps them to pages). */
export const dashboardPaths = {
  /** The person's own automatic alert rules. */
  alertMe: '/alert-me',
} as const;
