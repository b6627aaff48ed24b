/**
 * Asks the development identity provider to send the app a Universal Logout, as the Okta admin's
 * "Clear user sessions" would (`POST {origin}/dev/universal-logout`); returns the app's status.
 */
export async function universalLogoutFromProvider(
  issuer: string,
  email: string,
  format: 'email' | 'iss_sub' = 'email',
): Promise<number> {
  const response = await fetch(`${new URL(issuer).origin}/dev/universal-logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, format }),
  });
  const body = (await response.json()) as { status?: number; error_description?: string };
  if (response.status !== 200 || body.status === undefined) {
    throw new Error(`The provider did not send it (${response.status}): ${body.error_description}`);
  }
  return body.status;
}
