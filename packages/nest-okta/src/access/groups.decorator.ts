import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { GroupsGuard, REQUIRED_GROUPS_KEY } from './groups.guard';

/**
 * Lets in signed-in members of any of the named Okta groups (from the `groups` claim); others
 * get 403, and anonymous users are asked to sign in first.
 */
export const Groups = (...groups: string[]) =>
  applyDecorators(SetMetadata(REQUIRED_GROUPS_KEY, groups), UseGuards(GroupsGuard));
