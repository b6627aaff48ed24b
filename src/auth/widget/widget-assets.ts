import { dirname, join } from 'node:path';

/**
 * The installed widget's `dist/` folder (scripts, styles, fonts, images), so the page never
 * loads a CDN. Resolved only when widget mode starts: redirect-only apps need not install it.
 */
export function widgetDistFolder(): string {
  let manifest: string;
  try {
    manifest = require.resolve('@okta/okta-signin-widget/package.json');
  } catch {
    throw new Error(
      'AuthModule: signInMode "widget" serves the Okta Sign-In Widget from node_modules; install it with `npm install @okta/okta-signin-widget`.',
    );
  }
  return join(dirname(manifest), 'dist');
}

/** The page's own script, which starts the widget: a file beside this one, served as is. */
export const WIDGET_BOOTSTRAP_FILE = join(__dirname, 'browser', 'widget-bootstrap.js');
