import { HttpStatus } from '@nestjs/common';
import { SignInException } from '../errors/auth.exceptions';

/** The `prompt` values OpenID Connect defines; Okta's `/v1/authorize` takes each of them. */
export const SIGN_IN_PROMPTS = ['none', 'login', 'consent', 'select_account'] as const;
export type SignInPrompt = (typeof SIGN_IN_PROMPTS)[number];

/**
 * What an app may ask of one sign-in, through `SignInService.signIn()`.
 * - `returnTo`: a path of this app to land on afterwards (anything else becomes `/`);
 * - `loginHint`: who is expected (an email link that knows): Okta pre-fills the username, and
 *   the widget's `username`;
 * - `prompt`: the redirect model's `prompt` (the widget's `/interact` takes none);
 * - `acrValues`: the assurance levels to ask for, in order of preference (`urn:okta:loa:2fa:any`);
 * - `maxAge`: seconds since the user last authenticated at Okta; `0` asks for a new sign-in.
 */
export interface SignInOptions {
  returnTo?: string;
  loginHint?: string;
  prompt?: SignInPrompt;
  acrValues?: string[];
  maxAge?: number;
}

/**
 * What the authorization request (or the widget's `/interact`) carries beyond the client's own
 * parameters. It travels in the server-side sign-in transaction, never in a URL of the app.
 */
export interface SignInRequest {
  loginHint?: string;
  prompt?: SignInPrompt;
  acrValues?: string[];
  maxAge?: number;
  /** The user a step-up re-authenticates: a sign-in that comes back as anyone else is refused. */
  stepUpOf?: string;
}

const MAX_HINT_LENGTH = 256;
const MAX_ACR_VALUES = 5;
/** An `acr` value is a URI or a short name: printable, no spaces, quotes or backslashes. */
const ACR_VALUE = /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/;

/** Why `value` is not a list of `acr` values, or `undefined`. Also checks `@RequireAuthentication`. */
export function acrValuesProblem(value: unknown): string | undefined {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > MAX_ACR_VALUES ||
    !value.every((acr) => typeof acr === 'string' && ACR_VALUE.test(acr))
  ) {
    return `acr values must be 1 to ${MAX_ACR_VALUES} values such as "urn:okta:loa:2fa:any", without spaces or quotes`;
  }
  return undefined;
}

/** Why `value` is not a `max_age`, or `undefined`. */
export function maxAgeProblem(value: unknown): string | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? undefined
    : 'maxAge must be a whole number of seconds, 0 or more';
}

/**
 * The request an app's options describe. They come from the app's code, so a wrong one is the
 * app's mistake: it throws a `TypeError` naming it, before anything is stored or sent.
 */
export function signInRequestOf(options: SignInOptions, stepUpOf?: string): SignInRequest {
  const { loginHint, prompt, acrValues, maxAge } = options;
  const problems = [
    loginHint !== undefined && !isLoginHint(loginHint) && 'loginHint must be a short line of text',
    prompt !== undefined &&
      !SIGN_IN_PROMPTS.includes(prompt) &&
      `prompt must be one of ${SIGN_IN_PROMPTS.join(', ')}`,
    acrValues !== undefined && acrValuesProblem(acrValues),
    maxAge !== undefined && maxAgeProblem(maxAge),
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new TypeError(`signIn(): ${problems.join('; ')}`);
  return compact({ loginHint, prompt, acrValues, maxAge, stepUpOf });
}

/**
 * The login route's request: `login_hint` is the only parameter of its query that reaches the
 * provider. The query is the client's to write, so a hint that is not one is a 400.
 */
export function loginRouteRequest(query: Record<string, unknown>): SignInRequest {
  const hint = query.login_hint;
  if (hint === undefined) return {};
  if (!isLoginHint(hint)) {
    throw new SignInException(
      HttpStatus.BAD_REQUEST,
      'Invalid sign-in link',
      'The sign-in link names the user in a way that cannot be used. Sign in without it.',
    );
  }
  return { loginHint: hint };
}

/** Whether a value read back from the session store is a request this module wrote. */
export function isSignInRequest(value: unknown): value is SignInRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { loginHint, prompt, acrValues, maxAge, stepUpOf } = value as Record<string, unknown>;
  return (
    (loginHint === undefined || isLoginHint(loginHint)) &&
    (prompt === undefined || SIGN_IN_PROMPTS.includes(prompt as SignInPrompt)) &&
    (acrValues === undefined || acrValuesProblem(acrValues) === undefined) &&
    (maxAge === undefined || maxAgeProblem(maxAge) === undefined) &&
    (stepUpOf === undefined || (typeof stepUpOf === 'string' && stepUpOf !== ''))
  );
}

/** A `login_hint` fit to send: a short line of text. */
export function isLoginHint(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.trim() !== '' &&
    value.length <= MAX_HINT_LENGTH &&
    ![...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)
  );
}

function compact(request: SignInRequest): SignInRequest {
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
}
