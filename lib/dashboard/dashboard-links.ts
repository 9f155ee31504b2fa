/** Where each dashboard row opens in the web app. */
export const dashboardLinks = {
  incident: (incidentId: string, pupilId: string): string =>
    `/incidents/${encodeURIComponent(incidentId)}?pupilId=${encodeURIComponent(pupilId)}`,
  vault: (pupilId: string): string => `/pupils/${encodeURIComponent(pupilId)}/vault`,
  pupil: (pupilId: string): string => `/pupils/${encodeURIComponent(pupilId)}`,
};
