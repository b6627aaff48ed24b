import { type ReadVariable, readBoolean } from './value-readers';

/**
 * DEV_IDP_ALLOW_REMOTE: whether the development identity provider may listen where the app does
 * when HOST is not a loopback address. Off unless set, so a container's HOST=0.0.0.0 never
 * publishes the provider's demo passwords by itself.
 */
export function readDevIdpAllowRemote(read: ReadVariable, problems: string[]): boolean {
  return readBoolean('DEV_IDP_ALLOW_REMOTE', read('DEV_IDP_ALLOW_REMOTE'), problems) ?? false;
}
