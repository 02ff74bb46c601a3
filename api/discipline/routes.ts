// Handing a stalled request to the discipline commission (移交纪委) (to be written).
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';

export default async function disciplineRoutes(app: Api, options: RouteOptions): Promise<void> {
  void app;
  void options;
}
