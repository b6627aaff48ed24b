import type { SessionSettings } from './app-config';

/**
 * What is relaxed for development when the app looks deployed (a real Okta org, or an https
 * public address) but `NODE_ENV` is not `production`: one line naming each, so nobody finds
 * out from lost sessions. `undefined` when nothing looks deployed, or in production, where
 * these are refused instead.
 */
export function relaxedPostureWarning(context: {
  production: boolean;
  realOrg: boolean;
  httpsBaseUrl: boolean;
  secretGiven: boolean;
  session: SessionSettings;
}): string | undefined {
  const { production, realOrg, httpsBaseUrl, secretGiven, session } = context;
  if (production || !(realOrg || httpsBaseUrl)) return undefined;
  const relaxed = [
    ...(session.store.kind === 'memory'
      ? ['sessions in memory (lost on restart, not shared between instances; REDIS_URL)']
      : []),
    ...(secretGiven ? [] : ['a random session secret per start (SESSION_SECRET)']),
    'the checks that refuse development values (weak secrets, plain http, a missing OKTA_ISSUER)',
  ];
  const why = realOrg ? 'OKTA_ISSUER names an Okta org' : 'APP_BASE_URL is https';
  return `NODE_ENV is not "production" although ${why}: relaxed for development are ${relaxed.join('; ')}. Set NODE_ENV=production on a deployed app.`;
}
