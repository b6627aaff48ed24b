import type { Response } from 'express';
import { WIDGET_BOOTSTRAP_FILE } from './widget-assets';

const BOOTSTRAP = 'widget-bootstrap.js';
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Answers a request for one of the widget's files (`file` is the path under the assets route,
 * `distFolder` the installed widget's, from `widgetDistFolder`), or the page's own bootstrap
 * script. `sendFile` with a `root` refuses `..` and dot files: a file that is not there, or a
 * path that would leave the folder, is a plain 404, never a stack trace.
 */
export function sendWidgetAsset(res: Response, distFolder: string, file: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (error?: Error) => {
      if (error && !res.headersSent) res.status(404).type('text/plain').send('Not found');
      resolve();
    };
    if (file === BOOTSTRAP) {
      res.type('text/javascript').sendFile(WIDGET_BOOTSTRAP_FILE, done);
      return;
    }
    res.sendFile(file, { root: distFolder, maxAge: ONE_DAY_MS, dotfiles: 'deny' }, done);
  });
}
