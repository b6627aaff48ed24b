import { dirname, join } from 'node:path';

/** Where the widget's `dist/` folder is served; `assets.baseUrl` keeps it off Okta's CDN. */
export const WIDGET_ASSETS_PATH = '/assets/okta-signin-widget';

/** The installed widget's scripts, styles, fonts and images: the page never loads a CDN. */
export const WIDGET_DIST = join(
  dirname(require.resolve('@okta/okta-signin-widget/package.json')),
  'dist',
);
