import type { AuthModuleOptions } from './auth-module-options';
import { resolveAuthSettings } from './resolve-auth-settings';

const REQUIRED: AuthModuleOptions = {
  issuer: 'https://dev-123456.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4EXAMPLE',
  clientSecret: 'a-client-secret',
  redirectUri: 'https://app.example.com/authorization-code/callback',
  postLogoutRedirectUri: 'https://app.example.com',
};
const WIDGET: AuthModuleOptions = {
  ...REQUIRED,
  signInMode: 'widget',
  redirectUri: 'https://app.example.com/login/callback',
};

describe('resolveAuthSettings', () => {
  it("gives the widget's sign-ins 30 minutes and the hosted page's 10, unless told", () => {
    expect(resolveAuthSettings(REQUIRED).signInTransactionTtlMs).toBe(10 * 60 * 1000);
    expect(resolveAuthSettings(WIDGET).signInTransactionTtlMs).toBe(30 * 60 * 1000);
    expect(
      resolveAuthSettings({ ...WIDGET, signInTransactionTtlSeconds: 3600 }).signInTransactionTtlMs,
    ).toBe(3600 * 1000);
  });

  it("leaves the widget's language to the browser unless one is configured", () => {
    expect(resolveAuthSettings(WIDGET).widget.language).toBeUndefined();
    expect(resolveAuthSettings({ ...WIDGET, widget: { language: 'de' } }).widget.language).toBe(
      'de',
    );
  });

  it("fills in the widget page's default CSP sources, and a list given replaces its default", () => {
    const { contentSecurityPolicy } = resolveAuthSettings({
      ...WIDGET,
      widget: {
        contentSecurityPolicy: {
          frameSrc: [],
          imgSrc: ['https://logos.example.com', 'https://logos.example.com'],
        },
      },
    }).widget;
    expect(contentSecurityPolicy.frameSrc).toEqual([]);
    expect(contentSecurityPolicy.imgSrc).toEqual(['https://logos.example.com']);
    expect(contentSecurityPolicy.workerSrc).toEqual(['blob:']);
    expect(contentSecurityPolicy.connectSrc).toContain('http://localhost:*');
  });
});
