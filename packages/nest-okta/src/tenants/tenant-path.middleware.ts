import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { UnknownTenantException } from '../errors/auth.exceptions';
import { parseTenantPath, setTenantPath } from './tenant-path';

/**
 * Path resolution's first step: `/t/acme/profile` becomes `/profile` for everything after it
 * (the module's routes and the app's controllers match as they would on a host of its own),
 * while the tenant and its prefix are kept for the module to resolve and to redirect within.
 * Views get the prefix as `basePath`, to link within the tenant. A segment that is not a
 * tenant id is refused with 404, a path no browser sends with 400: neither reaches a tenant.
 */
export function stripTenantPath(req: Request, res: Response, next: NextFunction): void {
  const path = parseTenantPath(req.url);
  if (path.kind === 'malformed') throw new BadRequestException();
  if (path.kind === 'unknown') throw new UnknownTenantException();
  if (path.kind === 'tenant') {
    setTenantPath(req, path.id, path.prefix);
    const queryAt = req.url.indexOf('?');
    req.url = `${path.rest}${queryAt === -1 ? '' : req.url.slice(queryAt)}`;
    res.locals.basePath = path.prefix;
  }
  next();
}
