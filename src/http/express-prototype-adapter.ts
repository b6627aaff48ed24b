import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Nest's Express adapter, with a server whose requests and responses are made with Express's
 * prototypes (`app.request`, `app.response`) from the start, through `http.createServer`'s
 * `IncomingMessage` and `ServerResponse` options.
 *
 * Why: Express 5 re-prototypes every request and response (`Object.setPrototypeOf(req,
 * app.request)`). In V8 that leaves the object on a hidden class outside the shared transition
 * tree, so every property added to it afterwards (Express's router, express-session, Passport,
 * body parsers, AuthModule: some twenty on a signed-in request) builds a new hidden class, and
 * leaves it as garbage. Made with the right prototype, Express's call changes nothing and those
 * additions follow cached transitions: about half the server CPU of a signed-in request here.
 *
 * The constructors are Node's, called on the new object as with any function constructor
 * (the pattern Node's documentation of these options has in mind: a subclass of each).
 */
export class ExpressPrototypeAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    if (options.httpsOptions || options.forceCloseConnections) {
      throw new Error('ExpressPrototypeAdapter serves plain HTTP without forceCloseConnections');
    }
    const app = this.getInstance<{ request: object; response: object }>();
    function AppRequest(this: IncomingMessage, socket: Socket): void {
      IncomingMessage.call(this, socket);
    }
    AppRequest.prototype = app.request;
    function AppResponse(this: ServerResponse, req: IncomingMessage, serverOptions: object): void {
      (ServerResponse as unknown as (req: IncomingMessage, options: object) => void).call(
        this,
        req,
        serverOptions,
      );
    }
    AppResponse.prototype = app.response;
    this.setHttpServer(
      createServer(
        {
          IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
          ServerResponse: AppResponse as unknown as typeof ServerResponse,
        },
        this.getInstance(),
      ),
    );
  }
}
