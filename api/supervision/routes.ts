// Weekly unit reports, red and black lists, interviews (to be written).
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';

export default async function supervisionRoutes(app: Api, options: RouteOptions): Promise<void> {
  void app;
  void options;
}
