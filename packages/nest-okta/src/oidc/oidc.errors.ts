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
    // The message reaches the logs: the provider's words, one line and bounded in length.
    super(
      description ? `${loggable(error, 64)}: ${loggable(description, 200)}` : loggable(error, 64),
    );
  }
}

function loggable(text: string, maxLength: number): string {
  const line = [...text].map((char) => (char < ' ' || char === '\u007f' ? ' ' : char)).join('');
  return line.length > maxLength ? `${line.slice(0, maxLength)}…` : line;
}

/** An ID token failed validation; `reason` is for logs, never for the user. */
export class IdTokenValidationError extends Error {
  override name = 'IdTokenValidationError';
}
