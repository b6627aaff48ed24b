import { Controller, Param, Req, Res, type Type, VERSION_NEUTRAL } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../access/public.decorator';
import { AuthRoutes } from './auth-routes';

/**
 * The module's routes as a controller of the app's own, so they take the app's global prefix,
 * show in its route log and pass its guards, pipes and interceptors like any other. Their paths
 * are options: `mapAuthRoutes` puts them on the methods when the app starts. One class per
 * `forRoot`/`forRootAsync` call, so that two modules' paths never meet on one class.
 */
export function createAuthController(): Type<unknown> {
  @Public()
  @Controller({ version: VERSION_NEUTRAL })
  class OktaAuthController {
    constructor(private readonly routes: AuthRoutes) {}

    login(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.routes.login(req, res);
    }

    callback(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.routes.callback(req, res);
    }

    logout(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.routes.logout(req, res);
    }

    logoutEverywhere(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.routes.logoutEverywhere(req, res);
    }

    globalTokenRevocation(@Req() req: Request, @Res() res: Response): Promise<void> {
      return this.routes.globalTokenRevocation(req, res);
    }

    widgetAsset(
      @Req() req: Request,
      @Res() res: Response,
      @Param('file') file: string | string[],
    ): Promise<void> {
      return this.routes.widgetAsset(req, res, Array.isArray(file) ? file.join('/') : file);
    }
  }
  return OktaAuthController;
}
