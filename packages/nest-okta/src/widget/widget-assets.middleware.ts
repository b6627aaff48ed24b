import express, { type NextFunction, type Request, type Response } from 'express';
import { WIDGET_BOOTSTRAP_FILE, widgetDistFolder } from './widget-assets';

/**
 * Serves the widget's files from `node_modules` under `assetsPath`, and the page's own
 * bootstrap script beside them. A bad request for a file is a short 4xx, never a stack trace.
 */
export function serveWidgetAssets(assetsPath: string): express.Router {
  const router = express.Router();
  router.get(`${assetsPath}/widget-bootstrap.js`, (_req, res) => {
    res.type('text/javascript').sendFile(WIDGET_BOOTSTRAP_FILE);
  });
  router.use(assetsPath, express.static(widgetDistFolder(), { maxAge: '1d', index: false }));
  router.use((error: { status?: unknown }, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof error.status === 'number' && error.status < 500 ? error.status : 500;
    res
      .status(status)
      .type('text/plain')
      .send(status === 404 ? 'Not found' : 'Bad request');
  });
  return router;
}
