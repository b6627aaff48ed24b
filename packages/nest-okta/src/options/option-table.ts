import { CLIENT_AUTH_OPTION_RULES } from './client-auth-option-rules';
import type { OptionPath, OptionRule } from './option-rule';
import { SHARED_AUTH_OPTION_RULES } from './shared-auth-option-rules';
import { TENANT_AUTH_OPTION_RULES } from './tenant-auth-option-rules';
import { UNIVERSAL_LOGOUT_OPTION_RULES } from './universal-logout-option-rules';
import { WIDGET_OPTION_RULES } from './widget-option-rules';

/**
 * Every option of AuthModule, each once: its example, its check and its default, kept by group
 * beside the group's type. `findAuthOptionProblems` walks it in this order, `resolveAuthSettings`
 * takes each default from it, and `AuthOptionName` is its keys. Rules no one option owns (routes
 * that clash, tenants) are functions of their own.
 */
export const OPTION_RULES = {
  ...TENANT_AUTH_OPTION_RULES,
  ...CLIENT_AUTH_OPTION_RULES,
  ...SHARED_AUTH_OPTION_RULES,
  ...WIDGET_OPTION_RULES,
  ...UNIVERSAL_LOGOUT_OPTION_RULES,
} satisfies Record<OptionPath, OptionRule>;
