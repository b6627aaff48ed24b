import { IdentityProviderResponseError, IdentityProviderUnavailableError } from './oidc.errors';

export interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One request to the identity provider, bounded in time, whose body must be a JSON object.
 * A provider that hangs or sends HTML must not hang or crash the app, so both become typed errors.
 */
export async function fetchJson(
  url: string,
  timeoutMs: number,
  init: RequestInit = {},
): Promise<JsonResponse> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json', ...init.headers },
    });
    text = await response.text();
  } catch (error) {
    throw new IdentityProviderUnavailableError(`${describe(url)} could not be reached`, {
      cause: error,
    });
  }
  if (response.status >= 500) {
    throw new IdentityProviderUnavailableError(`${describe(url)} answered HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new IdentityProviderResponseError(
      `${describe(url)} answered HTTP ${response.status} with a body that is not JSON`,
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new IdentityProviderResponseError(
      `${describe(url)} answered with JSON that is not an object`,
    );
  }
  return { status: response.status, body: body as Record<string, unknown> };
}

function describe(url: string): string {
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
}
