// @ts-check

export const USAGE = `Usage: okta-dev-idp [options]
       okta-dev-idp universal-logout <email or user id> [--format email|iss_sub] [--port 8081]

Runs an offline, Okta-shaped OpenID Connect provider for development. When it is ready it prints
OKTA_ISSUER, OKTA_CLIENT_ID and OKTA_CLIENT_SECRET for your .env, then how to sign in.

Options (each falls back to the environment variable named, then to the default):
  --port N                          port to listen on; 0 picks a free one  [DEV_IDP_PORT, 8081]
  --host ADDRESS                    loopback only, unless --allow-remote  [DEV_IDP_HOST, 127.0.0.1]
  --issuer URL                      {origin}/oauth2/{id}  [DEV_IDP_ISSUER, http://{host}:{port}/oauth2/default]
  --client-id ID                    the app's client id  [okta-dev-idp-client]
  --client-secret SECRET            the app's client secret  [dev-client-secret-not-for-production]
  --redirect-uri URL                repeatable  [http://localhost:8080/authorization-code/callback
                                    and http://localhost:8080/login/callback]
  --post-logout-redirect-uri URL    repeatable  [the first redirect URI's origin]
  --trusted-origin ORIGIN           repeatable; may call it from a browser (the Sign-In Widget)
                                    [DEV_IDP_TRUSTED_ORIGINS, comma-separated; the first redirect URI's origin]
  --universal-logout-endpoint URL   the app's Global Token Revocation endpoint
                                    [DEV_IDP_UNIVERSAL_LOGOUT_ENDPOINT; {first redirect URI's origin}/global-token-revocation]
  --users FILE                      a JSON users file like the package's users/users.json  [the demo users]
  --org NAME                        a named org (users/users.NAME.json; its own cookies)  [DEV_IDP_ORG]
  --allow-remote                    lets --host be other than loopback  [DEV_IDP_ALLOW_REMOTE=true]
  -h, --help                        shows this

Without any client option, DEV_IDP_CLIENTS (a JSON array of client registrations) replaces the
default client. The provider refuses to start when NODE_ENV=production.

Example: npx okta-dev-idp --port 8081 --redirect-uri http://localhost:3000/authorization-code/callback`;
