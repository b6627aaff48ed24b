import { CookieJar } from 'tough-cookie';

export interface Page {
  status: number;
  url: string;
  location?: string;
  headers: Headers;
  body: string;
}

/**
 * What a browser does with HTTP, and no more: a real cookie jar shared by every host, and
 * redirects either followed or stopped at, so a test can look at each hop of a sign-in.
 */
export class Browser {
  readonly jar = new CookieJar();

  /** `transport`: how requests leave, `fetch` unless a test needs `*.localhost` hosts. */
  constructor(
    private readonly accept = 'text/html',
    private readonly transport: (url: string, init: RequestInit) => Promise<Response> = fetch,
  ) {}

  /** One request; a redirect is returned, not followed. */
  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; accept?: string } = {},
  ): Promise<Page> {
    const headers: Record<string, string> = { accept: init.accept ?? this.accept };
    const cookie = await this.jar.getCookieString(url);
    if (cookie) headers.cookie = cookie;
    let body: URLSearchParams | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form);
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await this.transport(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const setCookie of response.headers.getSetCookie()) {
      await this.jar.setCookie(setCookie, url, { ignoreError: true });
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      url,
      location: location ? new URL(location, url).toString() : undefined,
      headers: response.headers,
      body: await response.text(),
    };
  }

  /** Follows redirects (GET after each, as browsers do after a 302/303) to the first page that is not one. */
  async follow(
    url: string,
    init: { method?: string; form?: Record<string, string>; accept?: string } = {},
    maxHops = 10,
  ): Promise<Page> {
    let page = await this.request(url, init);
    for (let hop = 0; page.location && hop < maxHops; hop++) {
      page = await this.request(page.location, { accept: init.accept });
    }
    return page;
  }

  async get(url: string, accept?: string): Promise<Page> {
    return this.request(url, { accept });
  }

  async cookieValue(url: string, name: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(url);
    return cookies.find((c) => c.key === name)?.value;
  }
}

/**
 * The first form on a page: where it posts and the fields a browser would submit, including
 * inputs elsewhere on the page that name the form with a `form="…"` attribute.
 */
export function readForm(
  html: string,
  baseUrl: string,
): { action: string; fields: Record<string, string> } {
  const form = /<form([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`No form in page:\n${html.slice(0, 500)}`);
  const action = /action="([^"]*)"/.exec(form[1])?.[1] ?? baseUrl;
  const id = /id="([^"]*)"/.exec(form[1])?.[1];
  const inputs = [...form[2].matchAll(/<input[^>]*>/gi)].map((m) => m[0]);
  if (id) {
    const outside = html.slice(0, form.index) + html.slice(form.index + form[0].length);
    inputs.push(
      ...[...outside.matchAll(/<input[^>]*>/gi)]
        .map((m) => m[0])
        .filter((i) => i.includes(`form="${id}"`)),
    );
  }
  const fields: Record<string, string> = {};
  for (const input of inputs) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    const value = /value="([^"]*)"/.exec(input)?.[1] ?? '';
    if (name) fields[name] = decodeEntities(value);
  }
  return { action: new URL(decodeEntities(action), baseUrl).toString(), fields };
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x2F;/g, '/');
}

/** Posts the profile page's sign-out form, as the browser does when the user clicks it. */
export async function signOut(browser: Browser, baseUrl: string): Promise<Page> {
  const profile = await browser.request(`${baseUrl}/profile`);
  const form = readForm(profile.body, profile.url);
  return browser.request(form.action, { form: form.fields });
}
