// Removing one's own key: only one's own, only when elevated, and the last one ends the elevation.
import { ElevationRequiredError, KeyNotFoundError } from '../../../../lib/identity/keys/key-errors';
import { MyKeysService } from '../../../../lib/identity/keys/my-keys-service';
import type { SessionRepository } from '../../../../lib/identity/session-repository';
import { FakeKeys, FakeSecurityLog, ORIGIN, PERSON, SESSION_HASH, actor } from './fakes';

const KEY_ID = '44444444-4444-4444-8444-444444444444';

function setUp() {
  const keys = new FakeKeys();
  const securityLog = new FakeSecurityLog();
  const dropped: string[] = [];
  const service = new MyKeysService({
    keys: keys.asRepository(),
    securityLog: securityLog.asLog(),
    sessions: {
      dropElevation: (sessionHash: string) => {
        dropped.push(sessionHash);
        return Promise.resolve();
      },
    } as unknown as SessionRepository,
  });
  return { keys, securityLog, dropped, service };
}

async function addKey(keys: FakeKeys, keyId: string, personId = PERSON.personId) {
  await keys.create({
    type: 'totp',
    keyId,
    personId,
    label: 'Phone',
    createdAt: '2025-03-04T10:00:00.000Z',
    encryptedSecret: 'c2VjcmV0',
    lastUsedStep: 1,
  });
}

it('answers "not found" for another person’s key, even when elevated', async () => {
  const { service, keys } = setUp();
  await addKey(keys, KEY_ID, '77777777-7777-4777-8777-777777777777');
  await expect(service.remove(actor(true), KEY_ID, ORIGIN)).rejects.toBeInstanceOf(KeyNotFoundError);
  expect(keys.keys).toHaveLength(1);
});

it('refuses to remove a key from a session that has not been elevated', async () => {
  const { service, keys, securityLog } = setUp();
  await addKey(keys, KEY_ID);
  await expect(service.remove(actor(false), KEY_ID, ORIGIN)).rejects.toBeInstanceOf(ElevationRequiredError);
  expect(keys.keys).toHaveLength(1);
  expect(securityLog.events).toEqual([]);
});

it('keeps the elevation while another key remains, and drops it with the last', async () => {
  const { service, keys, dropped, securityLog } = setUp();
  await addKey(keys, KEY_ID);
  await addKey(keys, '88888888-8888-4888-8888-888888888888');
  await service.remove(actor(true), KEY_ID, ORIGIN);
  expect(dropped).toEqual([]);
  await service.remove(actor(true), '88888888-8888-4888-8888-888888888888', ORIGIN);
  expect(dropped).toEqual([SESSION_HASH]);
  expect(securityLog.events.map((event) => event.type)).toEqual(['key-removed', 'key-removed']);
});

it('lists keys without their secrets', async () => {
  const { service, keys } = setUp();
  await addKey(keys, KEY_ID);
  expect(await service.list(PERSON.personId)).toEqual([
    { keyId: KEY_ID, type: 'totp', label: 'Phone', createdAt: '2025-03-04T10:00:00.000Z' },
  ]);
});
