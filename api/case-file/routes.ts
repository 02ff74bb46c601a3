// (not built yet)
import type { Api } from '../types.js';
import type { RouteOptions } from '../route-options.js';

export default async function caseFileRoutes(_app: Api, _options: RouteOptions): Promise<void> {}
