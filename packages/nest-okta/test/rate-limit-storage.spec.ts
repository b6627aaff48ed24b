import type { ThrottlerStorage } from '@nestjs/throttler';
import { bootApp, OPTIONS } from './boot-app';

describe('the rateLimitStorage option', () => {
  it('counts the sign-in routes and the Universal Logout endpoint in the storage given', async () => {
    const counted: string[] = [];
    // A shared storage whose budget other instances have already used up.
    const spent: ThrottlerStorage = {
      increment: (key, ttl, limit, blockDuration, throttlerName) => {
        counted.push(`${throttlerName} ${key} ${ttl} ${limit} ${blockDuration}`);
        return Promise.resolve({
          totalHits: limit + 1,
          timeToExpire: 30,
          isBlocked: true,
          timeToBlockExpire: 30,
        });
      },
    };
    await bootApp(
      { ...OPTIONS, universalLogout: {}, rateLimitStorage: spent },
      {
        visit: async (baseUrl) => {
          const login = await fetch(`${baseUrl}/login`, { redirect: 'manual' });
          expect([login.status, login.headers.get('retry-after')]).toEqual([429, '30']);
          await login.body?.cancel();
          const revoke = await fetch(`${baseUrl}/global-token-revocation`, { method: 'POST' });
          expect([revoke.status, revoke.headers.get('retry-after')]).toEqual([429, '30']);
          await revoke.body?.cancel();
        },
      },
    );
    expect(counted).toEqual([
      'sign-in sign-in:127.0.0.1 60000 60 0',
      'universal-logout universal-logout:127.0.0.1 60000 600 0',
    ]);
  });
});
