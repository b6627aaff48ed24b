#!/usr/bin/env node
// @ts-check
import { runProviderCli } from '../provider/cli/provider-cli.mjs';
import { runUniversalLogoutCli } from '../provider/universal-logout/universal-logout-cli.mjs';

const [command, ...rest] = process.argv.slice(2);
if (command === 'universal-logout') {
  await runUniversalLogoutCli(rest, process.env);
} else {
  await runProviderCli(process.argv.slice(2), process.env);
}
