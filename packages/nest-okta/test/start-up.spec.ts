import { readFileSync } from 'node:fs';
import { AuthOptionsError, type AuthModuleOptions } from '../src';
import * as widgetAssets from '../src/widget/widget-assets';
import { WIDGET_BOOTSTRAP_FILE } from '../src/widget/widget-assets';
import { bootApp, OPTIONS } from './boot-app';

/** Starts and stops an app as an adopting app's main.ts would. */
const boot = (
  options: AuthModuleOptions,
  withSession = true,
  visit?: (baseUrl: string) => Promise<void>,
) => bootApp(options, { withSession, visit });

describe('AuthModule at start-up', () => {
  const resolveWidget = jest.spyOn(widgetAssets, 'widgetDistFolder');
  afterEach(() => resolveWidget.mockClear());

  it('names a wrong option, Okta-aware, before anything starts', async () => {
    const failure = await boot({
      ...OPTIONS,
      issuer: 'https://dev-1-admin.okta.com/oauth2/default',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthOptionsError);
    expect((failure as Error).message).toMatch(
      /issuer: "dev-1-admin.okta.com" is the Admin Console address/,
    );
  });

  it('refuses to start without express-session, and says how to add it', async () => {
    await expect(boot(OPTIONS, false)).rejects.toThrow(
      /AuthModule needs express-session mounted before the app starts: app\.use\(session\(/,
    );
    await expect(boot(OPTIONS)).resolves.toBeUndefined();
  });

  it('never resolves the Sign-In Widget package in redirect mode', async () => {
    await boot(OPTIONS);
    expect(resolveWidget).not.toHaveBeenCalled();
  });

  it('resolves it once widget mode starts, and serves the page script from inside the package', async () => {
    let script: Response | undefined;
    await boot(
      { ...OPTIONS, signInMode: 'widget', redirectUri: 'http://localhost:3000/login/callback' },
      true,
      async (baseUrl) => {
        script = await fetch(`${baseUrl}/assets/okta-signin-widget/widget-bootstrap.js`);
      },
    );
    expect(resolveWidget).toHaveBeenCalled();
    expect(script?.status).toBe(200);
    expect(script?.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script?.text()).toBe(readFileSync(WIDGET_BOOTSTRAP_FILE, 'utf8'));
  });
});
