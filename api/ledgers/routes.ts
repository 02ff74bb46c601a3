// Ledgers (台账) per unit and level, with CSV export (to be written).
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';

export default async function ledgersRoutes(app: Api, options: RouteOptions): Promise<void> {
  void app;
  void options;
}
