import { basename } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type OktaUser, tenantOf } from 'nest-okta';
import type { AppConfig } from '../config/app-config';

/** The Okta group whose members see the admin link. */
const ADMIN_GROUP = 'admin';

/** The tenant a page serves, as the layout names it. */
export interface PageTenant {
  id: string;
  displayName: string;
}

/**
 * The layout's notice that the development provider stands in for Okta, naming the setting that
 * would replace it: `OKTA_ISSUER` for the app's one org, a tenant's entry in the tenants file.
 */
export type DevIdentityProviderNotice =
  { setting: 'OKTA_ISSUER' } | { setting: 'tenants file'; tenantId: string; file: string };

/**
 * Who is signed in and which tenant the page serves, for the app's layout (beside what
 * AuthModule provides: the sign-out form's token and paths). Mounted with the app's own
 * middleware, ahead of AuthModule's, so each is read when a view renders (by when AuthModule
 * knows the request's tenant) rather than on every request: API answers never need them, and
 * the app needs no middleware layer of its own after AuthModule's.
 */
export function pageLocals(config: AppConfig): RequestHandler {
  const tenantFor = (req: Request) => {
    const id = config.tenants && tenantOf(req);
    return id === undefined ? undefined : config.tenants?.tenants.get(id);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    definePageLocal(res, 'currentUser', () => {
      const user = req.user as OktaUser | undefined;
      return user && { name: user.name, isAdmin: user.groups.includes(ADMIN_GROUP) };
    });
    definePageLocal(res, 'tenant', (): PageTenant | undefined => {
      const tenant = tenantFor(req);
      return tenant && { id: tenant.id, displayName: tenant.displayName };
    });
    definePageLocal(res, 'devIdentityProvider', (): DevIdentityProviderNotice | undefined => {
      if (!config.tenants)
        return config.usesDevIdentityProvider ? { setting: 'OKTA_ISSUER' } : undefined;
      // A page outside every tenant (an unknown one's 404) has no org to speak of.
      const tenant = tenantFor(req);
      return tenant?.usesDevIdentityProvider
        ? { setting: 'tenants file', tenantId: tenant.id, file: basename(config.tenants.file) }
        : undefined;
    });
    next();
  };
}

function definePageLocal(res: Response, name: string, get: () => unknown): void {
  Object.defineProperty(res.locals, name, { enumerable: true, configurable: true, get });
}
