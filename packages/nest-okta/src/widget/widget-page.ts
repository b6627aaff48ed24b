import type { Response } from 'express';
import type { AuthSettings } from '../options/auth-settings';
import { escapeHtml, plainPage } from '../errors/plain-page';

export interface WidgetPage {
  cspNonce: string;
  /** Where the page loads the widget's files from: the app's, under a path tenant's prefix. */
  assetsPath: string;
  /** The widget's options, already escaped for a `<script type="application/json">`. */
  widgetOptions: string;
}

/**
 * Renders the page hosting the widget: the app's view when it names one (so the page has the
 * app's layout), otherwise a plain page of the module's own.
 */
export function renderWidgetPage(res: Response, settings: AuthSettings, page: WidgetPage): void {
  const { view, signInHint } = settings.widget;
  const { assetsPath } = page;
  const locals = {
    title: 'Sign in',
    ...page,
    widgetScript: `${assetsPath}/js/okta-sign-in.min.js`,
    widgetStylesheet: `${assetsPath}/css/okta-sign-in.min.css`,
    bootstrapScript: `${assetsPath}/widget-bootstrap.js`,
    signInHint,
  };
  if (view) {
    res.render(view, locals);
    return;
  }
  const nonce = escapeHtml(page.cspNonce);
  const head = `
<link rel="stylesheet" href="${escapeHtml(locals.widgetStylesheet)}">
<script type="application/json" id="okta-sign-in-widget-options">${page.widgetOptions}</script>
<script src="${escapeHtml(locals.widgetScript)}" nonce="${nonce}"></script>
<script type="module" src="${escapeHtml(locals.bootstrapScript)}" nonce="${nonce}"></script>`;
  const html = plainPage('Sign in', signInHint ? [signInHint] : [], head).replace(
    '<main>',
    '<main><div id="okta-sign-in-widget"></div><p class="widget-failure" role="alert" hidden>The sign-in form could not start. Reload the page to try again.</p>',
  );
  res.type('html').send(html);
}
