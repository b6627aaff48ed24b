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

/**
 * The page's own script, which starts the widget: shipped in the package's `assets/` and served
 * as is, so no consumer build has to copy it. Two folders up from both `src/widget` and `dist/widget`.
 */
export const WIDGET_BOOTSTRAP_FILE = join(__dirname, '..', '..', 'assets', 'widget-bootstrap.js');
