import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { dirname, join } from 'node:path';
import { Public } from '../public.decorator';
import { WIDGET_ASSETS_PATH } from './widget-options';

const WIDGET_DIST = join(dirname(require.resolve('@okta/okta-signin-widget/package.json')), 'dist');
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Serves the Sign-In Widget's `dist/` folder (scripts, styles, fonts, images) from the installed
 * package, under the app's own origin: the page never loads code from a CDN.
 */
@Public()
@Controller(WIDGET_ASSETS_PATH.slice(1))
export class WidgetAssetsController {
  @Get('*path')
  asset(@Param('path') path: string[] | string, @Res() res: Response): Promise<void> {
    const file = Array.isArray(path) ? path.join('/') : path;
    return new Promise((resolve, reject) =>
      // `root` confines the path to the folder: `..` is refused by send, never resolved.
      res.sendFile(file, { root: WIDGET_DIST, dotfiles: 'deny', maxAge: ONE_DAY_MS }, (err) => {
        if (!err) resolve();
        else if (res.headersSent) resolve();
        else reject(new NotFoundException(`No widget asset at ${WIDGET_ASSETS_PATH}/${file}`));
      }),
    );
  }
}
