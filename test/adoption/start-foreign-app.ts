import type { NestExpressApplication } from '@nestjs/platform-express';
import session from 'express-session';

/**
 * What a team adds to its `main.ts`: the session middleware (its own store in production), then
 * the app starts as usual. Everything else comes from AuthModule.
 */
export async function startForeignApp(
  app: NestExpressApplication,
  port: number,
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
  await app.listen(port, '127.0.0.1');
}
