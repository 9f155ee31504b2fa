/**
 * The categories and agencies a new school starts with, drawn from what schools record under
 * (Keeping Children Safe in Education's areas of harm and the categories schools already use).
 * Schools rename, disable, merge and add to them in Admin > Categories and Admin > Agencies.
 */
import { randomUUID } from 'node:crypto';
import type { CategoryPermission } from '../access/permissions';
import type { Agency, Category } from './category';

interface DefaultCategory {
  readonly name: string;
  readonly colour: string;
  readonly subCategories?: readonly { readonly name: string; readonly colour: string }[];
}

export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = [
  { name: 'Attendance', colour: '#1e88e5', subCategories: [{ name: 'Punctuality', colour: '#64b5f6' }] },
  {
    name: 'Behaviour',
    colour: '#fb8c00',
    subCategories: [
      { name: 'Low level disruption', colour: '#ffb74d' },
      { name: 'Removed from class', colour: '#ef6c00' },
    ],
  },
  {
    name: 'Bullying',
    colour: '#e53935',
    subCategories: [
      { name: 'Cyber', colour: '#ef9a9a' },
      { name: 'Physical', colour: '#c62828' },
      { name: 'Verbal', colour: '#e57373' },
      { name: 'Prejudice-based', colour: '#b71c1c' },
    ],
  },
  { name: 'Child protection', colour: '#8e24aa' },
  { name: 'Child-on-child abuse', colour: '#d81b60' },
  { name: 'Child missing education', colour: '#c0ca33' },
  { name: 'Contact with external agency', colour: '#757575' },
  { name: 'Domestic abuse', colour: '#5e35b1' },
  { name: 'Home issues', colour: '#6d4c41' },
  { name: 'Medical issues', colour: '#43a047', subCategories: [{ name: 'First aid', colour: '#81c784' }] },
  {
    name: 'Mental health',
    colour: '#00897b',
    subCategories: [
      { name: 'Anxiety', colour: '#4db6ac' },
      { name: 'Self-harm', colour: '#00695c' },
    ],
  },
  { name: 'Neglect', colour: '#f4511e' },
  { name: 'Online safety', colour: '#3949ab' },
  { name: 'Parental contact', colour: '#fdd835' },
  { name: 'Prevent', colour: '#546e7a' },
  { name: 'SEND', colour: '#00acc1' },
];

export const DEFAULT_AGENCIES: readonly string[] = [
  'CAMHS',
  "Children's social care",
  'Early help',
  'Educational psychologist',
  'Police',
  'School nurse',
  'SENCO',
  'Youth offending team',
];

export interface StartingCategories {
  readonly categories: readonly Category[];
  readonly agencies: readonly Agency[];
}

/** A new school's categories and agencies, with fresh ids (version 1). */
export function startingCategories(schoolId: string, at: string): StartingCategories {
  const stamp = { schoolId, disabled: false, createdAt: at, updatedAt: at, version: 1 } as const;
  const categories = DEFAULT_CATEGORIES.flatMap((parent) => {
    const parentId = randomUUID();
    return [
      { ...stamp, categoryId: parentId, name: parent.name, colour: parent.colour },
      ...(parent.subCategories ?? []).map((sub) => ({
        ...stamp,
        categoryId: randomUUID(),
        name: sub.name,
        colour: sub.colour,
        parentId,
      })),
    ];
  });
  const agencies = DEFAULT_AGENCIES.map((name) => ({ ...stamp, agencyId: randomUUID(), name }));
  return { categories, agencies };
}

/** The same permission in every one of these categories: a starting group's grid. */
export function grantInEvery(
  categories: readonly Category[],
  permission: CategoryPermission,
): Record<string, CategoryPermission> {
  return Object.fromEntries(categories.map((category) => [category.categoryId, { ...permission }]));
}
