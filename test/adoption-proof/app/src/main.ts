import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import session from 'express-session';
import { AppModule } from './app.module.js';

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule);
  const config = app.get(ConfigService);
  // AuthModule keeps the signed-in user in the session, so it is mounted before the app starts
  // (with a shared store such as Redis in production).
  app.use(
    session({
      secret: config.getOrThrow<string>('SESSION_SECRET'),
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.get('NODE_ENV') === 'production' },
    }),
  );
  await app.listen(config.get<string>('PORT') ?? 3000, config.get<string>('HOST') ?? '127.0.0.1');
}
void bootstrap();
