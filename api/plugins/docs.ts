// The OpenAPI 3 document of every route (/docs/json) and Swagger UI to read and try it (/docs).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Problem } from '../schemas.js';
import { SESSION_COOKIE } from '../auth/session.js';

async function docsPlugin(app: FastifyInstance): Promise<void> {
  app.addSchema(Problem);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Suqiu 诉求 API',
        version: '0.1.0',
        description:
          '群众诉求办理的接口:工作人员的登录、受理、待办、签字与案卷,群众的提交、查询、签字与评价。' +
          ' The API of Suqiu for staff (session cookie from POST /api/session) and citizens (/api/public, no login). ' +
          'Errors are RFC 9457 application/problem+json. Each operation says who may call it in x-suqiu-access.',
        license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      tags: [
        { name: 'session', description: '登录与身份 Login and identity' },
        { name: 'requests', description: '诉求受理与查询 Intake and search (staff)' },
        { name: 'tasks', description: '待办任务 Task work (staff)' },
        { name: 'case-file', description: '一案一卷 The case file' },
        { name: 'public', description: '群众 Citizens (no login)' },
        { name: 'ledgers', description: '台账 Ledgers per unit and level, CSV' },
        { name: 'supervision', description: '督办 Weekly reports, red and black lists, interviews' },
        { name: 'spot-checks', description: '四不两直 On-the-spot checks' },
        { name: 'discipline', description: '移交纪委 Hand-over to the discipline commission' },
        { name: 'figures', description: '统计 Figures for the dashboard' },
        { name: 'claims', description: '公开发榜 Open claims with points' },
        { name: 'open311', description: 'Open311 GeoReport v2' },
        { name: 'notifications', description: '消息 The workbench inbox' },
        { name: 'audit', description: '审计 The audit trail' },
        { name: 'admin', description: '管理 Administration' },
      ],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
}

export default fp(docsPlugin, { name: 'suqiu-docs', fastify: '5.x' });
