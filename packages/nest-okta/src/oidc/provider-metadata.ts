import { IdentityProviderResponseError } from './oidc.errors';

/** The parts of an OpenID Provider's discovery document this app relies on. */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
  /** RFC 7009: where sign-out revokes the session's tokens. */
  revocation_endpoint?: string;
  /** RFC 9126: where a sign-in's parameters are pushed before the browser goes to authorize. */
  pushed_authorization_request_endpoint?: string;
  /** RFC 9207: the provider puts `iss` in every authorization response. */
  authorization_response_iss_parameter_supported: boolean;
}

const REQUIRED_ENDPOINTS = [
  'authorization_endpoint',
  'token_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
] as const;

/**
 * Checks a discovery document against the configured issuer (OpenID Connect Discovery 1.0,
 * section 4.3): a mismatch means the configuration points at the wrong server.
 */
export function parseProviderMetadata(
  expectedIssuer: string,
  document: Record<string, unknown>,
): ProviderMetadata {
  if (document.issuer !== expectedIssuer) {
    throw new IdentityProviderResponseError(
      `discovery document names issuer ${JSON.stringify(document.issuer)}, expected "${expectedIssuer}"`,
    );
  }
  for (const field of REQUIRED_ENDPOINTS) {
    const value = document[field];
    if (typeof value !== 'string' || !URL.canParse(value)) {
      throw new IdentityProviderResponseError(`discovery document lacks a valid ${field}`);
    }
  }
  return {
    issuer: expectedIssuer,
    authorization_endpoint: document.authorization_endpoint as string,
    token_endpoint: document.token_endpoint as string,
    userinfo_endpoint: document.userinfo_endpoint as string,
    jwks_uri: document.jwks_uri as string,
    end_session_endpoint: optionalUrl(document.end_session_endpoint),
    revocation_endpoint: optionalUrl(document.revocation_endpoint),
    pushed_authorization_request_endpoint: optionalUrl(
      document.pushed_authorization_request_endpoint,
    ),
    authorization_response_iss_parameter_supported:
      document.authorization_response_iss_parameter_supported === true,
  };
}

/** An optional endpoint: one that is not a valid URL counts as absent. */
function optionalUrl(value: unknown): string | undefined {
  return typeof value === 'string' && URL.canParse(value) ? value : undefined;
}
