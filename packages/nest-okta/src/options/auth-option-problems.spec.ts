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
