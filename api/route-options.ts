// What app.ts hands every module of routes.
import type { ApiConfig } from './config.js';

export interface RouteOptions {
  config: ApiConfig;
  /** per address and minute: public submissions and look-ups */
  publicRateLimit: { max: number; timeWindow: number };
}
