import type { DashboardCategory } from '../api/dashboard';

/** "Bullying, Attendance", for the brackets after a pupil's name. */
export function categoryNames(categories: readonly DashboardCategory[]): string {
  return categories.map((category) => category.name).join(', ');
}
