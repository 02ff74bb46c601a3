// The public board (公开榜) at /api/public/board (to be written).
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';

export default async function boardRoutes(app: Api, options: RouteOptions): Promise<void> {
  void app;
  void options;
}
