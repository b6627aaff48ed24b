// @ts-check

/*
 * The Sign-In Widget runs on the app's origin and calls this provider from the browser with
 * credentials. An Okta org allows that only for origins an admin listed as Trusted Origins (CORS),
 * so the list is explicit configuration here too, never guessed from the clients' redirect URIs:
 * an app whose origin is missing fails in development exactly as it would against the org.
 *
 * For a listed origin the exact origin is echoed with credentials allowed (`*` would not do:
 * browsers refuse it for credentialed requests). For any other origin no CORS header is sent at
 * all, as Okta does, and the browser blocks the call.
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
 * Checks that every entry is a bare origin (`http://localhost:8080`), as Okta's Trusted Origins
 * form does: a path, a trailing slash or a wildcard would never match a browser's `Origin`.
 * @param {unknown} origins
 * @returns {Set<string>}
 */
export function parseTrustedOrigins(origins) {
  if (!Array.isArray(origins)) throw new Error('trustedOrigins must be an array of origins');
  return new Set(
    origins.map((entry) => {
      const origin = typeof entry === 'string' && URL.canParse(entry) ? new URL(entry).origin : '';
      if (origin !== entry || !/^https?:/.test(origin)) {
        throw new Error(
          `Trusted origin "${String(entry)}" is not an origin; write scheme, host and port only, such as http://localhost:8080`,
        );
      }
      return origin;
    }),
  );
}

/**
 * Express middleware answering CORS for trusted origins on every route. Headers set here also
 * make oidc-provider skip its own CORS handling, which would refuse credentials.
 * @param {Set<string>} trusted
 * @param {string} ownOrigin the provider's origin: its own pages' form posts carry it too
 * @returns {import('express').RequestHandler}
 */
export function trustedOriginsCors(trusted, ownOrigin) {
  const warnOnce = untrustedOriginWarning();
  return (req, res, next) => {
    const origin = req.get('origin');
    const preflight = req.method === 'OPTIONS' && req.get('access-control-request-method');
    res.vary('Origin');
    if (!origin || !trusted.has(origin)) {
      // The widget's calls are all preflighted; that is where the browser gives up.
      if (origin && origin !== ownOrigin && preflight) warnOnce(origin, req.path);
      next();
      return;
    }
    res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
    if (preflight) {
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

/**
 * The browser only says "blocked by CORS policy"; the provider's log names the fix. Once per
 * origin, so a page retrying does not flood the terminal.
 */
function untrustedOriginWarning() {
  /** @type {Set<string>} */
  const warned = new Set();
  return (/** @type {string} */ origin, /** @type {string} */ path) => {
    if (warned.has(origin)) return;
    warned.add(origin);
    console.warn(
      `Development identity provider: refused a CORS preflight from ${origin} (${path}): it is not a Trusted Origin. ` +
        'Add it (okta-dev-idp --trusted-origin, DEV_IDP_TRUSTED_ORIGINS, or the trustedOrigins ' +
        'option of launchDevIdentityProvider), or open the app at an origin that is listed.',
    );
  };
}
