// Search requests (`{ filter, sort, page }`) read into the search layer's query, and the page
// part of search responses. Filters accept Camunda's plain values and advanced operators
// ($eq, $neq, $exists, $in, $notIn, $like, $gt, $gte, $lt, $lte). Pages are offset based
// (`from`/`limit`) or cursor based (`after`/`before` with the cursors of an earlier answer).

import type { Condition, EntityDef, FieldDef, Op, SearchQuery, VariableCondition } from '../state/search.js';
import { likeToGlob } from '../state/search.js';
import { invalidArgument } from './problem.js';
import { object, parseDateTime, parseKeyValue, unreadable, type Json } from './validate.js';

export const DEFAULT_LIMIT = 100;

export interface ParsedSearch {
  query: SearchQuery;
}

export interface SearchOptions {
  /** filter fields Camunda knows but the embedded engine cannot answer: rejected, not ignored */
  unsupported?: string[];
  /** accept `$or` groups (process instances) */
  allowOr?: boolean;
}

export function parseSearch(body: unknown, entity: EntityDef, options: SearchOptions = {}): SearchQuery {
  const request = object(body);
  const { offset, limit } = parsePage(request.page);
  const sort = parseSort(request.sort, entity);
  const filter = object(request.filter, 'filter');
  const conditions = parseFilter(filter, entity, 'filter', options);
  let anyOf: Condition[][] | undefined;
  if (options.allowOr && filter.$or !== undefined && filter.$or !== null) {
    if (!Array.isArray(filter.$or)) throw unreadable('filter.$or');
    anyOf = filter.$or.map((group, i) => parseFilter(object(group, `filter.$or[${i}]`), entity, `filter.$or[${i}]`, options));
  }
  return { conditions, anyOf, sort, offset, limit };
}

// ------------------------------------------------------------------------------------------
// page

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeCursor(cursor: unknown, field: string): number {
  if (typeof cursor !== 'string') throw unreadable(`page.${field}`);
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof value.offset === 'number' && Number.isSafeInteger(value.offset) && value.offset >= 0) return value.offset;
  } catch {
    // fall through
  }
  throw invalidArgument(`The value for page.${field} is '${cursor}' but must be a cursor returned by an earlier search`);
}

function pageInteger(page: Json, field: string): number | undefined {
  const value = page[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw unreadable(`page.${field}`);
  return value;
}

function parsePage(value: unknown): { offset: number; limit: number } {
  const page = object(value, 'page');
  const limit = pageInteger(page, 'limit') ?? DEFAULT_LIMIT;
  const from = pageInteger(page, 'from');
  const violations: string[] = [];
  if (limit < 1) violations.push(`The value for page.limit is '${limit}' but must be greater than 0`);
  if (from !== undefined && from < 0) violations.push(`The value for page.from is '${from}' but must be greater than or equal to 0`);
  const hasAfter = page.after !== undefined && page.after !== null;
  const hasBefore = page.before !== undefined && page.before !== null;
  if (hasAfter && hasBefore) violations.push('Both searchAfter and searchBefore cannot be set at the same time');
  if (violations.length) throw invalidArgument(violations);
  if (hasAfter) return { offset: decodeCursor(page.after, 'after'), limit };
  if (hasBefore) {
    const end = decodeCursor(page.before, 'before');
    const offset = Math.max(0, end - limit);
    return { offset, limit: Math.max(0, end - offset) };
  }
  return { offset: from ?? 0, limit };
}

/** the `page` object of a search answer */
export function pageResponse(query: SearchQuery, total: number, count: number) {
  const page: { totalItems: number; startCursor?: string; endCursor?: string } = { totalItems: total };
  if (count > 0) {
    page.startCursor = encodeCursor(query.offset);
    page.endCursor = encodeCursor(query.offset + count);
  }
  return page;
}

// ------------------------------------------------------------------------------------------
// sort

function parseSort(value: unknown, entity: EntityDef): SearchQuery['sort'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw unreadable('sort');
  const violations: string[] = [];
  const sort: SearchQuery['sort'] = [];
  value.forEach((entry, i) => {
    const s = object(entry, `sort[${i}]`);
    const field = s.field;
    const order = s.order === undefined || s.order === null ? 'ASC' : s.order;
    if (field === undefined || field === null) violations.push('Sort field must not be null');
    else if (typeof field !== 'string') throw unreadable(`sort[${i}].field`);
    else if (!(field in entity.sorts)) violations.push(`Unknown sortBy: ${field}`);
    if (typeof order !== 'string' || !['ASC', 'DESC'].includes(order.toUpperCase())) violations.push(`Unknown sortOrder: ${String(order)}`);
    else if (typeof field === 'string' && field in entity.sorts) sort.push({ field, order: order.toUpperCase() as 'ASC' | 'DESC' });
  });
  if (violations.length) throw invalidArgument(violations);
  return sort;
}

// ------------------------------------------------------------------------------------------
// filter

const OPERATORS: Record<FieldDef['kind'], string[]> = {
  key: ['$eq', '$neq', '$exists', '$in', '$notIn'],
  string: ['$eq', '$neq', '$exists', '$in', '$notIn', '$like'],
  enum: ['$eq', '$neq', '$exists', '$in', '$like'],
  int: ['$eq', '$neq', '$exists', '$gt', '$gte', '$lt', '$lte', '$in'],
  date: ['$eq', '$neq', '$exists', '$gt', '$gte', '$lt', '$lte', '$in'],
  bool: [],
  variables: [],
};

function parseFilter(filter: Json, entity: EntityDef, prefix: string, options: SearchOptions): Condition[] {
  const conditions: Condition[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (value === undefined || value === null || field === '$or') continue;
    if (options.unsupported?.includes(field)) {
      throw invalidArgument(`The filter '${field}' is not supported by the embedded engine`);
    }
    const def = entity.filters[field];
    if (!def) continue; // unknown properties are ignored, as Camunda's JSON mapper does
    const path = `${prefix}.${field}`;
    if (def.kind === 'variables') conditions.push({ field, variables: parseVariableFilters(value, path) });
    else conditions.push({ field, ops: parseOps(value, def, path) });
  }
  return conditions;
}

function parseVariableFilters(value: unknown, path: string): VariableCondition[] {
  if (!Array.isArray(value)) throw unreadable(path);
  return value.map((entry, i) => {
    const v = object(entry, `${path}[${i}]`);
    if (typeof v.name !== 'string' || v.name === '') throw invalidArgument(`No ${path}[${i}].name provided`);
    if (v.value === undefined || v.value === null) throw invalidArgument(`No ${path}[${i}].value provided`);
    return { name: v.name, ops: parseOps(v.value, { kind: 'string', sql: '' }, `${path}[${i}].value`) };
  });
}

function parseOps(value: unknown, def: FieldDef, path: string): Op[] {
  if (def.kind === 'bool') {
    if (typeof value !== 'boolean') throw unreadable(path);
    return [{ op: 'eq', value: value ? 1 : 0 }];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ op: 'eq', value: scalar(value, def, path) }];
  }
  const ops: Op[] = [];
  for (const [operator, operand] of Object.entries(value as Json)) {
    if (operand === undefined || operand === null) continue;
    if (!OPERATORS[def.kind].includes(operator)) continue; // unknown operators are ignored
    const at = `${path}.${operator}`;
    switch (operator) {
      case '$exists':
        if (typeof operand !== 'boolean') throw unreadable(at);
        ops.push({ op: 'exists', value: operand });
        break;
      case '$in':
      case '$notIn':
        if (!Array.isArray(operand)) throw unreadable(at);
        ops.push({ op: operator === '$in' ? 'in' : 'notIn', values: operand.map((v, i) => scalar(v, def, `${at}[${i}]`)) });
        break;
      case '$like':
        if (typeof operand !== 'string') throw unreadable(at);
        ops.push({ op: 'like', pattern: likeToGlob(operand) });
        break;
      default:
        ops.push({ op: operator.slice(1) as 'eq', value: scalar(operand, def, at) });
    }
  }
  return ops;
}

function scalar(value: unknown, def: FieldDef, path: string): string | number {
  switch (def.kind) {
    case 'key':
      return parseKeyValue(value, path);
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw unreadable(path);
      return value;
    case 'date':
      return parseDateTime(value, path.replace(/^filter\./, ''));
    case 'enum': {
      if (typeof value !== 'string') throw unreadable(path);
      if (!def.values!.includes(value)) {
        const field = path.split('.').filter((p) => !p.startsWith('$')).pop();
        throw invalidArgument(`Unexpected value '${value}' for enum field '${field}'. Use any of the following values: [${def.values!.join(', ')}]`);
      }
      return value;
    }
    default:
      if (typeof value !== 'string') throw unreadable(path);
      return value;
  }
}
