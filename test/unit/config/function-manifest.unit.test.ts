import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  API_AREAS,
  areaForPath,
  STATE_MACHINES,
  WORKFLOW_TASKS,
} from '../../../lib/config/function-manifest';
import { applySubstitutions, REPOSITORY_ROOT } from '../../../local/lambda-invoker';

it('routes a path to the area with the longest matching prefix, else to the catch-all', () => {
  expect(areaForPath('/api/health').id).toBe('platform');
  expect(areaForPath('/api/operator/schools/123').id).toBe('schools');
  expect(areaForPath('/api/operator/schoolsX').id).toBe('platform');
  expect(areaForPath('/api/unknown').id).toBe('platform');
});

it('names only handler and definition files that exist', () => {
  for (const file of [...API_AREAS, ...WORKFLOW_TASKS].map((fn) => fn.entry)) {
    expect(existsSync(join(REPOSITORY_ROOT, file))).toBe(true);
  }
  for (const machine of STATE_MACHINES)
    expect(existsSync(join(REPOSITORY_ROOT, machine.definitionFile))).toBe(true);
});

it('applies definition substitutions and refuses an unknown name instead of leaving a blank', () => {
  expect(applySubstitutions('{"R":"${A}"}', { A: 'arn:x' })).toBe('{"R":"arn:x"}');
  expect(() => applySubstitutions('{"R":"${B}"}', { A: 'arn:x' })).toThrow('No substitution for ${B}');
});
