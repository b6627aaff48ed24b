/**
 * Runs checks in order and prints one line per check, "ok <check>" or "FAIL <check>: <why>"
 * (what scripts/adoption-proof.sh counts); the exit code is non-zero when any fails.
 * @param {Record<string, () => unknown>} checks
 */
export async function runChecks(checks) {
  let failures = 0;
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check();
      console.log(`ok ${name}`);
    } catch (error) {
      failures++;
      console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  process.exitCode = failures ? 1 : 0;
}
