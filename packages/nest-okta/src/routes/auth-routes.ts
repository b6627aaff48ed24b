import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Express, Request, Response } from 'express';
import { UnknownTenantException } from '../errors/auth.exceptions';
import { RATE_LIMIT_STORAGE } from '../options/rate-limit-storage';
import { revocationOrgs } from '../scopes/revocation-orgs';
import { ScopeRegistry } from '../scopes/scope-registry';
import type { OrgScope } from '../scopes/org-scope';
import { globalTokenRevocation } from '../universal-logout/revocation-endpoint';
import { revocationEndpointPaths } from '../universal-logout/revocation-endpoint-paths';
import { RevocationGate } from '../universal-logout/revocation-gate';
import { RevocationRateLimit } from '../universal-logout/revocation-rate-limit';
import { sendWidgetAsset } from '../widget/widget-asset';
import { widgetDistFolder } from '../widget/widget-assets';
import { routePrefixOf } from './nest-route-prefix';

/**
 * What each of the module's routes does, for the request's org. A route serves only what its org
 * has: with tenants, a tenant's callback is its own redirect URI's path, and its widget files
 * only when it signs in with the widget.
 */
@Injectable()
export class AuthRoutes {
  private readonly revocationGate: RevocationGate;
  /** Resolved as the app starts, so a missing widget package stops it; never in redirect mode. */
  private readonly widgetFiles?: string;

  constructor(
    @Inject(ScopeRegistry) private readonly registry: ScopeRegistry,
    @Inject(RATE_LIMIT_STORAGE) throttlerStorage: ThrottlerStorage,
    adapterHost: HttpAdapterHost,
    appConfig: ApplicationConfig,
  ) {
    this.revocationGate = new RevocationGate(
      new RevocationRateLimit(registry.orgs.shared, throttlerStorage),
      revocationOrgs(registry),
    );
    const { universalLogout } = registry.orgs.shared;
    // Built with the app, before it starts: Nest mounts its body parser as the app starts, so
    // the gate, mounted now, checks the token before any body is read.
    const app = adapterHost.httpAdapter?.getInstance<Express | undefined>();
    if (universalLogout && typeof app?.use === 'function') {
      const isEndpoint = revocationEndpointPaths(
        universalLogout.path,
        () => routePrefixOf(appConfig),
        registry.orgs.tenants?.resolve === 'path',
      );
      app.use(this.revocationGate.beforeBody(isEndpoint));
    }
    if (registry.settings().some(({ signInMode }) => signInMode === 'widget')) {
      this.widgetFiles = widgetDistFolder();
    }
  }

  login(req: Request, res: Response): Promise<void> {
    return this.scopeOf(req).signIn.login(req, res);
  }

  callback(req: Request, res: Response): Promise<void> {
    const scope = this.scopeOf(req);
    if (req.path !== scope.settings.routes.callback) throw new NotFoundException();
    return scope.signIn.callback(req, res);
  }

  logout(req: Request, res: Response): Promise<void> {
    return this.scopeOf(req).signOut.signOut(req, res);
  }

  logoutEverywhere(req: Request, res: Response): Promise<void> {
    return this.scopeOf(req).signOutEverywhere.signOutEverywhere(req, res);
  }

  /** Not a tenant's route: the request's token, not its address, says which org sent it. */
  globalTokenRevocation(req: Request, res: Response): Promise<void> {
    if (!this.registry.orgs.shared.universalLogout) throw new NotFoundException();
    return globalTokenRevocation(req, res, this.revocationGate);
  }

  widgetAsset(req: Request, res: Response, file: string): Promise<void> {
    const { signInMode } = this.scopeOf(req).settings;
    if (signInMode !== 'widget' || !this.widgetFiles) throw new NotFoundException();
    return sendWidgetAsset(res, this.widgetFiles, file);
  }

  private scopeOf(req: Request): OrgScope {
    const scope = this.registry.scopeFor(req);
    if (!scope) throw new UnknownTenantException();
    return scope;
  }
}
