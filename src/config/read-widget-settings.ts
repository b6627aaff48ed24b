import type { WidgetCspDirective, WidgetSettings } from './app-config';
import type { ReadVariable } from './value-readers';

/** The variable that sets each of the widget page's extra CSP source lists. */
export const WIDGET_CSP_VARIABLES: Record<WidgetCspDirective, string> = {
  scriptSrc: 'OKTA_WIDGET_CSP_SCRIPT_SRC',
  styleSrc: 'OKTA_WIDGET_CSP_STYLE_SRC',
  frameSrc: 'OKTA_WIDGET_CSP_FRAME_SRC',
  connectSrc: 'OKTA_WIDGET_CSP_CONNECT_SRC',
  imgSrc: 'OKTA_WIDGET_CSP_IMG_SRC',
  workerSrc: 'OKTA_WIDGET_CSP_WORKER_SRC',
};

/**
 * The embedded widget's settings: its language (unset, the browser's) and its page's extra CSP
 * sources. A CSP variable lists sources separated by spaces or commas and
 * replaces AuthModule's default for its directive; `none` allows nothing more. AuthModule checks
 * the sources themselves.
 */
export function readWidgetSettings(read: ReadVariable): WidgetSettings {
  const contentSecurityPolicy: WidgetSettings['contentSecurityPolicy'] = {};
  for (const [directive, variable] of Object.entries(WIDGET_CSP_VARIABLES)) {
    const value = read(variable);
    if (value === undefined) continue;
    contentSecurityPolicy[directive as WidgetCspDirective] = /^none$/i.test(value)
      ? []
      : value.split(/[\s,]+/).filter(Boolean);
  }
  return { contentSecurityPolicy, language: read('OKTA_WIDGET_LANGUAGE') };
}
