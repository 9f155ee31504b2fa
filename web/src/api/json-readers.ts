/** Readers for the small pieces API bodies are made of; each returns undefined when the value does not fit. */
import { isNonEmptyString, isRecord } from './json-shapes';

export function optionalString(value: unknown): string | undefined {
  return isNonEmptyString(value) ? value : undefined;
}

export function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

export function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Every item read with `readItem`, or undefined if the value is not an array or any item does not fit. */
export function listOf<T>(value: unknown, readItem: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    const read = readItem(item);
    if (read === undefined) return undefined;
    items.push(read);
  }
  return items;
}

/** `{ items: [...] }`, the shape of every list the API answers with. */
export function itemsOf<T>(body: unknown, readItem: (item: unknown) => T | undefined): T[] | undefined {
  return isRecord(body) ? listOf(body.items, readItem) : undefined;
}

/** The value unchanged when it is one of `allowed`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}
