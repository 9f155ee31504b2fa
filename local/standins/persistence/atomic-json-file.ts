// JSON state files for the stand-ins: reads validated against a schema, and writes that a crash cannot
// leave half-done.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * The file's contents, or undefined when there is no file. A file that does not match the schema is
 * fatal (`invalidMessage`) rather than replaced: it may hold state that cannot be recreated.
 */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>, invalidMessage: string): T | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(invalidMessage);
  return parsed.data;
}

/** Writes beside the file and renames over it, so a reader sees the old contents or the new, never part. */
export function writeJsonFileAtomically(file: string, value: unknown, options: { mode?: number } = {}): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, 2), options.mode === undefined ? {} : options);
  renameSync(temporary, file);
}
