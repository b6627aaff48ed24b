import { Inject } from '@nestjs/common';

export const APP_CONFIG = Symbol('APP_CONFIG');

export const InjectAppConfig = (): ParameterDecorator => Inject(APP_CONFIG);
