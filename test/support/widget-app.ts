import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { type AppInstance, startAppInstance } from './app-instance';
import { HeldPort } from './held-port';
import { startAll } from './started';

export const WIDGET_CLIENT = {
  clientId: 'widget-client',
  clientSecret: 'a-widget-test-client-secret-long-enough',
};

export interface WidgetApp {
  provider: RunningIdentityProvider;
  app: AppInstance;
  /** The app's origin, where the widget runs. */
  origin: string;
  redirectUri: string;
  close(): Promise<void>;
}

/**
 * An app in widget mode against a provider configured like an org, with exactly the Trusted
 * Origins given (computed from the app's origin once its port is known), whatever the client's
 * redirect URIs say. If either cannot start, neither is left running.
 */
export async function startWidgetApp(
  trustedOrigins: (appOrigin: string) => string[],
): Promise<WidgetApp> {
  const port = await HeldPort.hold();
  const origin = `http://127.0.0.1:${port.number}`;
  const redirectUri = `${origin}/login/callback`;
  return startAll(async (started) => {
    started.add(port, (held) => held.release());
    const provider = started.add(
      await launchDevIdentityProvider({
        port: 0,
        host: '127.0.0.1',
        trustedOrigins: trustedOrigins(origin),
        clients: [
          {
            client_id: WIDGET_CLIENT.clientId,
            client_secret: WIDGET_CLIENT.clientSecret,
            redirect_uris: [redirectUri],
            post_logout_redirect_uris: [origin],
            grant_types: ['authorization_code', 'interaction_code'],
          },
        ],
      }),
      (running) => running.stop(),
    );
    const app = started.add(
      await startAppInstance(port, { provider, ...WIDGET_CLIENT }, { OKTA_SIGN_IN_MODE: 'widget' }),
      (instance) => instance.close(),
    );
    return { provider, app, origin, redirectUri, close: () => started.stopAll() };
  });
}
