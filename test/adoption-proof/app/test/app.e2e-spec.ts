import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import session from 'express-session';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { AppModule } from '../src/app.module.js';

/**
 * The app's own runner (Jest or Vitest, both with globals) loads AppModule and the module's
 * packages as the app's tests would, against the provider the OKTA_* variables name.
 */
describe('AuthModule in this app', () => {
  let app: INestApplication<App>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.use(
      session({ secret: 'an-e2e-test-session-secret', resave: false, saveUninitialized: false }),
    );
    // Listening first keeps supertest from opening the app on every interface.
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  it('leaves @Public() routes open', async () => {
    await request(app.getHttpServer()).get('/welcome').expect(200, { hello: 'anyone' });
  });

  it('answers an API call without a session with 401 JSON', async () => {
    const response = await request(app.getHttpServer())
      .get('/api/reports')
      .set('accept', 'application/json')
      .expect(401);
    expect(response.body).toMatchObject({ statusCode: 401 });
  });

  it('sends a browser to sign in, then on to the provider', async () => {
    const server = app.getHttpServer();
    await request(server)
      .get('/dashboard')
      .set('accept', 'text/html')
      .expect(302)
      .expect('location', '/login?returnTo=%2Fdashboard');
    const login = await request(server).get('/login').set('accept', 'text/html').expect(302);
    expect(login.headers.location).toMatch(`${process.env.OKTA_ISSUER}/v1/authorize?`);
  });
});
