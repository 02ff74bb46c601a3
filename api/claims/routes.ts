// Open claims with points (公开发榜) (to be written).
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';

export default async function claimsRoutes(app: Api, options: RouteOptions): Promise<void> {
  void app;
  void options;
}
