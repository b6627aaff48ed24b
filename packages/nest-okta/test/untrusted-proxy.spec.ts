import type { LoggerService } from '@nestjs/common';
import { bootApp, OPTIONS } from './boot-app';

/** The warnings Nest logs while `visit` runs against an app with this `trust proxy`. */
async function proxyWarnings(
  trustProxy: number | false,
  visit: (baseUrl: string) => Promise<void>,
): Promise<string[]> {
  const warnings: string[] = [];
  const logger: LoggerService = {
    log: () => {},
    error: () => {},
    warn: (message: unknown) => warnings.push(String(message)),
  };
  // Nothing listens at the issuer: the login route fails after it has counted the request.
  const options = {
    ...OPTIONS,
    issuer: 'http://127.0.0.1:9/oauth2/default',
    providerTimeoutMs: 500,
  };
  await bootApp(options, { trustProxy, logger, visit });
  return warnings.filter((warning) => warning.includes('X-Forwarded-For'));
}

const throughProxy = { headers: { 'x-forwarded-for': '203.0.113.7', accept: 'application/json' } };

describe('the rate limits behind a proxy', () => {
  it('warns once when requests come through a proxy Express does not trust', async () => {
    const warnings = await proxyWarnings(false, async (baseUrl) => {
      await fetch(`${baseUrl}/login`, throughProxy);
      await fetch(`${baseUrl}/login`, throughProxy);
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/all share one rate-limit budget/);
  });

  it('says nothing once the app trusts its proxy, or without one', async () => {
    expect(
      await proxyWarnings(1, async (baseUrl) => {
        await fetch(`${baseUrl}/login`, throughProxy);
      }),
    ).toEqual([]);
    expect(
      await proxyWarnings(false, async (baseUrl) => {
        await fetch(`${baseUrl}/login`, { headers: { accept: 'application/json' } });
      }),
    ).toEqual([]);
  });
});
