import type { Request, Response } from 'express';

/** What one of the module's routes does: it answers, or throws for the exception filters. */
export type RouteHandler = (req: Request, res: Response) => Promise<void>;
