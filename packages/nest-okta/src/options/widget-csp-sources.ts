import { isLoopbackHost } from './loopback-host';

/** The directives an app may widen on the widget's page, by option name. */
export const WIDGET_CSP_DIRECTIVES = {
  scriptSrc: 'script-src',
  styleSrc: 'style-src',
  frameSrc: 'frame-src',
  connectSrc: 'connect-src',
  imgSrc: 'img-src',
  workerSrc: 'worker-src',
} as const;

export type WidgetCspDirective = keyof typeof WIDGET_CSP_DIRECTIVES;

/** Sources added to the page's own ('self', the nonce, the Okta org), per directive. */
export type WidgetCspSources = Record<WidgetCspDirective, string[]>;

// hCaptcha's documented policy: its script and frames, and its API, on hcaptcha.com.
const HCAPTCHA = ['https://hcaptcha.com', 'https://*.hcaptcha.com'];
// Google's reCAPTCHA FAQ: api.js loads from google.com and gstatic.com, and frames google.com.
const RECAPTCHA_SCRIPTS = [
  'https://www.google.com/recaptcha/',
  'https://www.gstatic.com/recaptcha/',
];
const RECAPTCHA_FRAMES = [
  'https://www.google.com/recaptcha/',
  'https://recaptcha.google.com/recaptcha/',
];

/**
 * What a real Identity Engine org may serve inside the widget, beyond the password views: the
 * CAPTCHA a sign-on policy turns on (the widget injects hCaptcha's or reCAPTCHA's script without
 * a nonce), Duo's iframe, Okta Verify's probe of its loopback server (`http://localhost` on a
 * port the org names), the ALTCHA proof-of-work running in a `blob:` worker, and logos on Okta's
 * CDN.
 */
export const DEFAULT_WIDGET_CSP_SOURCES: Readonly<WidgetCspSources> = {
  scriptSrc: [...HCAPTCHA, ...RECAPTCHA_SCRIPTS],
  styleSrc: [...HCAPTCHA],
  frameSrc: [...HCAPTCHA, ...RECAPTCHA_FRAMES, 'https://*.duosecurity.com'],
  connectSrc: [...HCAPTCHA, 'http://localhost:*'],
  imgSrc: ['https://*.oktacdn.com'],
  workerSrc: ['blob:'],
};

/** Scheme sources that name a kind of local content, not every address on a network. */
const LOCAL_SCHEMES = new Set(['blob:', 'data:']);

/** CSP's host-source with a scheme: `https://*.example.com:443/path/`. */
const HOST_SOURCE =
  /^(https|http|wss|ws):\/\/(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(?:\d{1,5}|\*))?(?:\/[^\s;,'"]*)?$/i;

/**
 * Why `source` cannot widen the widget page's policy, or `undefined` if it can. Only sources
 * naming where content comes from are accepted: keywords such as 'unsafe-inline' would let
 * injected code run, and a bare scheme or `*` would allow every host.
 */
export function cspSourceProblem(source: unknown): string | undefined {
  if (typeof source !== 'string' || source === '') return 'each entry must be a non-empty string';
  if (/^'unsafe-/i.test(source)) {
    return `${source} would let injected code run; the page keeps its nonce instead`;
  }
  if (source.startsWith("'")) {
    return `keywords such as ${source} are not accepted here; name a host, blob: or data:`;
  }
  if (LOCAL_SCHEMES.has(source.toLowerCase())) return undefined;
  const host = HOST_SOURCE.exec(source);
  if (!host) {
    return /^[a-z][\w+.-]*:$|^\*$/i.test(source)
      ? `"${source}" would allow every host; name one, such as https://*.example.com`
      : `"${source}" is not a CSP source such as https://*.example.com`;
  }
  const [, scheme, hostname] = host;
  if (hostname === '*') return `"${source}" would allow every host; name one`;
  if (/^(http|ws)$/i.test(scheme) && !isLoopbackHost(hostname.toLowerCase())) {
    return `"${source}" must use https:// or wss:// (plain http is allowed only for localhost)`;
  }
  return undefined;
}
