import type { NestExpressApplication } from '@nestjs/platform-express';
import session from 'express-session';
import type { HeldPort } from '../support/held-port';

/**
 * What a team adds to its `main.ts`: the session middleware (its own store in production), then
 * the app starts as usual (here on a port the test holds). Everything else comes from AuthModule.
 */
export async function startForeignApp(
  app: NestExpressApplication,
  port: HeldPort,
  sessionSecret: string,
): Promise<void> {
  app.use(
    session({
      secret: sessionSecret,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax' },
    }),
  );
  await port.listen(app);
}
