// Open311 GeoReport v2 at /open311/v2 (to be written).
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';

export default async function open311Routes(app: Api, options: RouteOptions): Promise<void> {
  void app;
  void options;
}
