import { Logger } from '@nestjs/common';
import { MemoryStore, Store } from 'express-session';
import type { SessionIndexStore } from '../options/session-index-store';
import type { OktaUser } from '../user/okta-user';
import { MemorySessionIndexStore } from './memory-session-index-store';
import { SessionIndex } from './session-index';
import { subjectKey } from './subject-key';

const ISSUER = 'https://dev-123456.okta.com/oauth2/default';

function user(sub: string, email?: string): OktaUser {
  return {
    sub,
    name: sub,
    email,
    groups: [],
    claims: { sub },
  };
}

/** An index store (the app's) whose every lookup answers `answer`. */
function answering(answer: unknown): SessionIndexStore {
  return {
    add: () => Promise.resolve(),
    remove: () => Promise.resolve(),
    sessionIds: () => Promise.resolve(answer as string[]),
  };
}

describe('SessionIndex', () => {
  let store: MemorySessionIndexStore;
  let index: SessionIndex;

  beforeEach(() => {
    store = new MemorySessionIndexStore();
    index = new SessionIndex(ISSUER, 60_000, store);
  });
  afterEach(() => store.close());

  it('finds a signed-in user by issuer and subject, and by email in any case', async () => {
    await index.record('sid-1', user('00u-bob', 'Bob@Example.com'));
    await index.record('sid-2', user('00u-bob', 'bob@example.com'));

    expect(
      (await index.sessionsOf({ format: 'iss_sub', iss: ISSUER, sub: '00u-bob' })).sort(),
    ).toEqual(['sid-1', 'sid-2']);
    expect(
      (await index.sessionsOf({ format: 'iss_sub', iss: `${ISSUER}/`, sub: '00u-bob' })).sort(),
    ).toEqual(['sid-1', 'sid-2']);
    expect(
      (await index.sessionsOf({ format: 'email', email: ' BOB@example.COM ' })).sort(),
    ).toEqual(['sid-1', 'sid-2']);
  });

  it('keeps users apart, and another issuer’s subject is another user', async () => {
    await index.record('sid-bob', user('00u-bob', 'bob@example.com'));
    await index.record('sid-alice', user('00u-alice', 'alice@example.com'));

    expect(await index.sessionsOf({ format: 'email', email: 'alice@example.com' })).toEqual([
      'sid-alice',
    ]);
    expect(
      await index.sessionsOf({ format: 'iss_sub', iss: 'https://evil.example', sub: '00u-bob' }),
    ).toEqual([]);
  });

  it('forgets a session under every key at sign-out', async () => {
    await index.record('sid-1', user('00u-bob', 'bob@example.com'));
    await index.forget('sid-1', user('00u-bob', 'bob@example.com'));

    expect(await index.sessionsOf({ format: 'email', email: 'bob@example.com' })).toEqual([]);
    expect(store.size).toBe(0);
  });

  it('records a user without an email under issuer and subject only', async () => {
    await index.record('sid-1', user('00u-carol'));

    expect(store.size).toBe(1);
    expect(await index.sessionsOf(index.subjectOf(user('00u-carol')))).toEqual(['sid-1']);
  });

  it('keeps no email address in its keys', () => {
    const key = subjectKey({ format: 'email', email: 'bob@example.com' });
    expect(key).toMatch(/^email:[\w-]{43}$/);
    expect(key).not.toContain('bob');
  });

  it('records with the lifetime of a sign-in', async () => {
    const add = jest.spyOn(store, 'add');
    await index.record('sid-1', user('00u-bob'), new MemoryStore());
    expect(add).toHaveBeenCalledWith([expect.any(String)], 'sid-1', 60_000);
  });

  it("keeps each tenant's entries apart in a shared store, even for the same email", async () => {
    const acme = new SessionIndex(ISSUER, 60_000, store, 'acme');
    const globex = new SessionIndex(ISSUER, 60_000, store, 'globex');
    await acme.record('sid-acme', user('00u-sam', 'sam@example.com'));
    await globex.record('sid-globex', user('00u-sam', 'Sam@Example.com'));

    const email = { format: 'email', email: 'sam@example.com' } as const;
    expect(await acme.sessionsOf(email)).toEqual(['sid-acme']);
    expect(await globex.sessionsOf(email)).toEqual(['sid-globex']);
    expect(await acme.sessionsOf(acme.subjectOf(user('00u-sam')))).toEqual(['sid-acme']);
    // A module without tenants sees neither.
    expect(await index.sessionsOf(email)).toEqual([]);
  });

  it.each([
    ['a string', 'sid-1', []],
    ['null', null, []],
    ['an object', { 0: 'sid-1' }, []],
    ['a list with a number, a list and an empty id', ['sid-1', 5, ['sid-2'], ''], ['sid-1']],
    ['a list with an id of 10,000 characters', ['sid-1', 'x'.repeat(10_000)], ['sid-1']],
  ])(
    'reads an index store answering %s as the session ids in it, and logs it once',
    async (_case, answer, ids) => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const hostile = new SessionIndex(ISSUER, 60_000, answering(answer), _case);
      try {
        const subject = hostile.subjectOf(user('00u-bob'));
        expect(await hostile.sessionsOf(subject)).toEqual(ids);
        expect(await hostile.sessionsOf(subject)).toEqual(ids);
        expect(warn.mock.calls.filter(([line]) => /unreadable/.test(String(line)))).toHaveLength(1);
      } finally {
        warn.mockRestore();
      }
    },
  );

  it('keeps every id of a user who signed in very many times', async () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `sid-${i}`);
    const many = new SessionIndex(ISSUER, 60_000, answering(ids));
    expect(await many.sessionsOf(many.subjectOf(user('00u-bob')))).toEqual(ids);
  });

  it('warns once when sessions live in a shared store but its own index is in this process', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const ownIndex = new SessionIndex(ISSUER, 60_000);
    const shared = Object.create(Store.prototype) as Store;
    try {
      await ownIndex.record('sid-1', user('00u-bob'), new MemoryStore());
      expect(warn).not.toHaveBeenCalled();
      await ownIndex.record('sid-2', user('00u-bob'), shared);
      await ownIndex.record('sid-3', user('00u-bob'), shared);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/give AuthModule a sessionIndex in the same store/);

      await index.record('sid-4', user('00u-bob'), shared);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      ownIndex.close();
      warn.mockRestore();
    }
  });
});
