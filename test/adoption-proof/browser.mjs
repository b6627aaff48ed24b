import { CookieJar } from 'tough-cookie';

/**
 * What a browser does with HTTP and no more: one cookie jar for the app and the provider, and
 * redirects handed back rather than followed, so each hop of a sign-in can be checked.
 */
export class Browser {
  jar = new CookieJar();

  /**
   * @param {string} url
   * @param {{ form?: Record<string, string>, accept?: string }} [init]
   * @returns {Promise<{ status: number, url: string, location?: string, body: string }>}
   */
  async request(url, { form, accept = 'text/html' } = {}) {
    /** @type {Record<string, string>} */
    const headers = { accept };
    const cookie = await this.jar.getCookieString(url);
    if (cookie) headers.cookie = cookie;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      headers,
      body: form && new URLSearchParams(form),
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
      body: await response.text(),
    };
  }

  /**
   * One request, then the redirects after it with GETs, as a browser does after a 302 or 303.
   * @param {string} url
   * @param {{ form?: Record<string, string> }} [init]
   */
  async follow(url, init) {
    let page = await this.request(url, init);
    for (let hop = 0; page.location && hop < 10; hop++) page = await this.request(page.location);
    return page;
  }
}

/**
 * Where the page's first form posts.
 * @param {{ body: string, url: string }} page
 */
export function formAction(page) {
  const action = /<form[^>]*\saction="([^"]*)"/i.exec(page.body)?.[1];
  if (action === undefined) throw new Error(`No form at ${page.url}: ${page.body.slice(0, 200)}`);
  return new URL(action.replaceAll('&amp;', '&'), page.url).toString();
}
