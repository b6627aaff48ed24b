// @ts-check

/** @typedef {import('../provider-configuration.mjs').ClientRegistration} ClientRegistration */

/*
 * The Sign-In Widget runs on the app's origin and calls this provider from the browser with
 * credentials, so, like an Okta org with the app's origin as a Trusted Origin (CORS), the
 * provider echoes that exact origin and allows credentials. `*` would not do: browsers refuse it
 * for credentialed requests.
 */

/** Headers okta-auth-js and the widget send, which make their requests preflighted. */
const ALLOWED_HEADERS = [
  'Accept',
  'Accept-Language',
  'Authorization',
  'Content-Type',
  'X-Okta-User-Agent-Extended',
  'X-Requested-With',
  'X-Device-Fingerprint',
].join(', ');

const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * The origins of the registered clients' redirect URIs: the apps that host a widget.
 * @param {ClientRegistration[]} clients
 * @returns {Set<string>}
 */
export function trustedOrigins(clients) {
  const uris = clients.flatMap((c) => [...c.redirect_uris, ...(c.post_logout_redirect_uris ?? [])]);
  return new Set(uris.filter((uri) => URL.canParse(uri)).map((uri) => new URL(uri).origin));
}

/**
 * Express middleware answering CORS for trusted origins on every route. Headers set here also
 * make oidc-provider skip its own CORS handling, which would refuse credentials.
 * @param {Set<string>} origins
 * @returns {import('express').RequestHandler}
 */
export function trustedOriginsCors(origins) {
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (!origin || !origins.has(origin)) {
      next();
      return;
    }
    res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res
        .set({
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
        })
        .status(204)
        .end();
      return;
    }
    next();
  };
}
