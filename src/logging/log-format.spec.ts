import { PassThrough } from 'node:stream';
import pino from 'pino';
import { logTransport, PRETTY_TRANSPORT } from './log-format';

describe('logTransport', () => {
  it('is pino-pretty in development when standard output is a terminal', () => {
    expect(logTransport({ nodeEnv: 'development', stdoutIsTerminal: true })).toBe(PRETTY_TRANSPORT);
  });

  it('leaves JSON when standard output is piped, even in development', () => {
    expect(logTransport({ nodeEnv: 'development', stdoutIsTerminal: false })).toBeUndefined();
  });

  it('leaves JSON in production, even in a terminal', () => {
    expect(logTransport({ nodeEnv: 'production', stdoutIsTerminal: true })).toBeUndefined();
  });
});

describe('PRETTY_TRANSPORT', () => {
  it('names a prettifier that is installed, and turns a request line into method, path, status and time', async () => {
    // The same module and options pino loads in its transport thread, run here in-process.
    const { default: pretty } = (await import(PRETTY_TRANSPORT.target)) as {
      default: (options: object) => NodeJS.WritableStream;
    };
    const out = new PassThrough();
    const prettifier = pretty({ ...PRETTY_TRANSPORT.options, colorize: false, destination: out });
    const logger = pino(prettifier as unknown as pino.DestinationStream);
    logger.info({ context: 'Bootstrap' }, 'Listening on http://localhost:8080');
    logger.info(
      { req: { method: 'GET', path: '/profile' }, res: { statusCode: 302 }, responseTime: 4 },
      'request completed',
    );
    const text = await new Promise<string>((resolve) => {
      let lines = '';
      out.on('data', (chunk: Buffer) => {
        lines += chunk.toString();
        if (lines.split('\n').length > 2) resolve(lines);
      });
    });
    expect(text).toMatch(/INFO.*\[Bootstrap\] Listening on http:\/\/localhost:8080\n/);
    expect(text).toMatch(/INFO.*request completed GET \/profile 302 in 4 ms\n/);
    expect(text).not.toContain('{');
  });
});
