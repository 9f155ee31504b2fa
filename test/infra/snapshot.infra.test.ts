// A normalised snapshot of every stack, so any change to the synthesized infrastructure shows up in
// review. Asset hashes are replaced, as they change with code rather than with infrastructure.
import { allStacks, buildTestApp, normalisedTemplate } from './infra-app';

const test = buildTestApp();

describe('stack snapshots', () => {
  it.each(allStacks(test.stacks).map((stack) => [stack.stackName, stack] as const))(
    '%s matches its snapshot',
    (_name, stack) => {
      expect(normalisedTemplate(test.template(stack))).toMatchSnapshot();
    },
  );
});
