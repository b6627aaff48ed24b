import type {
  AuthModuleOptions,
  SharedAuthOptions,
  TenantAuthOptions,
  UniversalLogoutOptions,
  WidgetOptions,
} from './auth-module-options';
import type { WidgetCspDirective } from './widget-csp-sources';

/**
 * Every option the types declare, by its dotted name: a group's fields are options of their own.
 * The table must have a row for each, so a field added to a type without its rule does not
 * compile. Tenants are not in it: their rules span options (see `resolve-tenant-settings.ts`).
 */
export type OptionPath =
  | keyof TenantAuthOptions
  | keyof SharedAuthOptions
  | `routes.${keyof NonNullable<SharedAuthOptions['routes']>}`
  | `widget.${keyof WidgetOptions}`
  | `widget.contentSecurityPolicy.${WidgetCspDirective}`
  | `universalLogout.${keyof UniversalLogoutOptions}`;

/** Everything the module knows of one option: a row of the table. */
export interface OptionRule {
  /** A valid value, shown after each of the option's problems. */
  example: string;
  /**
   * Absent or `''` is a problem ("is required"), unless the check is partial. A function decides
   * from the other options; a string it returns says why the option is needed.
   */
  required?: true | ((options: Partial<AuthModuleOptions>) => boolean | string | undefined);
  /**
   * What is wrong with the value as given, never called when it is absent: one message, several,
   * or none. It takes `unknown`, since options come from JavaScript, JSON and environments too;
   * the other options are there for a value that depends on them (a key and its `kid`).
   */
  check?: (
    value: unknown,
    options: Partial<AuthModuleOptions>,
  ) => string | readonly string[] | undefined;
  /**
   * What the module uses when the option is absent, in whatever shape its one use wants: a
   * value, a value per sign-in mode, or a function of the options it is derived from.
   */
  default?: unknown;
}

/** The rows of one group of options, each named as `OptionPath` names it. */
export type OptionRules = Partial<Record<OptionPath, OptionRule>>;
