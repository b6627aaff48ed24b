import 'reflect-metadata';
import { Controller, Get, Module, Post, Query, Req, Res } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { Request, Response } from 'express';
import session from 'express-session';
import {
  AccessTokenService,
  AuthModule,
  type AuthModuleOptions,
  CurrentUser,
  type OktaUser,
  Public,
  RequireAuthentication,
  SignInService,
  type SignInOptions,
} from 'nest-okta';
import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { HeldPort } from '../support/held-port';
import { startAll } from '../support/started';

export const STRONG = 'urn:okta:loa:2fa:any';
export const IF_POSSIBLE = 'urn:okta:loa:2fa:any:ifpossible';
const SECRET = 'a-step-up-app-client-secret-long-enough';
/** Bob is the customer the app's afterSignIn hook refuses. */
export const SUSPENDED_SUB = '00u1bob0000000000000';

/**
 * An app of its own: it mounts its own login route (`routes.login: false`) that hands the query
 * to `SignInService.signIn()`, which a real app would not do with a query (here it lets each test
 * choose the options), and routes with `@RequireAuthentication` that the demo app has not.
 */
@Controller()
class StepUpController {
  constructor(
    private readonly signIns: SignInService,
    private readonly tokens: AccessTokenService,
  ) {}

  @Public()
  @Get('login')
  login(
    @Req() req: Request,
    @Res() res: Response,
    @Query() query: Record<string, string | undefined>,
  ): Promise<void> {
    const options: SignInOptions = {
      returnTo: query.returnTo,
      loginHint: query.hint,
      prompt: query.prompt as SignInOptions['prompt'],
      acrValues: query.acr?.split(' '),
      maxAge: query.maxAge === undefined ? undefined : Number(query.maxAge),
    };
    return this.signIns.signIn(req, res, options);
  }

  @Public()
  @Get()
  home() {
    return 'home';
  }

  @Get('api/me')
  me(@CurrentUser() user: OktaUser) {
    const { sub, acr, amr, authTime, extras } = user;
    return { sub, acr, amr, authTime, extras };
  }

  @Get('strong')
  @RequireAuthentication({ acr: [STRONG] })
  strong() {
    return 'strong page';
  }

  @Get('api/strong')
  @RequireAuthentication({ acr: [STRONG, IF_POSSIBLE], maxAgeSeconds: 120 })
  strongApi() {
    return { strong: true };
  }

  @Get('if-possible')
  @RequireAuthentication({ acr: [IF_POSSIBLE] })
  ifPossible() {
    return 'if possible';
  }

  @Get('recent')
  @RequireAuthentication({ maxAgeSeconds: 60 })
  recent() {
    return 'recent page';
  }

  @Post('recent')
  @RequireAuthentication({ maxAgeSeconds: 60 })
  recentPost() {
    return 'posted';
  }

  /** The session's access token, refreshed first when it has expired. */
  @Get('api/token')
  async token(@Req() req: Request) {
    return { accessToken: await this.tokens.accessTokenFor(req) };
  }
}

export interface StepUpApp {
  app: NestExpressApplication;
  provider: RunningIdentityProvider;
  store: session.MemoryStore;
  baseUrl: string;
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * The development provider and the app above, each on a loopback port: hosted page or widget,
 * with an `afterSignIn` that refuses Bob and keeps a plan with everyone else.
 */
export async function startStepUpApp(
  signInMode: 'redirect' | 'widget',
  { accessTokenTtlSeconds }: { accessTokenTtlSeconds?: number } = {},
): Promise<StepUpApp> {
  const port = await HeldPort.hold();
  const baseUrl = `http://127.0.0.1:${port.number}`;
  const url = (path: string) => `${baseUrl}${path}`;
  return startAll(async (started) => {
    started.add(port, (held) => held.release());
    const provider = started.add(
      await launchDevIdentityProvider({
        port: 0,
        host: '127.0.0.1',
        accessTokenTtlSeconds,
        trustedOrigins: [baseUrl],
        clients: [
          {
            client_id: 'step-up-app',
            client_secret: SECRET,
            redirect_uris: [url('/authorization-code/callback')],
            post_logout_redirect_uris: [baseUrl],
            grant_types: ['authorization_code', 'refresh_token', 'interaction_code'],
          },
        ],
      }),
      (running) => running.stop(),
    );
    const options: AuthModuleOptions = {
      issuer: provider.issuer,
      clientId: 'step-up-app',
      clientSecret: SECRET,
      redirectUri: url('/authorization-code/callback'),
      postLogoutRedirectUri: baseUrl,
      signInMode,
      scopes: ['openid', 'profile', 'email', 'offline_access'],
      routes: { login: false },
      afterSignIn: ({ user, idTokenClaims }) =>
        user.sub === SUSPENDED_SUB
          ? { refuse: 'Your customer account is suspended.' }
          : { extras: { plan: 'pro', signedInWith: String(idTokenClaims.amr) } },
    };
    @Module({ imports: [AuthModule.forRoot(options)], controllers: [StepUpController] })
    class StepUpAppModule {}

    const store = new session.MemoryStore();
    const moduleRef = await Test.createTestingModule({ imports: [StepUpAppModule] }).compile();
    const app = started.add(
      moduleRef.createNestApplication<NestExpressApplication>({ logger: false }),
      (nest) => nest.close(),
    );
    app.use(session({ secret: SECRET, store, resave: false, saveUninitialized: false }));
    await port.listen(app);
    return {
      app,
      provider,
      store,
      baseUrl,
      url,
      close: () => started.stopAll(),
    };
  });
}
