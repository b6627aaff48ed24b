// @ts-check
import { settingExample } from './setting-values.mjs';

/**
 * Node reports a port or address it cannot listen on by its error code; the person starting the
 * provider needs the setting to change.
 * @param {unknown} error
 * @param {{ port: string, host: string }} settings the names that gave the port and host
 * @param {{ port: number, host: string }} asked
 */
export function explainListenError(error, settings, { port, host }) {
  const code = /** @type {NodeJS.ErrnoException} */ (error)?.code;
  if (code === 'EADDRINUSE') {
    return new Error(
      `${settings.port} ${port} is taken by another program. Choose another port, or 0 for any free one. Example: ${settingExample(settings.port, '0')}`,
    );
  }
  if (code === 'EACCES') {
    return new Error(
      `${settings.port} ${port} needs privileges this process lacks; use a port above 1023. Example: ${settingExample(settings.port, '8081')}`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new Error(
      `${settings.host} ${host} is not an address of this machine. Example: ${settingExample(settings.host, '127.0.0.1')}`,
    );
  }
  return error;
}
