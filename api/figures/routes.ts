// Figures for the dashboard's charts at /api/figures (to be written).
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';

export default async function figuresRoutes(app: Api, options: RouteOptions): Promise<void> {
  void app;
  void options;
}
