/**
 * A school (a tenant): identified inside Lantern by a generated id, and in the outside world by
 * its URN and DfE number (local authority number + establishment number).
 */
import { z } from 'zod';
import { isTimeZone } from '../platform/zoned-time';

const UrnSchema = z
  .string()
  .regex(/^[1-9]\d{5}$/, 'must be a 6-digit unique reference number (URN)')
  .meta({ description: 'Unique reference number from Get Information about Schools.', example: '100000' });

const LaNumberSchema = z
  .string()
  .regex(/^\d{3}$/, 'must be a 3-digit local authority number')
  .meta({ example: '201' });

const EstablishmentNumberSchema = z
  .string()
  .regex(/^\d{4}$/, 'must be a 4-digit DfE establishment number')
  .meta({ example: '6007' });

const TimeZoneSchema = z
  .string()
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/London')
  .meta({ example: 'Europe/London' });

export const CreateSchoolInputSchema = z
  .object({
    urn: UrnSchema,
    laNumber: LaNumberSchema,
    establishmentNumber: EstablishmentNumberSchema,
    name: z.string().trim().min(2).max(120),
    timeZone: TimeZoneSchema.default('Europe/London'),
  })
  .strict()
  .meta({ id: 'CreateSchoolInput' });

export const SchoolSchema = z
  .object({
    schoolId: z.string().uuid(),
    urn: UrnSchema,
    laNumber: LaNumberSchema,
    establishmentNumber: EstablishmentNumberSchema,
    /** LA number and establishment number together, as the DfE writes it (e.g. 2016007). */
    dfeNumber: z.string().regex(/^\d{7}$/),
    name: z.string(),
    timeZone: TimeZoneSchema,
    region: z.string().meta({ description: 'The Lantern deployment region that holds this school.' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'School' });

export type CreateSchoolInput = z.input<typeof CreateSchoolInputSchema>;
export type School = z.infer<typeof SchoolSchema>;

/** Name as sorted and searched: case- and accent-insensitive. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/#/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
