/** The repository's root folder, for build-time and local code that reads files beside the sources. */
import { resolve } from 'node:path';

export const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..');
