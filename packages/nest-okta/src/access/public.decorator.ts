import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'auth:isPublic';

/**
 * Opens a controller or handler to anonymous users. `@Public(false)` on a handler closes it
 * again inside a public controller: the handler's setting wins.
 */
export const Public = (isPublic = true) => SetMetadata(IS_PUBLIC_KEY, isPublic);
