import { ThrottlerStorageService } from '@nestjs/throttler';
import type { AuthModuleOptions } from './auth-module-options';
import { findAuthOptionProblems } from './auth-option-problems';

function problemsWith(options: Partial<AuthModuleOptions>) {
  return findAuthOptionProblems(options, { partial: true });
}

describe('widget.contentSecurityPolicy', () => {
  it('accepts host sources per directive, and empty lists', () => {
    expect(
      problemsWith({
        widget: {
          contentSecurityPolicy: {
            scriptSrc: ['https://*.hcaptcha.com'],
            frameSrc: [],
            connectSrc: ['http://localhost:*', 'https://api.example.com'],
            workerSrc: ['blob:'],
          },
        },
      }),
    ).toEqual([]);
  });

  it('names the directive and the source that is refused', () => {
    expect(
      problemsWith({
        widget: {
          contentSecurityPolicy: {
            scriptSrc: ["'unsafe-eval'", 'https://ok.example.com'],
            imgSrc: ['http://images.example.com'],
          },
        },
      }),
    ).toEqual([
      expect.objectContaining({
        option: 'widget.contentSecurityPolicy.scriptSrc',
        message: expect.stringMatching(/'unsafe-eval' would let injected code run/) as unknown,
      }),
      expect.objectContaining({
        option: 'widget.contentSecurityPolicy.imgSrc',
        message: expect.stringMatching(/must use https/) as unknown,
      }),
    ]);
  });

  it('refuses unknown directives, lists that are not lists, and a policy that is not an object', () => {
    const wrong = (contentSecurityPolicy: unknown) =>
      problemsWith({
        widget: { contentSecurityPolicy } as AuthModuleOptions['widget'],
      }).map(({ option, message }) => `${option}: ${message}`);
    expect(wrong({ defaultSrc: ['https://example.com'] })).toEqual([
      expect.stringMatching(/^widget\.contentSecurityPolicy: has no directive "defaultSrc"/),
    ]);
    expect(wrong({ scriptSrc: 'https://example.com' })).toEqual([
      'widget.contentSecurityPolicy.scriptSrc: must be a list of sources',
    ]);
    expect(wrong(['https://example.com'])).toEqual([
      'widget.contentSecurityPolicy: must be an object of source lists, by directive',
    ]);
  });
});

describe('widget.language', () => {
  it('accepts the language tags the widget ships, and refuses anything else', () => {
    expect(problemsWith({ widget: { language: 'zh-CN' } })).toEqual([]);
    for (const language of ['German', 'de_DE', '', 'de;']) {
      expect(problemsWith({ widget: { language } }).map((p) => p.option)).toEqual([
        'widget.language',
      ]);
    }
  });
});

describe('refreshLock', () => {
  it('must have a tryAcquire method', () => {
    expect(problemsWith({ refreshLock: { tryAcquire: () => Promise.resolve(undefined) } })).toEqual(
      [],
    );
    expect(
      problemsWith({ refreshLock: {} as AuthModuleOptions['refreshLock'] }).map((p) => p.option),
    ).toEqual(['refreshLock']);
  });
});

describe('rateLimitStorage', () => {
  it('must be a ThrottlerStorage: an object with an increment method', () => {
    expect(problemsWith({ rateLimitStorage: new ThrottlerStorageService() })).toEqual([]);
    expect(
      problemsWith({ rateLimitStorage: {} as AuthModuleOptions['rateLimitStorage'] }).map(
        (p) => `${p.option}: ${p.message}`,
      ),
    ).toEqual([
      'rateLimitStorage: must be a ThrottlerStorage: an object with an increment(key, ttl, limit, blockDuration, throttlerName) method',
    ]);
  });
});

describe('findAuthOptionProblems', () => {
  it('names each required option absent or empty, with its example, unless partial', () => {
    const problems = findAuthOptionProblems({ issuer: '', clientId: 42 as never });
    expect(problems.map(({ option, message }) => `${option}: ${message}`)).toEqual([
      'issuer: is required',
      'clientId: must be a string',
      'clientSecret: is required',
      'redirectUri: is required',
      'postLogoutRedirectUri: is required',
    ]);
    expect(problems[0].example).toBe('https://dev-123456.okta.com/oauth2/default');
    expect(problemsWith({ issuer: '' })).toEqual([]);
  });

  it('reports every problem at once, several for one option, in the order of the table', () => {
    expect(
      problemsWith({
        issuer: 'http://dev-123456-admin.okta.com/',
        scopes: ['profile'],
        routes: { logout: 'logout' },
      }).map(({ option, example }) => `${option} (${example})`),
    ).toEqual([
      'issuer (https://dev-123456.okta.com/oauth2/default)',
      'issuer (https://dev-123456.okta.com/oauth2/default)',
      'issuer (https://dev-123456.okta.com/oauth2/default)',
      'scopes (openid profile email)',
      'routes.logout (/logout)',
    ]);
  });

  it('checks no option of a group that is absent or off, and each option of one that is given', () => {
    expect(problemsWith({ universalLogout: false, routes: undefined })).toEqual([]);
    expect(problemsWith({ universalLogout: { path: 'gtr' } }).map((p) => p.option)).toEqual([
      'universalLogout.path',
    ]);
  });
});
