// On-the-spot checks by the supervision group (四不两直) (to be written).
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';

export default async function spotChecksRoutes(app: Api, options: RouteOptions): Promise<void> {
  void app;
  void options;
}
