import { Writable } from 'node:stream';

/**
 * Every line an app logs, as written, for a test to search. nestjs-pino sends lines logged
 * outside a request's own logger to the first app started in a test file, so a test that reads
 * them starts its app first (or alone) in its file.
 */
export class LogCollector extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }
}
