/** Stand-in state files: written whole or not at all, and refused on read when they break their schema. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFileAtomically } from '../../../local/standins/persistence/atomic-json-file';

const schema = z.object({ version: z.literal(1), names: z.array(z.string()) });

describe('atomic JSON files', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-atomic-json-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing directories, writes pretty JSON and leaves no temporary file', () => {
    const file = join(dir, 'nested', 'state.json');
    writeJsonFileAtomically(file, { version: 1, names: ['a'] });
    expect(readFileSync(file, 'utf8')).toBe('{\n  "version": 1,\n  "names": [\n    "a"\n  ]\n}');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json']);
    expect(readJsonFile(file, schema, 'invalid')).toEqual({ version: 1, names: ['a'] });
  });

  it('replaces an existing file and applies the requested mode', () => {
    const file = join(dir, 'keys.json');
    writeJsonFileAtomically(file, { version: 1, names: [] });
    writeJsonFileAtomically(file, { version: 1, names: ['b'] }, { mode: 0o600 });
    expect(readJsonFile(file, schema, 'invalid')?.names).toEqual(['b']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads a missing file as undefined and refuses one that does not match the schema', () => {
    expect(readJsonFile(join(dir, 'absent.json'), schema, 'invalid')).toBeUndefined();
    const file = join(dir, 'wrong.json');
    writeFileSync(file, JSON.stringify({ version: 2 }));
    expect(() => readJsonFile(file, schema, `${file} is not a valid state file`)).toThrow(
      `${file} is not a valid state file`,
    );
  });
});
