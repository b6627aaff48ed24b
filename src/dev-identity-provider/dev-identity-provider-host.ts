import { isIPv4, isIPv6 } from 'node:net';

export const LOOPBACK_HOST = '127.0.0.1';

export interface DevIdentityProviderHost {
  /** Where the development identity provider listens. */
  host: string;
  /** Passed on to the provider, which refuses a non-loopback host without it. */
  allowRemote: boolean;
  /** Said at start-up when the provider does not simply listen where the app does. */
  warning?: string;
}

/**
 * The app may listen on every interface (HOST=0.0.0.0 in a container); the development identity
 * provider, whose sign-in page lists the demo passwords, follows it only when DEV_IDP_ALLOW_REMOTE
 * says so, and otherwise stays on loopback.
 */
export function devIdentityProviderHost(
  appHost: string,
  allowRemote: boolean,
): DevIdentityProviderHost {
  if (isLoopback(appHost)) return { host: appHost, allowRemote: false };
  if (allowRemote) {
    return {
      host: appHost,
      allowRemote: true,
      warning: `DEV_IDP_ALLOW_REMOTE=true: the development identity provider listens on ${appHost} like the app, so anyone who can reach it can sign in with the demo passwords it shows. Use this only where nobody else can connect; otherwise set OKTA_ISSUER to your Okta org.`,
    };
  }
  return {
    host: LOOPBACK_HOST,
    allowRemote: false,
    warning: `HOST=${appHost} applies to the app only: the development identity provider listens on ${LOOPBACK_HOST}, so only a browser on this machine can sign in. To sign in from elsewhere, set OKTA_ISSUER to your Okta org, or expose the development provider on purpose. Example: DEV_IDP_ALLOW_REMOTE=true`,
  };
}

/**
 * Mirrors okta-dev-idp's provider/loopback.mjs, which this CommonJS code cannot import:
 * `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped loopback. Other names are not loopback, since
 * what they resolve to is not known here.
 */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  const ipv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1] ?? bare;
  if (isIPv4(ipv4)) return ipv4.startsWith('127.');
  return isIPv6(bare) && new URL(`http://[${bare}]`).hostname === '[::1]';
}
