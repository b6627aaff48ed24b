import { BROWSER_HEADER } from './counting-proxy.mjs';
import { browserRequest } from './loopback.mjs';

/**
 * Just enough of a browser for a sign-in: a cookie jar (host and path matching, expiry by
 * Max-Age/Expires), form posts, and redirects stopped at so each hop can be followed.
 * Its requests are marked so the counting proxy can tell them from back-channel calls.
 */
export class Browser {
  #cookies = new Map(); // `${host} ${path} ${name}` -> { host, path, name, value }

  async request(url, { form, accept = 'text/html' } = {}) {
    const target = new URL(url);
    const headers = { accept, [BROWSER_HEADER]: '1' };
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    let body;
    if (form) {
      body = new URLSearchParams(form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await browserRequest(target, {
      method: form ? 'POST' : 'GET',
      headers,
      body,
    });
    for (const setCookie of response.setCookies) this.#store(setCookie, target);
    const { location } = response;
    return {
      status: response.status,
      url: target.toString(),
      location: location ? new URL(location, target).toString() : undefined,
      body: response.body,
    };
  }

  /** The Cookie header a browser would send to `url`. */
  cookieHeader(url) {
    const target = new URL(url);
    return [...this.#cookies.values()]
      .filter((c) => c.host === target.hostname && target.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  #store(header, url) {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/';
    let expired = false;
    for (const attribute of attributes) {
      const [key, attributeValue = ''] = attribute.split('=');
      const lower = key.toLowerCase();
      if (lower === 'path') path = attributeValue;
      if (lower === 'max-age' && Number(attributeValue) <= 0) expired = true;
      if (lower === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
    }
    const key = `${url.hostname} ${path} ${name}`;
    if (expired) this.#cookies.delete(key);
    else this.#cookies.set(key, { host: url.hostname, path, name, value });
  }
}

/**
 * A whole sign-in as a person makes it: the app's sign-in route, the provider's page, the
 * credentials posted, and every redirect followed back to the app. Returns the final page.
 */
export async function signIn(browser, loginUrl, { username, password }) {
  let page = await followRedirects(browser, await browser.request(loginUrl));
  const action = /<form[^>]*action="([^"]*)"/i.exec(page.body)?.[1];
  if (!action || !/name="password"/.test(page.body)) {
    throw new Error(`expected the provider's sign-in form at ${page.url}, got ${page.status}`);
  }
  const formUrl = new URL(action.replace(/&amp;/g, '&'), page.url).toString();
  page = await followRedirects(
    browser,
    await browser.request(formUrl, { form: { username, password } }),
  );
  if (page.status !== 200) {
    throw new Error(`sign-in ended at ${page.url} with ${page.status}: ${page.body.slice(0, 200)}`);
  }
  return page;
}

async function followRedirects(browser, first) {
  let page = first;
  for (let hop = 0; page.location; hop++) {
    if (hop === 10) throw new Error(`too many redirects from ${first.url}`);
    page = await browser.request(page.location);
  }
  return page;
}
