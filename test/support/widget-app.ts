import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { type AppInstance, freePorts, startAppInstance } from './app-instance';

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
 * redirect URIs say.
 */
export async function startWidgetApp(
  trustedOrigins: (appOrigin: string) => string[],
): Promise<WidgetApp> {
  const [port] = await freePorts(1);
  const origin = `http://127.0.0.1:${port}`;
  const redirectUri = `${origin}/login/callback`;
  const provider = await launchDevIdentityProvider({
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
  });
  try {
    const app = await startAppInstance(
      port,
      { provider, ...WIDGET_CLIENT },
      { OKTA_SIGN_IN_MODE: 'widget' },
    );
    return {
      provider,
      app,
      origin,
      redirectUri,
      async close() {
        await app.close();
        await provider.stop();
      },
    };
  } catch (error) {
    await provider.stop();
    throw error;
  }
}
