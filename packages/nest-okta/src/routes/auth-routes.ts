import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { UnknownTenantException } from '../errors/auth.exceptions';
import { ScopeRegistry } from '../scopes/scope-registry';
import type { OrgScope } from '../scopes/org-scope';
import { globalTokenRevocation } from '../universal-logout/revocation-endpoint';
import { RevocationGate } from '../universal-logout/revocation-gate';
import { sendWidgetAsset } from '../widget/widget-asset';
import { widgetDistFolder } from '../widget/widget-assets';

/**
 * What each of the module's routes does, for the request's org. A route serves only what its org
 * has: with tenants, a tenant's callback is its own redirect URI's path, and its widget files
 * only when it signs in with the widget.
 */
@Injectable()
export class AuthRoutes {
  /** Resolved as the app starts, so a missing widget package stops it; never in redirect mode. */
  private readonly widgetFiles?: string;

  constructor(
    @Inject(ScopeRegistry) private readonly registry: ScopeRegistry,
    @Inject(RevocationGate) private readonly revocationGate: RevocationGate,
  ) {
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
