import type { AuthModuleOptions } from '../options/auth-module-options';
import { resolveAuthSettings } from '../options/resolve-auth-settings';
import { widgetOptions } from './widget-options';

const OPTIONS: AuthModuleOptions = {
  issuer: 'https://dev-123456.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4EXAMPLE',
  clientSecret: 'a-client-secret',
  redirectUri: 'https://app.example.com/login/callback',
  postLogoutRedirectUri: 'https://app.example.com',
  signInMode: 'widget',
};
const TRANSACTION = {
  state: 'the-state',
  codeChallenge: 'the-challenge',
  nonce: 'the-nonce',
  interactionHandle: 'the-handle',
};

describe('widgetOptions', () => {
  it("lets the widget follow the browser's language, from the app's own files", () => {
    const options = widgetOptions(
      resolveAuthSettings(OPTIONS),
      TRANSACTION,
      'n0nce',
      '/t/acme/assets/okta-signin-widget',
    );
    expect(options).not.toHaveProperty('language');
    expect(options.assets).toEqual({ baseUrl: '/t/acme/assets/okta-signin-widget' });
  });

  it('passes a configured language on', () => {
    const settings = resolveAuthSettings({ ...OPTIONS, widget: { language: 'pt-BR' } });
    expect(
      widgetOptions(settings, TRANSACTION, 'n0nce', '/t/acme/assets/okta-signin-widget'),
    ).toMatchObject({ language: 'pt-BR' });
  });

  it('sends "Back to sign in" to the given address, and leaves the widget its own without one', () => {
    const settings = resolveAuthSettings(OPTIONS);
    const back = '/login?returnTo=%2Fshop';
    expect(
      widgetOptions(settings, { ...TRANSACTION, backToSignIn: back }, 'n0nce', '/assets'),
    ).toMatchObject({ backToSignInLink: back });
    expect(widgetOptions(settings, TRANSACTION, 'n0nce', '/assets')).not.toHaveProperty(
      'backToSignInLink',
    );
  });
});
