import { Controller, Get, Render, UseGuards } from '@nestjs/common';
import {
  AuthenticatedGuard,
  CurrentUser,
  Public,
  RequireAuthentication,
  type OktaUser,
} from 'nest-okta';
import { PRODUCTS } from './products';

/** Okta's three access modes on one controller. */
@Controller('shop')
export class ShopController {
  /** Anonymous access: anyone may browse. */
  @Public()
  @Get()
  @Render('shop')
  browse() {
    return { title: 'Shop', products: PRODUCTS };
  }

  /**
   * One route protected: signed in to check out, whether or not the global guard is on, and
   * recently: a sign-in older than five minutes signs in again first.
   */
  @Get('checkout')
  @UseGuards(AuthenticatedGuard)
  @RequireAuthentication({ maxAgeSeconds: 300 })
  @Render('checkout')
  checkout(@CurrentUser() user: OktaUser) {
    return { title: 'Checkout', name: user.name, products: PRODUCTS };
  }

  /** Protected by the global guard alone (deny by default); open when it is switched off. */
  @Get('orders')
  @Render('orders')
  orders(@CurrentUser() user: OktaUser | undefined) {
    return { title: 'Orders', name: user?.name };
  }
}
