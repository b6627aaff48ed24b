/** The identity provider could not be reached in time, or answered with a server error. */
export class IdentityProviderUnavailableError extends Error {
  override name = 'IdentityProviderUnavailableError';
}

/** The identity provider answered, but not with what the protocol requires. */
export class IdentityProviderResponseError extends Error {
  override name = 'IdentityProviderResponseError';
}

/** The token endpoint refused a grant (RFC 6749 section 5.2). */
export class TokenEndpointError extends Error {
  override name = 'TokenEndpointError';

  constructor(
    readonly error: string,
    readonly description: string | undefined,
  ) {
    super(description ? `${error}: ${description}` : error);
  }
}

/** An ID token failed validation; `reason` is for logs, never for the user. */
export class IdTokenValidationError extends Error {
  override name = 'IdTokenValidationError';
}
