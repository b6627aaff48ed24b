import type { INestApplication } from '@nestjs/common';
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';

/**
 * A port on 127.0.0.1 that the OS picked (port 0) and that stays bound from then on: an app that
 * must know its own address before it is built (its redirect URI, the provider's client) is
 * built with `number`, then takes over the socket itself (`listen`, Node's documented
 * `server.listen(handle)`), so no other process can take the port in between, as it could after
 * a reserve-and-release.
 */
export class HeldPort {
  /** Whether an app took the socket over: it is the app's to close then. */
  private taken = false;

  private constructor(
    private readonly socket: Server,
    readonly number: number,
  ) {}

  /** A port held until an app takes it over, or `release`. */
  static async hold(): Promise<HeldPort> {
    const socket = createServer();
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.listen(0, '127.0.0.1', () => resolve());
    });
    // A port no app took must never be what keeps the test process alive.
    socket.unref();
    return new HeldPort(socket, (socket.address() as { port: number }).port);
  }

  /** `count` different ports, all held; none is left held if one cannot be. */
  static async holdSeveral(count: number): Promise<HeldPort[]> {
    const held: HeldPort[] = [];
    try {
      while (held.length < count) held.push(await HeldPort.hold());
      return held;
    } catch (error) {
      await Promise.all(held.map((port) => port.release()));
      throw error;
    }
  }

  /** The app listens on this port's socket; closing the app frees the port. */
  async listen(app: INestApplication): Promise<void> {
    // Nest hands the socket to Node's `server.listen(handle)` as it would a port number.
    await app.listen(this.socket as unknown as number);
    this.taken = true;
    (app.getHttpServer() as HttpServer).ref();
  }

  /** Frees the port, if no app took it over. */
  async release(): Promise<void> {
    if (this.taken || !this.socket.listening) return;
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
