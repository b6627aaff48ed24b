import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Res,
  UseGuards,
} from '@nestjs/common';
import { version as nestVersion } from '@nestjs/core/package.json';
import type { NextFunction, Request, Response } from 'express';
import { Public } from '../src';
import { bootApp, OPTIONS } from './boot-app';

/**
 * What AuthModule relies on in Nest's request pipeline, on the NestJS major installed (11 or 12):
 * middleware mounted with app.use() in main.ts runs first, then the module's own middleware
 * (which sets `res.locals.basePath` for every request), then guards, then the handler.
 */
const seen: Record<string, unknown> = {};

@Injectable()
class RecordingGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const res = context.switchToHttp().getResponse<Response>();
    seen.guard = res.locals.basePath;
    return true;
  }
}

@Controller('probe')
class ProbeController {
  @Public()
  @UseGuards(RecordingGuard)
  @Get()
  probe(@Res({ passthrough: true }) res: Response): { basePath: unknown } {
    return { basePath: res.locals.basePath };
  }
}

describe(`NestJS ${nestVersion.split('.')[0]}: the request pipeline AuthModule relies on`, () => {
  it("runs main.ts's app.use() middleware before AuthModule's, and AuthModule's before guards and handlers", async () => {
    await bootApp(OPTIONS, {
      controllers: [ProbeController],
      firstMiddleware: (_req: Request, res: Response, next: NextFunction) => {
        seen.appUse = 'basePath' in res.locals ? res.locals.basePath : 'not yet set';
        next();
      },
      visit: async (baseUrl) => {
        const answer = await fetch(`${baseUrl}/probe`);
        expect(answer.status).toBe(200);
        expect(await answer.json()).toEqual({ basePath: '' });
      },
    });
    expect(seen).toEqual({ appUse: 'not yet set', guard: '' });
  });
});
