import { RequestMethod } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';
import type { RoutePrefix } from '../request/route-prefix';

/**
 * The app's global prefix as Nest holds it once `app.setGlobalPrefix()` has run: read when the
 * app starts (the module's middleware and routes are set up then), not when the module is
 * built, since `main.ts` sets the prefix after `NestFactory.create()`. An excluded route matches
 * as Nest matches it: its path pattern, for its method or for all.
 */
export function routePrefixOf(config: ApplicationConfig): RoutePrefix {
  const trimmed = config.getGlobalPrefix().replace(/^\/+|\/+$/g, '');
  const excluded = config.getGlobalPrefixOptions().exclude ?? [];
  return {
    prefix: trimmed ? `/${trimmed}` : '',
    isExcluded: (path, method) =>
      excluded.some(
        (route) =>
          (route.requestMethod === RequestMethod.ALL ||
            route.requestMethod === RequestMethod[method]) &&
          route.pathRegex.test(path),
      ),
  };
}
