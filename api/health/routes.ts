// GET /api/health: whether the API answers and its store is open (for load balancers and `npm start`).
import { Type } from 'typebox';
import type { Api } from '../types.js';

export default async function healthRoutes(app: Api): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['admin'], summary: '健康检查 Health', response: { 200: Type.Object({ status: Type.Literal('UP') }) } },
    },
    async () => {
      app.store.sqlite.prepare('select 1').get();
      return { status: 'UP' as const };
    },
  );
}
