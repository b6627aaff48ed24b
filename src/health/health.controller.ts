import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from 'nest-okta';
import { SessionStorage } from '../session/session-storage';

type DependencyState = 'up' | 'down';

/**
 * `/health` is readiness: 503 while the session store is unreachable, so a load balancer sends
 * traffic elsewhere. `/health/live` is liveness: the process answers, so nothing should
 * restart it because a dependency is down.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly sessions: SessionStorage) {}

  @Get()
  async readiness(@Res({ passthrough: true }) res: Response) {
    const sessionStore: DependencyState = (await this.sessions.isAvailable()) ? 'up' : 'down';
    const ready = sessionStore === 'up';
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ok' : 'unavailable',
      checks: { sessionStore: { kind: this.sessions.kind, status: sessionStore } },
    };
  }

  @Get('live')
  @HttpCode(HttpStatus.OK)
  liveness() {
    return { status: 'ok' };
  }
}
