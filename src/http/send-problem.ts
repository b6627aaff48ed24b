import type { Request, Response } from 'express';
import { wantsJson } from 'nest-okta';

export interface Problem {
  statusCode: number;
  error: string;
  message: string;
}

/** An error as a page for people and as JSON for API clients; never a stack trace. */
export function sendProblem(req: Request, res: Response, problem: Problem): void {
  res.status(problem.statusCode);
  if (wantsJson(req)) {
    res.json(problem);
    return;
  }
  res.render('error', {
    title: problem.error,
    ...problem,
    signInAgain: problem.statusCode === 400 || problem.statusCode === 401,
  });
}
