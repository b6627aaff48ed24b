import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { REDIRECT_CALLBACK_PATH } from '../config/read-config';
import { LoginGuard } from './login.guard';
import { Public } from './public.decorator';
import { safeReturnTo } from './return-to';
import { SignInCallbackGuard } from './sign-in-callback.guard';
import { SignInRateLimitGuard } from './sign-in-rate-limit.guard';

/** Okta's redirect model: `/login` sends the browser to the Okta-hosted sign-in page. */
@Public()
@Controller()
@UseGuards(SignInRateLimitGuard)
export class RedirectSignInController {
  /** Reached only by users already signed in; everyone else is redirected by the guard. */
  @Get('login')
  @UseGuards(LoginGuard)
  login(@Req() req: Request, @Res() res: Response): void {
    res.redirect(safeReturnTo(req.query.returnTo));
  }

  @Get(REDIRECT_CALLBACK_PATH)
  @UseGuards(SignInCallbackGuard)
  callback(@Req() req: Request, @Res() res: Response): void {
    const info: { state?: { returnTo?: string } } | undefined = req.authInfo;
    res.redirect(safeReturnTo(info?.state?.returnTo));
  }
}
