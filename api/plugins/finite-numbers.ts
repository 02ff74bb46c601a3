// Numbers in the query string must be finite. Ajv's type coercion reads "1e309" as Infinity and
// then lets it pass `integer` and `maximum` (seen with ajv 8.20); Infinity would reach the store
// as a LIMIT and fail there with a 500. Such a value is refused here as the bad field it is.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { invalidField, t } from '../problems.js';

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

async function finiteNumbersPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (query === undefined || query === null) return;
    for (const [name, value] of Object.entries(query)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v === 'string' && NUMBER.test(v) && !Number.isFinite(Number(v))) {
          throw invalidField(`querystring.${name}`, t('数值超出范围', 'the number is out of range'));
        }
      }
    }
  });
}

export default fp(finiteNumbersPlugin, { name: 'suqiu-finite-numbers', fastify: '5.x' });
